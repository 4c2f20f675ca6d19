package lddgan.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.LatentStatistics;
import lddgan.data.ImageSet;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.MetricLabel;
import lddgan.report.SampleQualityColumns;
import lddgan.report.Charts;
import lddgan.report.Histograms;
import lddgan.report.ImageGrid;
import lddgan.train.AutoencoderTrainer;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The KL ablation (LDDGAN Sec. 5.3.2, Table 7; notebook 03): two first stages that differ only by the KL term,
 * their reconstruction curves, their latents side by side, and Table 7's analogue.
 */
public final class KlAblation {
    /** Table 7 (CIFAR-10) as printed, KL then no KL: {AE rFID, epochs to converge, LDDGAN FID, recall}. */
    public static final List<double[]> PAPER_TABLE7 = List.of(new double[] {1.33, 525, 3.15, 0.58},
            new double[] {1.32, 300, 3.03, 0.58});
    /** The relative latent perturbations decoded by {@link #compareLatents}: eps x the latent's std. */
    public static final double[] PERTURBATIONS = {0, 0.1, 0.3, 1.0};

    private KlAblation() {
    }

    /** rFID (offline extractor) of each first stage against epochs, one series per run. */
    public static XYChart rfidChart(Map<String, FirstStageRuns.Curve> curves) {
        return curveChart("Reconstruction FID along training (offline extractor)", "rFID", curves,
                p -> p.evaluation().rfid());
    }

    /** PSNR (mean per image) of each first stage against epochs. */
    public static XYChart psnrChart(Map<String, FirstStageRuns.Curve> curves) {
        return curveChart("PSNR along training", "PSNR (dB)", curves, p -> p.evaluation().psnr().meanPerImage());
    }

    private static XYChart curveChart(String title, String yLabel, Map<String, FirstStageRuns.Curve> curves,
            ToDoubleFunction<FirstStageRuns.Point> value) {
        XYChart chart = Charts.line(title, "epoch", yLabel, 640, 340);
        curves.forEach((name, curve) -> chart.addSeries(name,
                curve.points().stream().mapToDouble(FirstStageRuns.Point::epochs).toArray(),
                curve.points().stream().mapToDouble(value).toArray()));
        return chart;
    }

    /**
     * One first stage's latent as the chapter compares it.
     *
     * @param name the run's preset
     * @param autoencoder its final checkpoint, the scale factor its latent cache measured set
     * @param statistics statistics of the validation set's latents divided by the scale factor
     * @param histogram per-channel histograms of those latents (shown)
     * @param histogramFile the same histograms titled for the result file
     * @param perturbations decodes of eight validation latents z + eps sigma_z n, one row per {@link #PERTURBATIONS}
     */
    public record Latent(String name, Autoencoder autoencoder, LatentStatistics statistics, XYChart histogram,
                         XYChart histogramFile, BufferedImage perturbations) {
    }

    /**
     * Loads each run's final autoencoder and measures its latent: posterior samples of the whole validation set
     * (engine seed 3), their statistics and histograms, then the first eight validation images' mean latents
     * perturbed by {@link #PERTURBATIONS} times their standard deviation and decoded, run after run.
     */
    public static List<Latent> compareLatents(Map<String, FirstStageRuns.Curve> curves, ImageSet validation,
            NDManager manager) throws IOException {
        NDArray images = validation.batch(manager, 0, 8);
        List<Latent> latents = new ArrayList<>();
        for (var e : curves.entrySet()) {
            Autoencoder ae = AutoencoderTrainer.load(e.getValue().checkpoint(), manager);
            ae.setScaleFactor(e.getValue().scaleFactor());
            ai.djl.engine.Engine.getInstance().setRandomSeed(3);
            NDArray z = ae.encode(validation.batch(manager, 0, validation.size())).div(ae.scaleFactor());
            LatentStatistics s = new LatentStatistics.Accumulator((int) z.getShape().get(1), 1.0).add(z).result();
            XYChart shown = Histograms.perChannel(e.getKey() + ": scaled latents per channel", z, 60, 1.2);
            XYChart file = Histograms.perChannel(e.getKey(), z, 60, 1.2);
            NDArray base = ae.encodeMode(images);
            float sigma = (float) Math.sqrt(base.sub(base.mean()).square().mean().getFloat());
            NDList rows = new NDList();
            for (double eps : PERTURBATIONS) {
                rows.add(ae.decode(base.add(manager.randomNormal(base.getShape()).mul(sigma * (float) eps))).clip(-1f, 1f));
            }
            latents.add(new Latent(e.getKey(), ae, s, shown, file, ImageGrid.of(NDArrays.concat(rows), 8, 3)));
        }
        return latents;
    }

