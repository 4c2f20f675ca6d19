package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.AutoencoderIdentity;
import lddgan.autoencoder.LatentCache;
import lddgan.autoencoder.ReconstructionEvaluation;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureExtractor;
import lddgan.report.EpochsToConverge;
import lddgan.checkpoint.CheckpointStore;
import lddgan.train.AutoencoderTrainer;
import lddgan.train.AutoencoderTrainingConfig;
import lddgan.train.TrainingBudget;
import lddgan.train.JsonLinesLog;
import lddgan.train.TrainingListener;
import lddgan.report.Results;

/**
 * Where notebook 01 leaves the trained first stages and how notebooks 02-04 find them (README "Autoencoder"):
 * {@code .cache/checkpoints/<profile>/autoencoder-<preset>-seed<seed>/step-NNNNNNNN/}, the newest step directory
 * being the trained autoencoder (verified by its manifest's SHA-256s when loaded).
 */
public final class FirstStageRuns {
    /** The seed notebook 01 trains with. */
    public static final long SEED = 0;
    /** The seed of the posterior samples of a first stage's reconstruction evaluation (notebooks 01 and 03). */
    public static final long EVALUATION_SEED = 12345;

    private FirstStageRuns() {
    }

    /** The checkpoint root of a first-stage run. */
    public static Path checkpointRoot(Profile profile, String preset, long seed) {
        return ProjectPaths.checkpointsDir(profile)
                .resolve("autoencoder-" + preset + "-seed" + seed);
    }

    /** The steps notebook 01 trains for on a profile ({@link FirstStageBudget#steps()} of its experiment preset). */
    public static long steps(Profile profile) {
        return Experiment.load("01-autoencoder", profile, FirstStageBudget.class).budget().steps();
    }

    /**
     * The latent cache of a first stage's training set that notebook 01 writes:
     * {@code .cache/latents/<profile>/<preset>-seed<seed>-train.latents}.
     */
    public static Path latentCacheFile(Profile profile, String preset) {
        return latentCacheFile(profile, preset, SEED);
    }

    /** As {@link #latentCacheFile(Profile, String)} for the run of another training seed (notebook 03's seeds). */
    public static Path latentCacheFile(Profile profile, String preset, long seed) {
        return ProjectPaths.latentsDir(profile).resolve(preset + "-seed" + seed + "-train.latents");
    }

    /** The newest checkpoint of the CIFAR-10 first stage that notebook 01 trained at {@code profile}. */
    public static Path trainedCheckpoint(Profile profile, String preset) throws IOException {
        return trainedCheckpoint(profile, preset, SEED);
    }

    /** The newest checkpoint of the first-stage run {@code preset} trained with {@code seed}. */
    public static Path trainedCheckpoint(Profile profile, String preset, long seed) throws IOException {
        Path root = checkpointRoot(profile, preset, seed);
        if (!Files.isDirectory(root)) {
            throw new IOException("no trained autoencoder '" + preset + "' (seed " + seed + ") for profile "
                    + profile.id() + " in " + root + ": run the notebook that trains it first (notebook 01: make run"
                    + " NB=01 PROFILE=" + profile.id() + "; notebook 03's runs: NB=03)");
        }
        return AutoencoderTrainer.lastOf(root);
    }

    /** Loads that autoencoder (verified) for encoding and decoding. */
    public static Autoencoder trained(Profile profile, String preset, NDManager manager) throws IOException {
        return trained(profile, preset, SEED, manager);
    }

    /** Loads the first-stage run {@code preset} of training seed {@code seed} (verified). */
    public static Autoencoder trained(Profile profile, String preset, long seed, NDManager manager) throws IOException {
        return AutoencoderTrainer.load(trainedCheckpoint(profile, preset, seed), manager);
    }

    /**
     * A first stage trained with its reconstruction quality measured along the way (LDDGAN Table 7's "epochs to
     * converge").
     *
     * @param key the run's name under the checkpoint and latent-cache roots
     * @param config the training configuration
     * @param points one evaluation per entry
     * @param trainingSeconds wall time of the training calls
     * @param checkpoint the final checkpoint
     * @param scaleFactor the scale factor its latent cache measured
     */
    public record Curve(String key, AutoencoderTrainingConfig config, List<Point> points, double trainingSeconds,
                        Path checkpoint, double scaleFactor) {
        /** A copy with another training time (the training log's, which a resumed run keeps whole). */
        public Curve withTrainingSeconds(double seconds) {
            return new Curve(key, config, points, seconds, checkpoint, scaleFactor);
        }

        /** The rFID of the last point. */
        public double finalRfid() {
            return points.get(points.size() - 1).evaluation().rfid();
        }

        /** The first evaluated epoch with rFID at most {@code target}, NaN if none ({@link EpochsToConverge}). */
        public double epochsToReach(double target) {
            return EpochsToConverge.epochsToReach(points.stream().mapToDouble(Point::epochs).toArray(),
                    points.stream().mapToDouble(p -> p.evaluation().rfid()).toArray(), target);
        }
    }

