package lddgan.report;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import lddgan.loss.ReconstructionWeighting;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.MetricLabel;

/**
 * The tables and figures of the main comparison (LDDGAN Sec. 5.2-5.3): ours beside the paper's printed values, never
 * on one axis with them.
 */
public final class PaperTables {
    /** Table 3 as printed: model to {FID, recall, NFE, time (s)} (time: batch of 100 on an RTX A5000). */
    public static final Map<String, double[]> PAPER_TABLE3 = Map.ofEntries(
            Map.entry("LDDGAN", new double[] {2.98, 0.58, 4, 0.08}), Map.entry("WDDGAN", new double[] {4.01, 0.55, 4, 0.08}),
            Map.entry("DDGAN", new double[] {3.75, 0.57, 4, 0.21}), Map.entry("DDPM", new double[] {3.21, 0.57, 1000, 80.5}),
            Map.entry("Probability Flow (VP)", new double[] {3.08, 0.57, 140, 50.9}),
            Map.entry("LSGM", new double[] {2.10, 0.61, 147, 44.5}), Map.entry("DDIM", new double[] {4.67, 0.53, 50, 4.01}),
            Map.entry("FastDDPM", new double[] {3.41, 0.56, 50, 4.01}),
            Map.entry("Score SDE (VP)", new double[] {2.41, 0.59, 2000, 421.5}),
            Map.entry("StyleGAN2 w/ ADA", new double[] {2.92, 0.49, 1, 0.04}));
    /** Table 6 (CIFAR-10) as printed: variant to {FID, recall}. */
    public static final Map<String, double[]> PAPER_TABLE6 = Map.of("AdvLoss", new double[] {3.15, 0.58},
            "AdvLoss+RecLoss", new double[] {3.09, 0.56}, "AdvLoss+RecLoss+WL", new double[] {3.03, 0.58});

    /** Table 12 (CIFAR-10, Appendix C) as printed: backbone to {FID, recall, NFE, time (s)}. */
    public static final Map<String, double[]> PAPER_TABLE12 = Map.of("CNN", new double[] {2.98, 0.58, 4, 0.08},
            "ViT Tiny", new double[] {4.33, 0.54, 4, 0.06}, "ViT Mid", new double[] {3.21, 0.57, 4, 0.09},
            "ViT Large", new double[] {2.97, 0.59, 4, 0.13});
    /** Appendix C: epochs to convergence as stated ("the CNN converged in ~1500 epochs, the ViT in ~2300"). */
    public static final Map<String, Double> PAPER_CONVERGENCE_EPOCHS = Map.of("CNN", 1500.0, "ViT", 2300.0);

    private PaperTables() {
    }

    /**
     * Table 3's analogue: one row per evaluated model, ours and the paper's values side by side.
     *
     * @param labels the paper's model name of each evaluation ("LDDGAN", "DDGAN", "WDDGAN")
     */
    public static Table table3(List<String> labels, List<GanEvaluation> rows) {
        return withTiming("Table 3 analogue (CIFAR-10): ours vs the paper", labels, rows, PAPER_TABLE3);
    }

    /**
     * Table 12's analogue (Appendix C): the CNN and the three ViT generators, FID, precision / recall, NFE and sampling
     * time of a batch of 100, beside the paper's values.
     *
     * @param labels "CNN", "ViT Tiny", "ViT Mid", "ViT Large"
     */
    public static Table table12(List<String> labels, List<GanEvaluation> rows) {
        return withTiming("Table 12 analogue (CIFAR-10): CNN vs ViT generator", labels, rows, PAPER_TABLE12);
    }

    private static Table withTiming(String title, List<String> labels, List<GanEvaluation> rows, Map<String, double[]> paperTable) {
        IntColumn nfe = IntColumn.create("NFE");
        DoubleColumn time = DoubleColumn.create("time_s");
        DoubleColumn timeStd = DoubleColumn.create("time_std_s");
        DoubleColumn paperTime = DoubleColumn.create("paper_time_s");
        for (GanEvaluation e : rows) {
            nfe.append(e.nfe());
            time.append(e.time().meanSeconds());
            timeStd.append(e.time().stdSeconds());
        }
        labels.forEach(label -> paperTime.append(printed(paperTable, label)[3]));
        // columns are filled before they join the table: Tablesaw pads a column added to a non-empty table
        return paperColumns(metrics(title, "model", labels, rows).addColumns(nfe, time, timeStd), labels, paperTable)
                .addColumns(paperTime);
    }

