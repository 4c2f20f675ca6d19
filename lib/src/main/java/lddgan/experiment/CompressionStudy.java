package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.List;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.MetricLabel;
import lddgan.report.Charts;
import lddgan.report.PaperTables;
import lddgan.report.Results;
import lddgan.report.SampleQualityColumns;
import lddgan.report.SeedTable;
import lddgan.train.AutoencoderTrainingConfig;
import lddgan.train.TrainingConfig;
import lddgan.train.TrainingListener;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The compression-factor study of Latent Diffusion Models (Rombach et al. 2022, Sec. 4.1, LDM-1 ... LDM-32) at CIFAR
 * scale (notebook 07): first stages that downsample by f = 2, 4 and 8 trained under one budget (the same steps, batch
 * and losses: {@code cifar10-f2}, {@code cifar10-f4}, {@code cifar10-f8}), f = 1 being pixel space itself; then the
 * latent denoising GAN on each (DDGAN in pixel space, LDDGAN's generator on the latents, steps calibrated to the same
 * training time). LDM's finding: too little compression makes the generative model slow, too much loses detail in the
 * first stage (rFID rises, PSNR falls), f = 4-16 balancing the two. LDDGAN's f = 2 for CIFAR-10 rests on the same
 * trade-off.
 */
public final class CompressionStudy {
    /**
     * One compression factor.
     *
     * @param f the spatial downsampling factor of the first stage
     * @param autoencoder its autoencoder training preset, null for f = 1 (pixel space, no first stage)
     * @param gan the GAN training preset trained on its latent
     */
    public record Factor(int f, String autoencoder, String gan) {
        /** Whether this is pixel space (f = 1, no first stage). */
        public boolean pixel() {
            return autoencoder == null;
        }

        /** "f=2". */
        public String label() {
            return "f=" + f;
        }
    }

    /** The factors of the study, f = 1 first. */
    public static final List<Factor> FACTORS = List.of(new Factor(1, null, TrainingConfig.DDGAN_CIFAR10),
            new Factor(2, AutoencoderTrainingConfig.CIFAR10_F2, TrainingConfig.LDDGAN_CIFAR10),
            new Factor(4, AutoencoderTrainingConfig.CIFAR10_F4, "lddgan-cifar10-f4"),
            new Factor(8, AutoencoderTrainingConfig.CIFAR10_F8, "lddgan-cifar10-f8"));
    /** The key column of the study's tables. */
    public static final String KEY = "factor";
    /** The pixels of a CIFAR-10 image, 3 x 32 x 32. */
    private static final long PIXEL_VALUES = 3 * 32 * 32;

    private CompressionStudy() {
    }

    /**
     * One seed's result at one factor.
     *
     * @param factor the factor
     * @param firstStage its first stage's training and reconstruction evaluation (null for f = 1)
     * @param gan the generative model's evaluation
     */
    public record Row(Factor factor, FirstStageRuns.Curve firstStage, GanEvaluation gan) {
    }

    /**
     * Trains (or, when its checkpoint exists, reloads) the first stage of {@code factor} with training seed
     * {@code seed} for the budget's steps and evaluates its reconstructions ({@link FirstStageRuns#trainLogged}, one
     * point; its training log in {@code results}); its checkpoints and latent cache under {@code <runPrefix>-<preset>}.
     *
     * @throws IllegalArgumentException for f = 1, which has no first stage
     */
    public static FirstStageRuns.Curve trainFirstStage(Factor factor, Experiment<LatentStudyBudget> experiment, long seed,
            ImageSet train, ImageSet validation, FeatureExtractor extractor, List<TrainingListener> listeners,
            Results results, NDManager manager) throws IOException {
        if (factor.pixel()) {
            throw new IllegalArgumentException(factor.label() + " is pixel space: it has no first stage to train");
        }
        AutoencoderTrainingConfig config = AutoencoderTrainingConfig.preset(factor.autoencoder(), experiment.profile());
        return FirstStageRuns.trainLogged(config, experiment.runName(factor.autoencoder()), seed, experiment.profile(),
                train, validation, extractor, 1, experiment.budget().autoencoderSteps(), listeners, true, results, manager);
    }

