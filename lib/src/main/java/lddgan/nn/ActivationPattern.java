package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The on/off pattern of a network's LeakyReLUs, recorded in one forward pass and replayed in later ones, so that
 * the later passes compute the network with the same linear pieces. With the pattern frozen the discriminator is
 * smooth in its input, and a central difference along an input direction gives the same derivative that automatic
 * differentiation gives (whose derivative of LeakyReLU ignores the kinks); {@code lddgan.train.R1Penalty} relies on
 * it. Outside {@link #record} and {@link #replay}, {@link Nonlinearity#LEAKY_RELU} is the plain LeakyReLU.
 */
public final class ActivationPattern {
    private static final ThreadLocal<ActivationPattern> ACTIVE = new ThreadLocal<>();

    private final NDManager scope;
    private final List<NDArray> slopes = new ArrayList<>();
    private boolean recording = true;
    private int next;

    private ActivationPattern(NDManager scope) {
        this.scope = scope;
    }

    /**
     * Runs {@code pass} and records the slope (1 or the negative slope) of every LeakyReLU element it computes.
     *
     * @param scope where the recorded slopes live (they are freed with it)
     * @param result receives {@code pass}'s result
     * @return the recorded pattern
     */
    public static <T> ActivationPattern record(NDManager scope, Supplier<T> pass, List<T> result) {
        ActivationPattern pattern = new ActivationPattern(scope);
        result.add(pattern.within(pass));
        pattern.recording = false;
        return pattern;
    }

    /**
     * Runs {@code pass} with every LeakyReLU using the recorded slopes, in the recorded order.
     *
     * @throws IllegalStateException when the pass calls LeakyReLU more often or on other shapes than the recording
     */
    public <T> T replay(Supplier<T> pass) {
        next = 0;
        T out = within(pass);
        if (next != slopes.size()) {
            throw new IllegalStateException("replayed " + next + " LeakyReLUs of " + slopes.size() + " recorded");
        }
        return out;
    }

    private <T> T within(Supplier<T> pass) {
        ActivationPattern previous = ACTIVE.get();
        ACTIVE.set(this);
        try {
            return pass.get();
        } finally {
            ACTIVE.set(previous);
        }
    }

    /** LeakyReLU, recorded or replayed when a pattern is active on this thread. */
    static NDArray leakyRelu(NDArray x, float negativeSlope) {
        ActivationPattern pattern = ACTIVE.get();
        if (pattern == null) {
            return Activation.leakyRelu(x, negativeSlope);
        }
        NDArray slope;
        if (pattern.recording) {
            slope = x.gte(0f).toType(x.getDataType(), false).muli(1f - negativeSlope).addi(negativeSlope);
            slope.attach(pattern.scope);
            pattern.slopes.add(slope);
        } else {
            if (pattern.next >= pattern.slopes.size()
                    || !pattern.slopes.get(pattern.next).getShape().equals(x.getShape())) {
                throw new IllegalStateException("LeakyReLU " + pattern.next + " on " + x.getShape()
                        + " does not match the recorded pass");
            }
            slope = pattern.slopes.get(pattern.next++);
        }
        return x.mul(slope);
    }
}
