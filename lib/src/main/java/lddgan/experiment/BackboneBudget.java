package lddgan.experiment;

import java.util.ArrayList;
import java.util.List;
import lddgan.metrics.TimingProtocol;

/**
 * Notebook 04's budget (LDDGAN Appendix C, Tables 11-12 and the convergence claim),
 * {@code presets/experiments/04-backbone.json}: every generator trains the same steps, evaluated at {@code points}
 * evenly spaced points, every {@code stepsPerPoint} steps or every {@code epochsPerPoint} epochs (exactly one of
 * the two is positive).
 *
 * @param points evaluations along training (the convergence curve)
 * @param stepsPerPoint steps between them, or 0
 * @param epochsPerPoint epochs between them, or 0
 * @param seeds the training seeds of every generator (issue 23; cpu 3, smoke 1)
 * @param samples generated images per evaluation
 * @param timing the sampling-time protocol of the final evaluation
 * @param pointTiming the lighter protocol of the earlier curve points
 */
public record BackboneBudget(int points, long stepsPerPoint, int epochsPerPoint, List<Long> seeds, int samples,
                             TimingProtocol timing, TimingProtocol pointTiming) {
    public BackboneBudget {
        seeds = Seeds.check(seeds);
        if (points < 1 || samples < 1 || stepsPerPoint < 0 || epochsPerPoint < 0
                || (stepsPerPoint > 0) == (epochsPerPoint > 0)) {
            throw new IllegalArgumentException("need points >= 1, samples >= 1 and exactly one of stepsPerPoint and "
                    + "epochsPerPoint positive, got " + points + ", " + samples + ", " + stepsPerPoint + ", "
                    + epochsPerPoint);
        }
    }

    /** The total steps of each evaluation point, for a run with {@code stepsPerEpoch} steps per epoch. */
    public List<Long> evaluateAt(int stepsPerEpoch) {
        long every = stepsPerPoint > 0 ? stepsPerPoint : (long) epochsPerPoint * stepsPerEpoch;
        List<Long> at = new ArrayList<>();
        for (int p = 1; p <= points; p++) {
            at.add(p * every);
        }
        return List.copyOf(at);
    }
}