    /** Adds the paper's FID and recall (the first two values of each label's printed row). */
    private static Table paperColumns(Table t, List<String> labels, Map<String, double[]> paperTable) {
        DoubleColumn fid = DoubleColumn.create("paper_FID");
        DoubleColumn recall = DoubleColumn.create("paper_recall");
        for (String label : labels) {
            fid.append(printed(paperTable, label)[0]);
            recall.append(printed(paperTable, label)[1]);
        }
        return t.addColumns(fid, recall);
    }

    /** The paper's printed row of a label; NaN throughout for a row the paper has not (the real-data row). */
    private static double[] printed(Map<String, double[]> paperTable, String label) {
        return paperTable.getOrDefault(label, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
    }

    /** Table 6's analogue: LDDGAN trained three ways, ours and the paper's FID / recall. */
    public static Table table6(List<String> variants, List<GanEvaluation> rows) {
        return paperColumns(metrics("Table 6 analogue (CIFAR-10): the reconstruction loss and Weighted Learning", "variant",
                variants, rows), variants, PAPER_TABLE6);
    }

    /**
     * The columns every comparison shares: label, preset, steps, FID, KID, KID std ({@link SampleQualityColumns}),
     * precision, recall.
     */
    private static Table metrics(String title, String labelColumn, List<String> labels, List<GanEvaluation> rows) {
        StringColumn preset = StringColumn.create("preset");
        IntColumn steps = IntColumn.create(SeedTable.STEPS);
        rows.forEach(e -> {
            preset.append(e.model());
            steps.append((int) e.steps());
        });
        Table t = Table.create(title).addColumns(StringColumn.create(labelColumn, labels), preset, steps);
        SampleQualityColumns.fidKid(rows).forEach(t::addColumns);
        return t.addColumns(SampleQualityColumns.column("precision", rows, GanEvaluation::precision),
                SampleQualityColumns.column("recall", rows, GanEvaluation::recall));
    }

    /**
     * Convergence curves (Appendix C): FID of each model's EMA generator against training epochs, one series per model.
     *
     * @param curves label to its evaluations in training order
     * @param stepsPerEpoch steps of one epoch (the same data and batch for all)
     */
    public static XYChart convergence(Map<String, List<GanEvaluation>> curves, int stepsPerEpoch) {
        XYChart chart = Charts.line("FID during training (EMA generator)", "epoch",
                MetricLabel.FID.label(curves.values().stream().flatMap(List::stream).anyMatch(GanEvaluation::proxy)), 560, 380);
        curves.forEach((label, curve) -> chart.addSeries(label,
                curve.stream().mapToDouble(e -> e.steps() / (double) stepsPerEpoch).toArray(),
                curve.stream().mapToDouble(GanEvaluation::fid).toArray()));
        return chart;
    }

    /**
     * The first evaluated epoch at which a curve's FID is at most {@code target}, NaN when it never is: a convergence
     * time that a short run can measure ({@link EpochsToConverge}, the rule notebook 03 uses for rFID).
     */
    public static double epochsToReach(List<GanEvaluation> curve, double target, int stepsPerEpoch) {
        return EpochsToConverge.epochsToReach(curve.stream().mapToDouble(e -> e.steps() / (double) stepsPerEpoch).toArray(),
                curve.stream().mapToDouble(GanEvaluation::fid).toArray(), target);
    }

    /**
     * Figure 3, our panel: FID against sampling time of a batch of 100 (this machine), one point per model at its
     * mean over training seeds with the seeds' standard deviation as error bars, and the real-data row's FID (the
     * floor at this extractor and sample count) as a dashed line.
     *
     * @param summary a {@link SeedTable#summary} of {@link #table3} rows (or of notebook 05's samplers: {@code key},
     *     time_s, FID and FID seed-sd, seeds), the real-data row (no sampling time) included or not
     * @param key the label column ("model", "sampler")
     * @param proxy whether the FIDs are offline proxies (the column's name)
     */
    public static XYChart figure3Ours(Table summary, String key, boolean proxy, String device) {
        String fid = MetricLabel.FID.label(proxy);
        XYChart chart = Charts.line("Ours: FID vs sampling time (" + device + "), mean +- sd over seeds",
                "seconds per batch of 100", fid, 560, 380);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double floor = Double.NaN;
        for (int r = 0; r < summary.rowCount(); r++) {
            double time = summary.doubleColumn("time_s").getDouble(r);
            double value = summary.doubleColumn(fid).getDouble(r);
            if (Double.isNaN(time)) {
                floor = value;
                continue;
            }
            lo = Math.min(lo, time);
            hi = Math.max(hi, time);
            int seeds = summary.intColumn(SeedTable.SEEDS).getInt(r);
            chart.addSeries(summary.stringColumn(key).get(r) + " (n = " + seeds + ")", new double[] {time},
                    new double[] {value}, new double[] {summary.doubleColumn(fid + SeedTable.SD_SUFFIX).getDouble(r)});
        }
        if (!Double.isNaN(floor) && lo <= hi) {
            XYSeries line = chart.addSeries("real data (held-out): the floor", new double[] {lo, hi}, new double[] {floor, floor});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * One seed's convergence table (Appendix C): per model the target FID (1.1 x the best final FID of the models,
     * {@link EpochsToConverge#target}), its final FID and the first evaluated epoch at which it reached the target
     * (NaN, written as null: not within the budget); stacked over seeds ({@link SeedTable}) for the ordering claims.
     *
     * @param curves model to its evaluations in training order
     */
    public static Table convergenceTable(Map<String, List<GanEvaluation>> curves, int stepsPerEpoch) {
        double target = EpochsToConverge.target(curves.values().stream()
                .mapToDouble(c -> c.get(c.size() - 1).fid()).toArray());
        DoubleColumn finals = DoubleColumn.create("final_FID");
        DoubleColumn targets = DoubleColumn.create("target_FID");
        DoubleColumn epochs = DoubleColumn.create("epochs_to_target");
        curves.values().forEach(c -> {
            finals.append(c.get(c.size() - 1).fid());
            targets.append(target);
            epochs.append(epochsToReach(c, target, stepsPerEpoch));
        });
        return Table.create("Epochs to the target FID (1.1 x the best final FID)").addColumns(
                StringColumn.create("model", curves.keySet()), finals, targets, epochs);
    }

    /** Figure 3, the paper's panel: Table 3's FID against time (RTX A5000), log time axis. */
    public static XYChart figure3Paper() {
        XYChart chart = Charts.line("Paper (Table 3): FID vs sampling time (RTX A5000)", "seconds per batch of 100 (log)",
                "FID", 560, 380);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        PAPER_TABLE3.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                chart.addSeries(e.getKey(), new double[] {e.getValue()[3]}, new double[] {e.getValue()[0]}));
        return chart;
    }

    /**
     * Figure 2 as used: the reconstruction weight of a configuration over its run (the code's Weighted Learning for
     * LDDGAN), beside the paper's printed formula (Eq. (9)) on the same clock: per epoch over N as the reference code
     * when {@code runSteps} = 0 (the paper profile), against the epoch; else per step from the fraction of the run done
     * ({@link ReconstructionWeighting#weightAtStep}), against the step, at most 1,001 points. The last point is the
     * end of the sweep.
     *
     * @param used the configuration's weighting ({@code TrainingConfig.reconstruction()})
     * @param n the configuration's N in epochs
     * @param recWeight the configuration's rec_weight
     * @param wlDelta the configuration's Weighted Learning delta
     * @param stepsPerEpoch steps of one epoch
     * @param runSteps the run's length in steps ({@code TrainingConfig.runSteps}), or 0 for per-epoch weights
     */
    public static XYChart lambdaCurve(ReconstructionWeighting used, int n, double recWeight, double wlDelta, int stepsPerEpoch,
            long runSteps) {
        long total = runSteps > 0 ? runSteps : (long) n * stepsPerEpoch;
        long stride = runSteps > 0 ? Math.max(1, (total + 999) / 1000) : stepsPerEpoch;
        int points = (int) ((total + stride - 1) / stride) + 1;
        double[] x = new double[points];
        double[] lambda = new double[points];
        double[] printed = new double[points];
        for (int i = 0; i < points; i++) {
            long step = Math.min(total, i * stride);
            x[i] = runSteps > 0 ? step : step / (double) stepsPerEpoch;
            lambda[i] = used.weightAtStep(step, stepsPerEpoch, n, runSteps, recWeight, wlDelta);
            printed[i] = ReconstructionWeighting.WEIGHTED_LEARNING_PRINTED.weightAtStep(step, stepsPerEpoch, n, runSteps,
                    recWeight, wlDelta);
        }
        String clock = runSteps > 0 ? "per step over the run's " + runSteps + " steps" : "per epoch (N = " + n + ")";
        XYChart chart = Charts.line("Weighted Learning: lambda " + clock, runSteps > 0 ? "step" : "epoch", "lambda", 560, 320);
        chart.addSeries("as used (" + used + ")", x, lambda);
        chart.addSeries("paper's printed Eq. (9)", x, printed);
        return chart;
    }
}