    /** The latents' statistics side by side: scale factor, mean std, KL to N(0, I) per channel, max |z|. */
    public static Table latentStatistics(List<Latent> latents) {
        Table stats = Table.create("Latent statistics (validation set, latents / measured scale factor)").addColumns(
                StringColumn.create("autoencoder"), DoubleColumn.create("scale factor"), DoubleColumn.create("mean std"),
                DoubleColumn.create("KL to N(0,I), mean per channel"), DoubleColumn.create("max |z|"));
        for (Latent l : latents) {
            stats.stringColumn("autoencoder").append(l.name());
            stats.doubleColumn("scale factor").append(l.autoencoder().scaleFactor());
            stats.doubleColumn("mean std").append(Arrays.stream(l.statistics().std()).average().orElse(Double.NaN));
            stats.doubleColumn("KL to N(0,I), mean per channel").append(l.statistics().klMean());
            stats.doubleColumn("max |z|").append(l.statistics().maxAbs());
        }
        return stats;
    }

    /**
     * Table 7's analogue, KL run first: final rFID, epochs to the common target, LDDGAN's FID and recall on that
     * latent, beside {@link #PAPER_TABLE7}; then, when {@code real} is given, the real-data row (held-out images
     * scored like LDDGAN's samples: the floor of its FID / KID and the ceiling of its recall; no autoencoder columns).
     *
     * @param epochsToTarget run to its epochs to reach the target ({@link FirstStageRuns.Curve#epochsToReach})
     * @param lddgan run to LDDGAN's evaluation on its latent
     * @param real the real-data row's evaluation ({@link ModelRun.Setup#realData}), or null for none
     */
    public static Table table7(Map<String, FirstStageRuns.Curve> curves, Map<String, Double> epochsToTarget,
            Map<String, GanEvaluation> lddgan, GanEvaluation real) {
        List<String> names = new java.util.ArrayList<>(curves.keySet());
        List<GanEvaluation> rows = new java.util.ArrayList<>(names.stream().map(lddgan::get).toList());
        if (real != null) {
            names.add(real.model());
            rows.add(real);
        }
        boolean proxy = SampleQualityColumns.proxy(rows);
        DoubleColumn finalRfid = DoubleColumn.create("final " + MetricLabel.RFID.label(proxy));
        DoubleColumn epochs = DoubleColumn.create("epochs to target");
        DoubleColumn paperRfid = DoubleColumn.create("paper rFID");
        DoubleColumn paperEpochs = DoubleColumn.create("paper epochs");
        DoubleColumn paperFid = DoubleColumn.create("paper LDDGAN FID");
        DoubleColumn paperRecall = DoubleColumn.create("paper recall");
        for (int i = 0; i < names.size(); i++) {
            FirstStageRuns.Curve curve = curves.get(names.get(i));
            double[] paper = curve == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                    : PAPER_TABLE7.get(i);
            finalRfid.append(curve == null ? Double.NaN : curve.finalRfid());
            epochs.append(curve == null ? Double.NaN : epochsToTarget.get(names.get(i)));
            paperRfid.append(paper[0]);
            paperEpochs.append(paper[1]);
            paperFid.append(paper[2]);
            paperRecall.append(paper[3]);
        }
        // columns are filled before they join the table: Tablesaw pads a column added to a non-empty table
        Table table7 = Table.create("Table 7 analogue (CIFAR-10): KL vs no KL").addColumns(
                StringColumn.create("autoencoder", names), finalRfid, epochs);
        SampleQualityColumns.fidKid(rows).forEach(c -> table7.addColumns(c.setName("LDDGAN " + c.name())));
        return table7.addColumns(SampleQualityColumns.column("LDDGAN recall", rows, GanEvaluation::recall), paperRfid,
                paperEpochs, paperFid, paperRecall);
    }
}
