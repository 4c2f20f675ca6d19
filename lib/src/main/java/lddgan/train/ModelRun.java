package lddgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.TimingProtocol;

/**
 * One model of the main comparison (LDDGAN Sec. 5.2, Tables 3 and 6): train a preset for a step budget on the
 * profile's data, then evaluate its EMA generator ({@link GanEvaluation}) and draw the sample grids of Figures 4/5
 * (fixed seeds) and of the stochastic denoiser (one x_T, several z). Checkpoints go to
 * {@code .cache/checkpoints/<profile>/<notebook>-<preset>-seed<seed>/}, so running again resumes or, when the budget is
 * already reached, only re-evaluates.
 *
 * @param evaluation the Table 3 row
 * @param grid 64 samples, (64, 3, H, W), in the caller's manager
 * @param sameNoise {@code xTs} x_T each denoised with {@code zs} different z, row by row, in the caller's manager
 * @param checkpoint the final checkpoint
 */
public record ModelRun(GanEvaluation evaluation, NDArray grid, NDArray sameNoise, Path checkpoint) {

    /**
     * What every model of one comparison shares.
     *
     * @param profile the profile (checkpoint directories, the first stage)
     * @param train the training images
     * @param extractor the feature extractor
     * @param reference the training set's feature statistics
     * @param realFeatures features of real images for precision / recall
     * @param samples generated images per evaluation
     * @param timing the sampling-time protocol
     * @param seed the training seed
     * @param notebook prefix of the checkpoint directories ("02", "03")
     * @param firstStage LDDGAN's first-stage run under {@link FirstStageRuns} ({@link TrainingSetup#FIRST_STAGE})
     */
    public record Setup(Profile profile, ImageSet train, FeatureExtractor extractor, FeatureStatistics reference,
                        NDArray realFeatures, int samples, TimingProtocol timing, long seed, String notebook,
                        String firstStage) {
        /** Notebook 02's setup: checkpoints "02-...", notebook 01's first stage. */
        public Setup(Profile profile, ImageSet train, FeatureExtractor extractor, FeatureStatistics reference,
                     NDArray realFeatures, int samples, TimingProtocol timing, long seed) {
            this(profile, train, extractor, reference, realFeatures, samples, timing, seed, "02", TrainingSetup.FIRST_STAGE);
        }

        /** A copy for another notebook and first stage. */
        public Setup with(String notebook, String firstStage) {
            return new Setup(profile, train, extractor, reference, realFeatures, samples, timing, seed, notebook, firstStage);
        }
    }

    /**
     * Trains {@code config} for {@code steps} steps (in total, counting a resumed run's) and evaluates it.
     *
     * @param listeners progress bar, log, chart
     * @param manager where the grids go
     */
    public static ModelRun trainAndEvaluate(TrainingConfig config, long steps, Setup setup,
            List<TrainingListener> listeners, NDManager manager) throws IOException {
        Path checkpoints = ProjectPaths.cacheDir().resolve("checkpoints").resolve(setup.profile().id())
                .resolve(setup.notebook() + "-" + TrainingSetup.fileName(config.name()) + "-seed" + setup.seed());
        try (NDManager spaceManager = manager.newSubManager()) {
            GanTrainer.Builder builder = GanTrainer.builder(config, TrainingSetup.space(config, setup.profile(), setup.firstStage(), spaceManager),
                    setup.train()).seed(setup.seed()).checkpoints(checkpoints, 100);
            listeners.forEach(builder::listener);
            try (GanTrainer trainer = builder.build()) {
                TrainingSummary summary = trainer.train(TrainingBudget.steps(steps));
                GanEvaluation evaluation = GanEvaluation.of(trainer, summary, setup.extractor(), setup.reference(),
                        setup.realFeatures(), setup.samples(), setup.timing(), manager, 1234);
                NDArray grid = trainer.sample(manager, 64, 64, 42);
                NDArray sameNoise = sameNoise(trainer, manager, 4, 8);
                return new ModelRun(evaluation, grid, sameNoise, trainer.lastCheckpoint());
            }
        }
    }

    /** {@code xTs} draws of x_T, each repeated {@code zs} times and denoised with fresh z (DDGAN's multimodality). */
    private static NDArray sameNoise(GanTrainer trainer, NDManager manager, int xTs, int zs) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        Shape one = trainer.config().generator().xShape(xTs);
        NDArray xT = manager.randomNormal(one).repeat(0, zs);
        NDArray images = trainer.sampleFrom(xT, 99);
        xT.close();
        return images;
    }
}
