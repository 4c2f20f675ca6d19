package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The two nonlinearities of the reference networks. */
public enum Nonlinearity {
    /** SiLU (swish), x * sigmoid(x): everywhere in the generator (REFERENCE-CODE.md section 2). */
    SILU,
    /** LeakyReLU with slope 0.2: everywhere in the discriminator (REFERENCE-CODE.md section 3). */
    LEAKY_RELU;

    /** The negative slope of {@link #LEAKY_RELU}. */
    public static final float LEAKY_SLOPE = 0.2f;

    /** Applies the nonlinearity element-wise (the plain one; see {@link #apply(NDArray, ActivationPattern)}). */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case SILU -> x.mul(Activation.sigmoid(x));
            case LEAKY_RELU -> Activation.leakyRelu(x, LEAKY_SLOPE);
        };
    }

    /**
     * Applies the nonlinearity element-wise, a LeakyReLU as {@code pattern} says (plain, recorded or replayed; SiLU
     * ignores it).
     */
    public NDArray apply(NDArray x, ActivationPattern pattern) {
        return this == LEAKY_RELU ? pattern.leakyRelu(x, LEAKY_SLOPE) : apply(x);
    }
}
