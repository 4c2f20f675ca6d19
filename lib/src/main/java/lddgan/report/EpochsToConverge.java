package lddgan.report;

import java.util.Arrays;

/**
 * "Epochs to converge" as a short run can measure it (LDDGAN Table 7's parenthesis for the autoencoders, Appendix C's
 * "the CNN converged in ~1500 epochs, the ViT in ~2300" for the generators): the first evaluated epoch at which a
 * curve's value (rFID, FID; lower is better) is within {@link #TARGET_FACTOR} of the best final value of the runs
 * compared. Notebooks 03 and 04 use this one rule.
 */
public final class EpochsToConverge {
    /** The target is this factor times the best (lowest) final value: within 10 %. */
    public static final double TARGET_FACTOR = 1.10;

    private EpochsToConverge() {
    }

    /** {@link #TARGET_FACTOR} times the lowest of the runs' final values. */
    public static double target(double... finals) {
        if (finals.length == 0) {
            throw new IllegalArgumentException("no final values to take a target from");
        }
        double best = Arrays.stream(finals).min().getAsDouble();
        return TARGET_FACTOR * best;
    }

    /**
     * The first of {@code epochs} whose value is at most {@code target}, NaN when none is (the run never got there
     * within its budget).
     *
     * @param epochs the evaluated epochs, in training order
     * @param values the curve's value at each
     */
    public static double epochsToReach(double[] epochs, double[] values, double target) {
        if (epochs.length != values.length) {
            throw new IllegalArgumentException(epochs.length + " epochs but " + values.length + " values");
        }
        for (int i = 0; i < epochs.length; i++) {
            if (values[i] <= target) {
                return epochs[i];
            }
        }
        return Double.NaN;
    }
}
