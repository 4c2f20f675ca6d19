package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import lddgan.config.Profile;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.TimingProtocol;
import lddgan.report.Results;
import lddgan.report.SeedTable;
import lddgan.train.TrainingConfig;
import tech.tablesaw.api.Table;

/**
 * Models trained side by side over several training seeds (issue 23, item 1; notebooks 02 and 04): seed after seed,
 * and within a seed the models in {@link #TURNS} turns, each training the next tenth of its budget in its turn
 * ({@link CurveRun#advanceTo}), so that a slower stretch of the machine falls on every model alike (issue 23, item 3:
 * the budget table compares their training times; on the Zen 5 machine of 6 December 2026 the same 60 DDGAN steps
 * took 213 s and 193 s in two runs, stretches of minutes ran 25 % slower). The weights do not depend on the turns
 * (each step draws from (seed, step)). Each model is logged as {@link ModelRun#openLogged} logs it, with the setup of
 * its seed ({@link ModelRun.Setup#withSeed}). Where a step budget cannot give equal times (a machine whose speed
 * drifts from run to run by more than the tolerance: lib/TRAINING.md), the budget is a training time instead, and the
 * turns share it.
 *
 * @param labels the models in table order ("DDGAN", "WDDGAN", "LDDGAN")
 * @param configs label to its sized training configuration
 * @param runs seed to label to its run
 */
