package lddgan.experiment;

import java.util.Collection;
import java.util.Map;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.TimingProtocol;
import lddgan.train.TrainingConfig;

/**
 * Notebook 02's budget (LDDGAN Sec. 5.2, 5.3.1; Tables 3 and 6), {@code presets/experiments/02-main-results.json}:
 * the step budget of each training preset, calibrated so that the three models train for the same measured time at
 * the profile on the project's machine ({@link MatchedBudget}; DDGAN's pixel-space generator is ~4x slower per step),
 * or a time budget with those steps as planned lengths (cpu), the training seeds, the generated samples per evaluation
 * and the sampling-time protocol (Sec. 5.1.2).
 *
 * @param steps training preset to its total steps, in the order the models train; under a time budget its planned
 *     steps (the length of its schedules), calibrated as a step budget would be
 * @param seconds the training time of every model when the budget is a time (issue 23, item 3: a step budget did not
 *     give times within 5 % on a machine whose speed drifts, lib/TRAINING.md), each ending within one step of it;
 *     0 for a step budget (smoke and paper: deterministic)
 * @param seeds the training seeds of every model (issue 23: at least 3 where orderings are judged; smoke 1)
 * @param samples generated images per evaluation (FID, precision / recall)
 * @param timing how the time of a batch of 100 is measured
 */
public record MainComparisonBudget(Map<String, Long> steps, double seconds, java.util.List<Long> seeds, int samples,
                                   TimingProtocol timing) {
    public MainComparisonBudget {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0 (0: a step budget), got " + seconds);
        }
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
        seeds = Seeds.check(seeds);
        if (steps.isEmpty() || steps.values().stream().anyMatch(s -> s == null || s < 1) || samples < 1) {
            throw new IllegalArgumentException("need a positive step budget per preset and samples >= 1, got " + steps
                    + ", " + samples);
        }
    }

    /** The step budget of a training preset. */
    public long steps(String preset) {
        Long s = steps.get(preset);
        if (s == null) {
            throw new IllegalArgumentException("no step budget for preset '" + preset + "'; budgets: " + steps);
        }
        return s;
    }

    /**
     * How notebook 02's runs of a preset went under this budget, for the conditions of a chapter that reuses them
     * (notebook 05's LDDGAN row): the configuration, then either the time budget with the planned steps and the step
     * each seed's run reached, or the step budget.
     *
     * @param preset the training preset of the runs
     * @param config the configuration they trained with
     * @param runs the evaluation at the end of each seed's run, in seed order
     */
    public String describeRuns(String preset, TrainingConfig config, Collection<GanEvaluation> runs) {
        String extent = seconds > 0
                ? seconds + " s of logged training (planned " + steps(preset) + " steps), steps "
                        + runs.stream().map(GanEvaluation::steps).toList()
                : steps(preset) + " steps";
        return config + ", notebook 02's run of each seed: " + extent;
    }
}