    /**
     * Trains the GAN of {@code factor} for the budget's steps on the latent of the first stage of the same seed
     * (pixels for f = 1) and evaluates it ({@link ModelRun#trainAndEvaluate}).
     *
     * @param base the comparison's setup (its run prefix the experiment's)
     */
    public static ModelRun trainGan(Factor factor, Experiment<LatentStudyBudget> experiment, ModelRun.Setup base,
            long seed, List<TrainingListener> listeners, NDManager manager) throws IOException {
        long steps = experiment.budget().ganSteps(factor.gan());
        TrainingConfig config = ModelRun.sized(TrainingConfig.preset(factor.gan(), experiment.profile()), steps,
                base.train().size());
        ModelRun.Setup setup = base.withSeed(seed);
        if (!factor.pixel()) {
            setup = setup.withFirstStage(experiment.runName(factor.autoencoder()), seed);
        }
        return ModelRun.trainAndEvaluate(config, steps, setup, listeners, manager);
    }

    /** One sentence: whether the generative models' mean training times agree within {@link MatchedBudget#TOLERANCE}. */
    public static String budgetVerdict(Table summary) {
        return MatchedBudget.verdict(FACTORS.stream().map(f -> SeedTable.value(summary, KEY, f.label(), "training_s"))
                .toList());
    }

    /**
     * The first eight validation images (top row) and their reconstructions by each first stage (one row per factor,
     * the posterior mean decoded), clamped to [-1, 1].
     */
    public static java.awt.image.BufferedImage reconstructions(java.util.Map<Factor, FirstStageRuns.Curve> stages,
            ImageSet validation, NDManager manager) throws IOException {
        try (NDManager scope = manager.newSubManager()) {
            ai.djl.ndarray.NDArray images = validation.batch(scope, 0, 8);
            ai.djl.ndarray.NDList rows = new ai.djl.ndarray.NDList(images);
            for (FirstStageRuns.Curve c : stages.values()) {
                lddgan.autoencoder.Autoencoder ae = lddgan.train.AutoencoderTrainer.load(c.checkpoint(), scope);
                rows.add(ae.decode(ae.encodeMode(images)).clip(-1f, 1f));
            }
            return lddgan.report.ImageGrid.of(ai.djl.ndarray.NDArrays.concat(rows), 8, 3);
        }
    }

    /** The latent shape of a factor, C x H x W ("3x32x32" for pixels). */
    public static String latentShape(Factor factor) {
        Shape s = latent(factor);
        return s.get(0) + "x" + s.get(1) + "x" + s.get(2);
    }

    /** The latent of a factor as (C, H, W): the image's for pixels, else its first stage's. */
    private static Shape latent(Factor factor) {
        return factor.pixel() ? new Shape(3, 32, 32)
                : AutoencoderTrainingConfig.preset(factor.autoencoder()).autoencoder().latentShape(1).slice(1);
    }

    /** The first-stage rFID column of the study's tables. */
    private static String rfidColumn(boolean proxy) {
        return "first stage " + MetricLabel.RFID.label(proxy);
    }

