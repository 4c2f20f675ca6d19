package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication and division by a constant that are safe under automatic differentiation.
 *
 * <p>DJL 0.36's {@code NDArray.mul(Number)} and {@code div(Number)} wrap the constant in a scalar array whose memory
 * is a Java direct buffer borrowed by the engine ({@code torch::from_blob}, no copy, on the CPU), and close that
 * array as soon as the operation returns. PyTorch saves the other operand of a product or quotient for the backward
 * pass, so the saved scalar then points into a buffer that the garbage collector may free before the backward pass:
 * the gradients intermittently become garbage (NaN in about one of ten short training runs, with finite losses; see
 * lib/TRAINING.md). These helpers make the scalar with {@code full}, whose memory the engine owns and reference-counts.
 * Use them wherever the array may require a gradient.
 */
public final class Scalars {
    private Scalars() {
    }

    /** x * value, with an engine-owned scalar. */
    public static NDArray times(NDArray x, double value) {
        try (NDArray scalar = scalar(x, value)) {
            return x.mul(scalar);
        }
    }

    /**
     * x *= value in place, with an engine-owned scalar; returns x. Safe under autograd when x itself is not saved for a
     * backward pass (a sum, as a residual connection's, is not).
     */
    public static NDArray timesInPlace(NDArray x, double value) {
        try (NDArray scalar = scalar(x, value)) {
            return x.muli(scalar);
        }
    }

    /** x / value, with an engine-owned scalar. */
    public static NDArray over(NDArray x, double value) {
        try (NDArray scalar = scalar(x, value)) {
            return x.div(scalar);
        }
    }

    private static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