    /** One evaluation of a {@link Curve}: steps, epochs (fractional) and the evaluation. */
    public record Point(long steps, double epochs, ReconstructionEvaluation evaluation) {
    }

    /**
     * Trains {@code config} in {@code points} chunks of {@code stepsPerPoint} steps, keeping each chunk's checkpoint
     * under {@code checkpointRoot(profile, key, seed)} and evaluating it on {@code validation} (seeded with
     * {@link #EVALUATION_SEED}, so a re-run that only reloads gives the same curve); then caches the training set's
     * latents ({@link #latentCacheFile(Profile, String, long)} with {@code key} and {@code seed}).
     *
     * @param seed the training seed (initialisation, data order, noise); notebook 01 trains with {@link #SEED}
     */
    public static Curve trainWithCurve(AutoencoderTrainingConfig config, String key, long seed, Profile profile,
            ImageSet train, ImageSet validation, FeatureExtractor extractor, int points, long stepsPerPoint,
            List<TrainingListener> listeners, NDManager manager) throws IOException {
        return trainWithCurve(config, key, seed, profile, train, validation, extractor, points, stepsPerPoint, listeners,
                true, manager);
    }

    /**
     * As {@link #trainWithCurve(AutoencoderTrainingConfig, String, long, Profile, ImageSet, ImageSet, FeatureExtractor,
     * int, long, List, NDManager)}; without {@code cacheLatents} the training set's latents are not cached (a first
     * stage that no latent model will train on, e.g. a VAE sampled from its prior) and the curve's scale factor is NaN.
     */
    public static Curve trainWithCurve(AutoencoderTrainingConfig config, String key, long seed, Profile profile,
            ImageSet train, ImageSet validation, FeatureExtractor extractor, int points, long stepsPerPoint,
            List<TrainingListener> listeners, boolean cacheLatents, NDManager manager) throws IOException {
        if (points < 1 || stepsPerPoint < 1) {
            throw new IllegalArgumentException("trainWithCurve needs points >= 1 and stepsPerPoint >= 1, got " + points
                    + " and " + stepsPerPoint);
        }
        Path root = checkpointRoot(profile, key, seed);
        List<Point> curve = new ArrayList<>();
        double seconds = 0;
        AutoencoderTrainer.Builder builder = AutoencoderTrainer.builder(config, train).seed(seed).checkpoints(root, 0)
                .keep(points + 1);
        listeners.forEach(builder::listener);
        CheckpointStore store = new CheckpointStore(root, points + 1);
        try (AutoencoderTrainer trainer = builder.build()) {
            for (int p = 1; ; p++) {
                long steps = p * stepsPerPoint;
                seconds += trainer.train(TrainingBudget.steps(steps)).wallSeconds();
                try (NDManager scope = manager.newSubManager()) {
                    Autoencoder ae = AutoencoderTrainer.load(store.directory(steps), scope);
                    curve.add(new Point(steps, steps / (double) trainer.stepsPerEpoch(),
                            ReconstructionEvaluation.of(ae, validation, extractor, scope, 100, EVALUATION_SEED, null)));
                    if (p == points) {
                        // the last point's autoencoder is the final checkpoint's: cache the training set's latents
                        Path last = trainer.lastCheckpoint();
                        double scale = !cacheLatents ? Double.NaN : LatentCache.create(latentCacheFile(profile, key,
                                seed), ae, AutoencoderTrainer.identityOf(last), train, scope,
                                LatentCache.Options.defaults()).scaleFactor();
                        return new Curve(key, config, curve, seconds, last, scale);
                    }
                }
            }
        }
    }

    /**
     * {@link #trainWithCurve} with the JSON-lines log {@code train-log-<key>[-seed<k>].jsonl} in {@code results} (no
     * suffix for seed 0), the curve's training seconds being the log's ({@link MatchedBudget#loggedTrainingSeconds}):
     * a run resumed in another session, or only reloaded, reports the time its steps took when they ran.
     */
    public static Curve trainLogged(AutoencoderTrainingConfig config, String key, long seed, Profile profile,
            ImageSet train, ImageSet validation, FeatureExtractor extractor, int points, long stepsPerPoint,
            List<TrainingListener> listeners, boolean cacheLatents, Results results, NDManager manager)
            throws IOException {
        Path logFile = TrainingSetup.trainingLog(results, key + Seeds.suffix(seed));
        try (JsonLinesLog log = new JsonLinesLog(logFile)) {
            List<TrainingListener> all = new ArrayList<>(listeners);
            all.add(log);
            Curve curve = trainWithCurve(config, key, seed, profile, train, validation, extractor, points, stepsPerPoint,
                    all, cacheLatents, manager);
            return curve.withTrainingSeconds(MatchedBudget.loggedTrainingSeconds(logFile));
        }
    }

    /** Its identity (preset and manifest SHA-256), as latent caches record it. */
    public static AutoencoderIdentity identity(Profile profile, String preset) throws IOException {
        return AutoencoderTrainer.identityOf(trainedCheckpoint(profile, preset));
    }
}
