package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.loss.ReconstructionWeighting;
import lddgan.metrics.GanEvaluation;
import lddgan.report.PaperTables;
import lddgan.report.SeedTable;
import lddgan.train.ProgressBar;
import lddgan.train.TrainingConfig;
import tech.tablesaw.api.Table;

/**
 * LDDGAN's loss ablation (Sec. 5.3.1, Table 6) over seeds: the adversarial loss alone and with the reconstruction
 * loss at lambda = 1, trained with the Weighted Learning run's configuration, budget and seeds; the Weighted Learning
 * run itself is the main comparison's LDDGAN.
 */
public final class LossAblation {
    /** Table 6's variants, in its order. */
    public static final List<String> VARIANTS = List.of("AdvLoss", "AdvLoss+RecLoss", "AdvLoss+RecLoss+WL");

    private LossAblation() {
    }

    /**
     * Trains the two variants without Weighted Learning for every seed of {@code withWeightedLearning} and returns
     * Table 6's rows of every seed, stacked ({@link SeedTable#stack}); prints one line per run. Each variant trains
     * the steps its seed's Weighted Learning run trained (Table 6 compares losses at equal steps; under notebook 02's
     * time budget those steps differ from seed to seed).
     *
     * @param wl LDDGAN's configuration (Weighted Learning)
     * @param withWeightedLearning seed to the evaluation of the Weighted Learning run of that seed
     */
    public static Table perSeed(TrainingConfig wl, Map<Long, GanEvaluation> withWeightedLearning,
            ModelRun.Setup setup, NDManager manager) throws IOException {
        Map<Long, Table> tables = new LinkedHashMap<>();
        for (var e : withWeightedLearning.entrySet()) {
            List<GanEvaluation> rows = new ArrayList<>();
            for (var v : List.of(ReconstructionWeighting.NONE, ReconstructionWeighting.FIXED)) {
                TrainingConfig c = wl.withReconstruction(wl.name() + "-" + v.name().toLowerCase(), v);
                ModelRun run = ModelRun.trainAndEvaluate(c, e.getValue().steps(), setup.withSeed(e.getKey()),
                        List.of(new ProgressBar(System.out, 60)), manager);
                rows.add(run.evaluation());
                System.out.println(VARIANTS.get(rows.size() - 1) + ", seed " + e.getKey() + ": " + run.evaluation().summary());
            }
            rows.add(e.getValue());
            tables.put(e.getKey(), PaperTables.table6(VARIANTS, rows));
        }
        return SeedTable.stack("Table 6 analogue per seed", tables);
    }

    /** Table 6's summary: mean and seed-sd per variant, the real-data row below. */
    public static Table summary(Table perSeed, GanEvaluation real) {
        return SeedTable.withRealData("Table 6 analogue (CIFAR-10): mean and sd over seeds, ours vs the paper", perSeed,
                "variant", PaperTables.table6(List.of(real.model()), List.of(real)));
    }
}
