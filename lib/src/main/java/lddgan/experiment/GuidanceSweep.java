package lddgan.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.TimingProtocol;
import lddgan.report.ImageGrid;
import lddgan.report.SampleQualityColumns;
import lddgan.sampling.DdimSampler;
import lddgan.sampling.Sampler;
import lddgan.train.DiffusionTrainer;
import lddgan.train.TrainingSummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A classifier-free guidance sweep (Ho & Salimans Eq. (6); notebook 05): for each scale w, FID, precision, recall and
 * time of DDIM with eta = 1 (they sample ancestrally), and a class-conditional grid, one class per row, the same
 * x_T in every grid.
 *
 * @param table one row per scale
 * @param grids scale to its grid (eight samples of each of the ten classes)
 */
public record GuidanceSweep(Table table, Map<Double, BufferedImage> grids) {
    /** Samples per class in the grids. */
    public static final int GRID_PER_CLASS = 8;
    /** Classes in the grids (CIFAR-10). */
    public static final int GRID_CLASSES = 10;

    /**
     * Runs the sweep of {@code budget} ({@link LatentDiffusionBudget#guidanceScales()}, its guided steps, timing and
     * sample count) with the setup's extractor, reference and real features: evaluation seed
     * {@link ModelRun#EVALUATION_SEED} + the setup's training seed, grid seed 99.
     */
    public static GuidanceSweep run(DiffusionTrainer diffusion, TrainingSummary summary, LatentDiffusionBudget budget,
            ModelRun.Setup setup, Device device, NDManager manager) {
        return run(diffusion, summary, budget.guidanceScales(), budget.guidedSteps(), budget.guidanceSamples(),
                budget.guidanceTiming(), setup, device, manager);
    }

    /**
     * The sweep over {@code scales} with DDIM-{@code guidedSteps} (eta = 1), {@code samples} images per scale timed by
     * {@code timing} (notebook 07's cross-attention comparison; notebook 05 through its budget). Each finished scale is
     * recorded beside the network's checkpoints ({@link RecordedEvaluations}): a sweep that stopped goes on from there.
     */
    public static GuidanceSweep run(DiffusionTrainer diffusion, TrainingSummary summary, List<Double> scales,
            int guidedSteps, int samples, TimingProtocol timing, ModelRun.Setup setup, Device device,
            NDManager manager) {
        Sampler sampler = new DdimSampler(diffusion.schedule(), guidedSteps, 1);
        int[] gridLabels = new int[GRID_PER_CLASS * GRID_CLASSES];
        for (int i = 0; i < gridLabels.length; i++) {
            gridLabels[i] = i / GRID_PER_CLASS;
        }
        List<GanEvaluation> rows = new ArrayList<>();
        Map<Double, BufferedImage> grids = new LinkedHashMap<>();
        RecordedEvaluations record = RecordedEvaluations.beside(diffusion);
        for (double w : scales) {
            String model = diffusion.config().name() + " w=" + w;
            rows.add(record.evaluate(model, summary.steps(), samples, guidedSteps, timing, setup, () -> GanEvaluation.of(
                    model, summary, diffusion.images(sampler, w), guidedSteps, setup.extractor(), setup.reference(),
                    setup.realFeatures(), samples, timing, device, manager, ModelRun.EVALUATION_SEED + setup.seed())));
            NDArray grid = diffusion.sample(manager, sampler, gridLabels.length, gridLabels.length, 99, gridLabels, w);
            grids.put(w, ImageGrid.of(grid, GRID_PER_CLASS, 2));
            grid.close();
        }
        Table cfg = Table.create("Classifier-free guidance sweep (DDIM-" + guidedSteps + ", eta 1)")
                .addColumns(DoubleColumn.create("w", scales.stream().mapToDouble(Double::doubleValue).toArray()));
        SampleQualityColumns.fidKidIs(rows).forEach(cfg::addColumns);
        cfg.addColumns(SampleQualityColumns.column("precision", rows, GanEvaluation::precision),
                SampleQualityColumns.column("recall", rows, GanEvaluation::recall),
                SampleQualityColumns.column("time_s", rows, e -> e.time().meanSeconds()));
        return new GuidanceSweep(cfg, grids);
    }
}
