package lddgan.train;

import java.util.List;
import java.util.Map;
import lddgan.report.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables and figures of the main comparison (LDDGAN Sec. 5.2-5.3): ours beside the paper's printed values, never
 * on one axis with them.
 */
public final class ComparisonTables {
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

    private ComparisonTables() {
    }

    /**
     * Table 3's analogue: one row per evaluated model, ours and the paper's values side by side.
     *
     * @param labels the paper's model name of each evaluation ("LDDGAN", "DDGAN", "WDDGAN")
     */
    public static Table table3(List<String> labels, List<GanEvaluation> rows) {
        Table t = metrics("Table 3 analogue (CIFAR-10): ours vs the paper", "model", labels, rows);
        t.addColumns(IntColumn.create("NFE"), DoubleColumn.create("time_s"), DoubleColumn.create("time_std_s"),
                DoubleColumn.create("paper_FID"), DoubleColumn.create("paper_recall"), DoubleColumn.create("paper_time_s"));
        for (int i = 0; i < rows.size(); i++) {
            GanEvaluation e = rows.get(i);
            double[] paper = PAPER_TABLE3.get(labels.get(i));
            t.intColumn("NFE").append(e.nfe());
            t.doubleColumn("time_s").append(e.time().meanSeconds());
            t.doubleColumn("time_std_s").append(e.time().stdSeconds());
            t.doubleColumn("paper_FID").append(paper[0]);
            t.doubleColumn("paper_recall").append(paper[1]);
            t.doubleColumn("paper_time_s").append(paper[3]);
        }
        return t;
    }

    /** Table 6's analogue: LDDGAN trained three ways, ours and the paper's FID / recall. */
    public static Table table6(List<String> variants, List<GanEvaluation> rows) {
        Table t = metrics("Table 6 analogue (CIFAR-10): the reconstruction loss and Weighted Learning", "variant", variants,
                rows);
        t.addColumns(DoubleColumn.create("paper_FID"), DoubleColumn.create("paper_recall"));
        for (String variant : variants) {
            double[] paper = PAPER_TABLE6.get(variant);
            t.doubleColumn("paper_FID").append(paper[0]);
            t.doubleColumn("paper_recall").append(paper[1]);
        }
        return t;
    }

    /** The columns every comparison shares: label, preset, steps, FID, precision, recall. */
    private static Table metrics(String title, String labelColumn, List<String> labels, List<GanEvaluation> rows) {
        Table t = Table.create(title).addColumns(StringColumn.create(labelColumn), StringColumn.create("preset"),
                IntColumn.create("steps"), DoubleColumn.create("FID"), DoubleColumn.create("precision"),
                DoubleColumn.create("recall"));
        for (int i = 0; i < rows.size(); i++) {
            GanEvaluation e = rows.get(i);
            t.stringColumn(labelColumn).append(labels.get(i));
            t.stringColumn("preset").append(e.model());
            t.intColumn("steps").append((int) e.steps());
            t.doubleColumn("FID").append(e.fid());
            t.doubleColumn("precision").append(e.precision());
            t.doubleColumn("recall").append(e.recall());
        }
        return t;
    }

    /** Figure 3, our panel: FID against sampling time of a batch of 100 (this machine), one point per model. */
    public static XYChart figure3Ours(List<String> labels, List<GanEvaluation> rows, String device) {
        XYChart chart = Charts.line("Ours: FID vs sampling time (" + device + ")", "seconds per batch of 100", "FID", 560, 380);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        for (int i = 0; i < rows.size(); i++) {
            chart.addSeries(labels.get(i), new double[] {rows.get(i).time().meanSeconds()}, new double[] {rows.get(i).fid()});
        }
        return chart;
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
     * Figure 2 as used: the reconstruction weight per epoch of a configuration (the code's Weighted Learning for
     * LDDGAN), beside the paper's printed formula (Eq. (9)) over the same N.
     */
    public static XYChart lambdaCurve(TrainingConfig config) {
        int n = config.epochs();
        double[] epochs = new double[n + 1];
        double[] used = new double[n + 1];
        double[] printed = new double[n + 1];
        for (int e = 0; e <= n; e++) {
            epochs[e] = e;
            used[e] = config.reconstructionWeight(e);
            printed[e] = ReconstructionWeighting.WEIGHTED_LEARNING_PRINTED.weight(e, n, config.recWeight(), config.wlDelta());
        }
        XYChart chart = Charts.line("Weighted Learning: lambda per epoch (N = " + n + ")", "epoch", "lambda", 560, 320);
        chart.addSeries("as used (" + config.reconstruction() + ")", epochs, used);
        chart.addSeries("paper's printed Eq. (9)", epochs, printed);
        return chart;
    }
}