    /**
     * One seed's table: per factor the latent, its size relative to the image, the first stage's rFID and PSNR
     * (f = 1: rFID 0 and PSNR missing, the identity reconstructs exactly), the first stage's and the GAN's training
     * seconds and their total, the GAN's steps, FID, KID and sampling time per batch of 100; then, when {@code real}
     * is given, the real-data row (its FID / KID the floor at this sample count; no first stage, no time).
     */
    public static Table table(List<Row> rows, GanEvaluation real) {
        StringColumn f = StringColumn.create(KEY);
        StringColumn latent = StringColumn.create("latent");
        IntColumn values = IntColumn.create("latent values");
        DoubleColumn ratio = DoubleColumn.create("pixels per latent value");
        DoubleColumn rfid = DoubleColumn.create(rfidColumn(proxy(rows, real)));
        DoubleColumn psnr = DoubleColumn.create("first stage PSNR");
        DoubleColumn firstSeconds = DoubleColumn.create("first_stage_s");
        LongColumn steps = LongColumn.create("steps");
        DoubleColumn training = DoubleColumn.create("training_s");
        DoubleColumn total = DoubleColumn.create("total_s");
        DoubleColumn time = DoubleColumn.create("time_s");
        java.util.ArrayList<GanEvaluation> evaluations = new java.util.ArrayList<>();
        for (Row r : rows) {
            String shape = latentShape(r.factor());
            long n = latent(r.factor()).size();
            FirstStageRuns.Curve c = r.firstStage();
            double first = c == null ? 0 : c.trainingSeconds();
            f.append(r.factor().label());
            latent.append(shape);
            values.append((int) n);
            ratio.append(PIXEL_VALUES / (double) n);
            rfid.append(c == null ? 0 : c.finalRfid());
            psnr.append(c == null ? Double.NaN : c.points().get(c.points().size() - 1).evaluation().psnr().meanPerImage());
            firstSeconds.append(first);
            steps.append(r.gan().steps());
            training.append(r.gan().trainingSeconds());
            total.append(first + r.gan().trainingSeconds());
            time.append(r.gan().time().meanSeconds());
            evaluations.add(r.gan());
        }
        if (real != null) {
            f.append(real.model());
            latent.append("");
            values.append((int) PIXEL_VALUES);
            ratio.append(1);
            rfid.append(Double.NaN);
            psnr.append(Double.NaN);
            firstSeconds.append(Double.NaN);
            steps.append(0);
            training.append(Double.NaN);
            total.append(Double.NaN);
            time.append(Double.NaN);
            evaluations.add(real);
        }
        // columns are filled before they join the table: Tablesaw pads a column added to a non-empty table
        Table table = Table.create("Compression factor (LDM Sec. 4.1 at CIFAR scale)").addColumns(f, latent, values,
                ratio, rfid, psnr, firstSeconds, steps, training, total);
        SampleQualityColumns.fidKid(evaluations).forEach(table::addColumns);
        return table.addColumns(time);
    }

    private static boolean proxy(List<Row> rows, GanEvaluation real) {
        java.util.List<GanEvaluation> all = new java.util.ArrayList<>(rows.stream().map(Row::gan).toList());
        if (real != null) {
            all.add(real);
        }
        return SampleQualityColumns.proxy(all);
    }

    /**
     * The summary over seeds (mean and seed-sd of every measured column, per factor) with the real-data row below.
     *
     * @param perSeed every seed's {@link #table} without the real-data row, stacked ({@link SeedTable#stack})
     */
    public static Table summary(Table perSeed, GanEvaluation real) {
        return SeedTable.withRealData("Compression factor: first stage and generative model per f, mean and sd over"
                + " seeds", perSeed, KEY, table(List.of(), real));
    }

    /**
     * LDM's trade-off as its Figures 6-7 draw it, at CIFAR scale: each factor's FID (mean +- sd over seeds) against
     * its sampling time per batch of 100, the real data's FID as the floor.
     */
    public static XYChart tradeOff(Table summary, boolean proxy, String device) {
        XYChart chart = PaperTables.figure3Ours(summary, KEY, proxy, device);
        chart.setTitle("Compression factor: FID vs sampling time (" + device + "), mean +- sd over seeds");
        return chart;
    }

    /** The first stages' reconstruction against f: rFID and PSNR (means over seeds), f = 2, 4, 8. */
    public static XYChart reconstruction(Table summary, boolean proxy) {
        String rfidColumn = rfidColumn(proxy);
        XYChart chart = Charts.line("First stages under one budget: reconstruction against f", "f (log scale)",
                "rFID / PSNR (dB)", 560, 340);
        chart.getStyler().setXAxisLogarithmic(true);
        java.util.List<Double> fs = new java.util.ArrayList<>();
        java.util.List<Double> rfid = new java.util.ArrayList<>();
        java.util.List<Double> psnr = new java.util.ArrayList<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String key = summary.stringColumn(KEY).get(r);
            double p = summary.doubleColumn("first stage PSNR").getDouble(r);
            if (!key.startsWith("f=") || Double.isNaN(p)) {
                continue;
            }
            fs.add(Double.parseDouble(key.substring(2)));
            rfid.add(summary.doubleColumn(rfidColumn).getDouble(r));
            psnr.add(p);
        }
        if (!fs.isEmpty()) {
            chart.addSeries(rfidColumn, fs, rfid);
            chart.addSeries("PSNR (dB)", fs, psnr);
        }
        return chart;
    }
}
