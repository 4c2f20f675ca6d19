package lddgan.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.LatentStatistics;
import lddgan.autoencoder.ReconstructionEvaluation;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.MetricLabel;
import lddgan.metrics.TrainingExtent;
import lddgan.report.Results;
import lddgan.report.SampleQualityColumns;
import lddgan.train.AutoencoderTrainer;
import lddgan.train.AutoencoderTrainingConfig;
import lddgan.train.PriorSampler;
import lddgan.train.TrainingListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The VAE baseline of the latent DDPM/DDIM project (its "VAE" row, FID 332; Kingma &amp; Welling 2014), notebook 07:
 * the {@code cifar10-f2} first stage trained with a sweep of KL weights under one budget, each scored twice, as an
 * autoencoder (rFID and PSNR of its reconstructions) and as a generative model (images decoded from z ~ N(0, I),
 * {@link PriorSampler}, scored like every sampler). LDDGAN's own weight, 1e-6, gives an autoencoder whose aggregate
 * latent is far from N(0, I), so its prior draws decode to little that looks like data; a larger weight pulls the
 * latent towards the prior at the price of reconstruction. The weight with the lowest prior FID is the VAE of the
 * comparison ("chosen and reported").
 */
public final class VaeBaseline {
    /** The source project's VAE row: FID 332 (CIFAR-10, its Inception protocol). */
    public static final double PAPER_VAE_FID = 332;
    /** The key column of the sweep's table. */
    public static final String KEY = "KL weight";

    private VaeBaseline() {
    }

    /**
     * One KL weight of the sweep.
     *
     * @param klWeight the weight of the KL term
     * @param curve its training and reconstruction evaluation
     * @param prior the evaluation of its prior samples
     */
    public record Run(double klWeight, FirstStageRuns.Curve curve, GanEvaluation prior) {
        /** The reconstruction evaluation of the trained first stage. */
        public ReconstructionEvaluation reconstruction() {
            return curve.points().get(curve.points().size() - 1).evaluation();
        }
    }

    /**
     * The run key of a weight under the experiment's prefix: {@code cifar10-f2-kl<weight>}, or {@code cifar10-f2} for the
     * preset's own weight (LDDGAN's 1e-6): that run is the compression study's f = 2 first stage of the same seed, reused
     * when the two budgets give it the same steps.
     */
    public static String runKey(double klWeight, Profile profile) {
        return runKey(config(klWeight, profile));
    }

    /** A configuration's name without its profile part: the run key of its checkpoints. */
    private static String runKey(AutoencoderTrainingConfig config) {
        int at = config.name().indexOf('@');
        return at < 0 ? config.name() : config.name().substring(0, at);
    }

    /** The training configuration of a weight: the {@code cifar10-f2} preset, renamed unless the weight is its own. */
    public static AutoencoderTrainingConfig config(double klWeight, Profile profile) {
        AutoencoderTrainingConfig preset = AutoencoderTrainingConfig.preset(AutoencoderTrainingConfig.CIFAR10_F2, profile);
        return klWeight == preset.klWeight() ? preset : preset.withKlWeight(klWeight);
    }

    /**
     * Trains (or reloads) {@code cifar10-f2} with KL weight {@code klWeight} for the budget's {@code vaeSteps} (its
     * training log in {@code results}), evaluates
     * its reconstructions, then decodes {@code setup.samples()} prior draws and scores them with the setup's extractor
     * and reference (0 network evaluations; sampling seed {@link ModelRun#EVALUATION_SEED} + seed).
     */
    public static Run train(double klWeight, Experiment<LatentStudyBudget> experiment, long seed, ImageSet train,
            ImageSet validation, FeatureExtractor extractor, ModelRun.Setup setup, Device device,
            List<TrainingListener> listeners, Results results, NDManager manager) throws IOException {
        AutoencoderTrainingConfig config = config(klWeight, experiment.profile());
        FirstStageRuns.Curve curve = FirstStageRuns.trainLogged(config, experiment.runName(runKey(config)), seed,
                experiment.profile(), train, validation, extractor, 1, experiment.budget().vaeSteps(), listeners, false,
                results, manager);
        FirstStageRuns.Point last = curve.points().get(curve.points().size() - 1);
        try (NDManager scope = manager.newSubManager()) {
            Autoencoder ae = AutoencoderTrainer.load(curve.checkpoint(), scope);
            GanEvaluation prior = GanEvaluation.of("VAE prior, KL weight " + AutoencoderTrainingConfig.klLabel(klWeight),
                    TrainingExtent.of(last.steps(), (int) Math.floor(last.epochs()), curve.trainingSeconds()),
                    new PriorSampler(ae, device), 0, extractor, setup.reference(), setup.realFeatures(), setup.samples(),
                    setup.timing(), device, manager, ModelRun.EVALUATION_SEED + seed);
            return new Run(klWeight, curve, prior);
        }
    }

    /** The run whose prior samples have the lowest FID: the VAE of the comparison. */
    public static Run chosen(List<Run> runs) {
        return runs.stream().min(Comparator.comparingDouble(r -> r.prior().fid())).orElseThrow(
                () -> new IllegalArgumentException("no VAE runs to choose from"));
    }

    /**
     * The sweep's table: per KL weight the reconstruction (rFID, PSNR), the aggregate latent's distance from the prior
     * (mean per-channel std and KL of the moment-matched Gaussian from N(0, 1), {@link LatentStatistics}), the prior
     * samples' FID, KID, precision, recall and time per batch of 100, and the training seconds; then the real-data
     * row when {@code real} is given.
     */
    public static Table table(List<Run> runs, GanEvaluation real) {
        List<GanEvaluation> rows = new ArrayList<>(runs.stream().map(Run::prior).toList());
        StringColumn weight = StringColumn.create(KEY);
        DoubleColumn rfid = DoubleColumn.create(MetricLabel.RFID.label(SampleQualityColumns.proxy(rows)));
        DoubleColumn psnr = DoubleColumn.create("PSNR");
        DoubleColumn std = DoubleColumn.create("latent std");
        DoubleColumn kl = DoubleColumn.create("latent KL to N(0,I) per channel");
        DoubleColumn seconds = DoubleColumn.create("training_s");
        for (Run r : runs) {
            ReconstructionEvaluation e = r.reconstruction();
            weight.append(AutoencoderTrainingConfig.klLabel(r.klWeight()));
            rfid.append(e.rfid());
            psnr.append(e.psnr().meanPerImage());
            std.append(Arrays.stream(e.latent().std()).average().orElse(Double.NaN));
            kl.append(e.latent().klMean());
            seconds.append(r.curve().trainingSeconds());
        }
        if (real != null) {
            rows.add(real);
            weight.append(real.model());
            for (DoubleColumn c : List.of(rfid, psnr, std, kl, seconds)) {
                c.append(Double.NaN);
            }
        }
        Table table = Table.create("VAE baseline: prior samples per KL weight").addColumns(weight, rfid, psnr, std, kl);
        SampleQualityColumns.fidKid(rows).forEach(c -> table.addColumns(c.setName("prior " + c.name())));
        return table.addColumns(SampleQualityColumns.column("precision", rows, GanEvaluation::precision),
                SampleQualityColumns.column("recall", rows, GanEvaluation::recall),
                SampleQualityColumns.column("time_s", rows, e -> e.time().meanSeconds()), seconds);
    }
}