public record SeededComparison(List<String> labels, Map<String, TrainingConfig> configs,
                               Map<Long, Map<String, ModelRun.Convergence>> runs) {
    /** In how many turns the models of one seed share their training (each trains a tenth of its budget per turn). */
    public static final int TURNS = 10;

    /**
     * Each label's preset at {@code profile}, its per-epoch schedules sized to its run ({@link ModelRun#sized}).
     *
     * @param presets the training preset of each label, in the same order
     * @param steps the total steps of a preset
     */
    public static Map<String, TrainingConfig> sized(List<String> labels, List<String> presets, ToLongFunction<String> steps,
            Profile profile, int trainSize) {
        Map<String, TrainingConfig> configs = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            configs.put(labels.get(i), ModelRun.sized(TrainingConfig.preset(presets.get(i), profile),
                    steps.applyAsLong(presets.get(i)), trainSize));
        }
        return configs;
    }

    /**
     * Trains every configuration with every seed in {@link #TURNS} turns (resuming what checkpoints hold), evaluating
     * at {@code evaluateAt} of its label, and prints one line per run.
     *
     * @param evaluateAt a label's evaluation points (total steps; the last is its budget)
     */
    public static SeededComparison train(Map<String, TrainingConfig> configs, Map<String, List<Long>> evaluateAt,
            List<Long> seeds, ModelRun.Setup setup, TimingProtocol pointTiming, Results results, NDManager manager)
            throws IOException {
        return train(configs, evaluateAt, 0, seeds, setup, pointTiming, results, manager);
    }

    /**
     * {@link #train(Map, Map, List, ModelRun.Setup, TimingProtocol, Results, NDManager)} under a time budget of
     * {@code seconds} per model ({@link CurveRun#timed}; 0: the step budgets): in turn k each model trains until the
     * logged seconds of its steps reach k / {@link #TURNS} of it, so all end within one step of the same time; each
     * label's one evaluation point is its planned steps (the length of its schedules).
     */
    public static SeededComparison train(Map<String, TrainingConfig> configs, Map<String, List<Long>> evaluateAt,
            double seconds, List<Long> seeds, ModelRun.Setup setup, TimingProtocol pointTiming, Results results,
            NDManager manager) throws IOException {
        Map<Long, Map<String, ModelRun.Convergence>> runs = new LinkedHashMap<>();
        for (long seed : seeds) {
            ModelRun.Setup seeded = setup.withSeed(seed);
            try (OpenRuns open = new OpenRuns(new LinkedHashMap<>())) {
                for (var e : configs.entrySet()) {
                    open.runs().put(e.getKey(), ModelRun.openLogged(e.getValue(), evaluateAt.get(e.getKey()), seconds,
                            seeded, pointTiming, results, manager));
                }
                for (int turn = 1; turn <= TURNS; turn++) {
                    for (CurveRun run : open.runs().values()) {
                        run.advanceToShare(turn, TURNS);
                    }
                }
                Map<String, ModelRun.Convergence> bySeed = new LinkedHashMap<>();
                for (var e : open.runs().entrySet()) {
                    ModelRun.Convergence run = e.getValue().finish();
                    bySeed.put(e.getKey(), run);
                    GanEvaluation last = run.last().evaluation();
                    System.out.printf(java.util.Locale.ROOT, "%s, seed %d: %s; %.0f s wall time in training calls%n",
                            e.getKey(), seed, last.summary(), last.trainingSeconds());
                }
                runs.put(seed, bySeed);
            }
        }
        return new SeededComparison(List.copyOf(configs.keySet()), configs, runs);
    }

    /**
     * The runs of one seed, open while they take turns: closed together by try-with-resources (a failure of training
     * stays the thrown one, failures to close are suppressed in it), the first failure to close thrown after all
     * were tried.
     */
    private record OpenRuns(Map<String, CurveRun> runs) implements java.io.Closeable {
        @Override
        public void close() throws IOException {
            IOException first = null;
            for (CurveRun run : runs.values()) {
                try {
                    run.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** The final run of {@code label} trained with {@code seed}. */
    public ModelRun last(long seed, String label) {
        return runs.get(seed).get(label).last();
    }

    /** The first seed's final runs (sample grids are drawn from them). */
    public Map<String, ModelRun> firstSeed() {
        Map<String, ModelRun> first = new LinkedHashMap<>();
        runs.values().iterator().next().forEach((label, run) -> first.put(label, run.last()));
        return first;
    }

    /** Seed to the final evaluations, in label order. */
    public Map<Long, List<GanEvaluation>> finals() {
        Map<Long, List<GanEvaluation>> finals = new LinkedHashMap<>();
        runs.forEach((seed, bySeed) -> finals.put(seed, labels.stream().map(l -> bySeed.get(l).last().evaluation()).toList()));
        return finals;
    }

    /**
     * {@link #finals()} with each run's training time taken from its training log in {@code results}
     * ({@code train-log-<config><seed suffix>.jsonl}, {@link MatchedBudget#loggedTrainingSeconds}): the sum of its
     * steps' times, which a run resumed from a checkpoint keeps (the evaluation's own training time counts only the
     * last process's steps). This is what a budget table compares.
     */
    public Map<Long, List<GanEvaluation>> finalsWithLoggedTime(Results results, ModelRun.Setup setup) throws IOException {
        Map<Long, List<GanEvaluation>> finals = new LinkedHashMap<>();
        for (var e : finals().entrySet()) {
            List<GanEvaluation> rows = new java.util.ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                String stem = TrainingSetup.fileName(configs.get(labels.get(i)).name())
                        + setup.withSeed(e.getKey()).seedSuffix();
                rows.add(e.getValue().get(i).withTrainingSeconds(
                        MatchedBudget.loggedTrainingSeconds(TrainingSetup.trainingLog(results, stem))));
            }
            finals.put(e.getKey(), rows);
        }
        return finals;
    }

    /** Seed to label to its evaluations along training (the convergence curves). */
    public Map<Long, Map<String, List<GanEvaluation>>> curves() {
        Map<Long, Map<String, List<GanEvaluation>>> curves = new LinkedHashMap<>();
        runs.forEach((seed, bySeed) -> {
            Map<String, List<GanEvaluation>> c = new LinkedHashMap<>();
            bySeed.forEach((label, run) -> c.put(label, run.curve()));
            curves.put(seed, c);
        });
        return curves;
    }

    /** Every seed's table, one row per label ({@code PaperTables::table3}, {@code ::table12}), stacked with a seed column. */
    public Table perSeed(String title, BiFunction<List<String>, List<GanEvaluation>, Table> table) {
        Map<Long, Table> tables = new LinkedHashMap<>();
        finals().forEach((seed, rows) -> tables.put(seed, table.apply(labels, rows)));
        return SeedTable.stack(title, tables);
    }

    /**
     * The summary of {@link #perSeed} (mean and seed-sd per label) with the real-data row below, in the same table's
     * columns.
     */
    public Table summary(String title, Table perSeed, BiFunction<List<String>, List<GanEvaluation>, Table> table,
            GanEvaluation real) {
        return SeedTable.withRealData(title, perSeed, "model", table.apply(List.of(real.model()), List.of(real)));
    }
}
