package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * How a forward pass computes its LeakyReLUs: {@link #PLAIN} (the ordinary LeakyReLU), {@link #recording} (plain,
 * and the slope of every element, 1 or the negative slope, is kept in order), or {@link #replaying} a recording (every
 * LeakyReLU uses the recorded slopes, in the recorded order). A pass that replays computes the network with the same
 * linear pieces as the recorded pass, so the network is smooth in its input and a central difference along an input
 * direction gives the derivative that automatic differentiation gives (whose derivative of LeakyReLU ignores the
 * kinks); {@code lddgan.loss.R1Penalty} relies on it.
 *
 * <p>The pattern is an argument of the forward pass (for example
 * {@code lddgan.discriminator.Discriminator#forward(ai.djl.training.ParameterStore, NDArray, NDArray, NDArray,
 * boolean, ActivationPattern)}), never global state: {@link Nonlinearity#LEAKY_RELU} is always the plain LeakyReLU.
 */
public final class ActivationPattern {
    /** The ordinary LeakyReLU: nothing recorded, nothing replayed. */
    public static final ActivationPattern PLAIN = new ActivationPattern(null, null, false);

    private final NDManager scope;
    private final List<NDArray> slopes;
    private final boolean replay;
    private int next;

    private ActivationPattern(NDManager scope, List<NDArray> slopes, boolean replay) {
        this.scope = scope;
        this.slopes = slopes;
        this.replay = replay;
    }

    /**
     * A pattern that records the slope of every LeakyReLU element of the passes it is given to.
     *
     * @param scope where the recorded slopes live (they are freed with it)
     */
    public static ActivationPattern recording(NDManager scope) {
        return new ActivationPattern(scope, new ArrayList<>(), false);
    }

    /**
     * A pattern that replays this recording from its first LeakyReLU on (one per replayed pass).
     *
     * @throws IllegalStateException when this pattern is not a recording
     */
    public ActivationPattern replaying() {
        if (slopes == null || replay) {
            throw new IllegalStateException("only a recording can be replayed");
        }
        return new ActivationPattern(scope, slopes, true);
    }

    /**
     * Checks that a replaying pass used every recorded LeakyReLU.
     *
     * @throws IllegalStateException when it used fewer than were recorded
     */
    public void checkComplete() {
        if (replay && next != slopes.size()) {
            throw new IllegalStateException("replayed " + next + " LeakyReLUs of " + slopes.size() + " recorded");
        }
    }

    /**
     * LeakyReLU of {@code x} with slope {@code negativeSlope} below zero: plain, recorded or replayed.
     *
     * @throws IllegalStateException when a replaying pass calls more LeakyReLUs, or on other shapes, than recorded
     */
    public NDArray leakyRelu(NDArray x, float negativeSlope) {
        if (slopes == null) {
            return Activation.leakyRelu(x, negativeSlope);
        }
        NDArray slope;
        if (!replay) {
            slope = x.gte(0f).toType(x.getDataType(), false).muli(1f - negativeSlope).addi(negativeSlope);
            slope.attach(scope);
            slopes.add(slope);
        } else {
            if (next >= slopes.size() || !slopes.get(next).getShape().equals(x.getShape())) {
                throw new IllegalStateException("LeakyReLU " + next + " on " + x.getShape()
                        + " does not match the recorded pass");
            }
            slope = slopes.get(next++);
        }
        return x.mul(slope);
    }
}
