package lddgan.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.TimingProtocol;
import lddgan.metrics.FidConventions;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.KernelInceptionDistance;
import lddgan.metrics.ReferenceStatistics;
import lddgan.report.Charts;
import lddgan.report.Results;
import lddgan.train.JsonLinesLog;
import lddgan.train.LiveLossChart;
import lddgan.train.ProgressBar;
import lddgan.train.StepRecord;
import lddgan.train.TrainingConfig;
import lddgan.train.TrainingListener;

/**
 * One model of the main comparison (LDDGAN Sec. 5.2, Tables 3 and 6): train a preset for a step budget on the
 * profile's data, then evaluate its EMA generator ({@link GanEvaluation}) and draw the sample grids of Figures 4/5
 * (fixed seeds) and of the stochastic denoiser (one x_T, several z). Checkpoints go to
 * {@code .cache/checkpoints/<profile>/<runPrefix>-<preset>-seed<seed>/}, so running again resumes or, when the budget is
 * already reached, only re-evaluates.
 *
 * @param evaluation the Table 3 row
 * @param grid 64 samples, (64, 3, H, W), in the caller's manager
 * @param sameNoise {@code xTs} x_T each denoised with {@code zs} different z, row by row, in the caller's manager
 * @param checkpoint the final checkpoint
 */
public record ModelRun(GanEvaluation evaluation, NDArray grid, NDArray sameNoise, Path checkpoint) {
    /** The curve file beside a run's checkpoints. */
    public static final String CURVE_FILE = "curve.json";
    /** The label of a table's real-data row. */
    public static final String REAL_DATA = "real data (held-out)";
    /** The sampling seed of seed 0's evaluations; seed k evaluates with this + k. */
    public static final long EVALUATION_SEED = 1234;

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
     * @param runPrefix prefix of the checkpoint directories, the experiment's ({@link Experiment#runPrefix()})
     * @param firstStage LDDGAN's first-stage run under {@link FirstStageRuns} ({@link TrainingSetup#FIRST_STAGE})
     * @param firstStageSeed the training seed of that run ({@link FirstStageRuns#SEED} for notebook 01's)
     */
    public record Setup(Profile profile, ImageSet train, FeatureExtractor extractor, FeatureStatistics reference,
                        NDArray realFeatures, int samples, TimingProtocol timing, long seed, String runPrefix,
                        String firstStage, long firstStageSeed) {
        /**
         * The setup of {@code experiment}'s runs (its run prefix and profile; seed 0; notebook 01's first stage): the
         * FID reference statistics of {@code train} and the real features of precision / recall are computed here
         * (close {@link #realFeatures()} when done).
         */
        public static Setup of(Experiment<?> experiment, ImageSet train, FeatureExtractor extractor, int samples,
                TimingProtocol timing, NDManager manager) throws IOException {
            FeatureStatistics reference = ReferenceStatistics.of(extractor, train);
            NDArray realFeatures = extractor.features(train, 250, manager);
            return new Setup(experiment.profile(), train, extractor, reference, realFeatures, samples, timing, 0,
                    experiment.runPrefix(), TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
        }

        /** The conventions of this setup's FIDs (for the results' conditions: {@code Conditions.withFid}). */
        public FidConventions fidConventions() {
            return FidConventions.of(extractor, samples, "training set (" + train.size() + " images)", reference);
        }

        /** The KID subset size of this setup's evaluations ({@link KernelInceptionDistance#subsetSizeFor}). */
        public int kidSubsetSize() {
            return kidSubsetSize(samples);
        }

        /** The KID subset size of an evaluation of {@code count} samples against this setup's real features. */
        private int kidSubsetSize(int count) {
            return KernelInceptionDistance.subsetSizeFor(realFeatures.getShape().get(0), count);
        }

        /**
         * Whether a recorded evaluation was made as this setup makes them: the same sample count, feature extractor
         * and KID protocol (a curve point on file from an older protocol is never reused).
         */
        public boolean evaluatesLike(GanEvaluation e) {
            return evaluatesLike(e, samples);
        }

        /** Whether {@code e} scored {@code count} samples with this setup's extractor and KID subsets. */
        public boolean evaluatesLike(GanEvaluation e, int count) {
            return e.samples() == count && e.extractor().equals(extractor.id()) && e.kid() != null
                    && e.kid().subsets() == KernelInceptionDistance.SUBSETS
                    && e.kid().subsetSize() == kidSubsetSize(count);
        }

        /**
         * A copy that trains with another seed (issue 23, item 1): its own checkpoint directory
         * ({@code ...-seed<seed>}), initialisation and data order, and its own evaluation draws (sampling seed
         * {@link #EVALUATION_SEED} + seed).
         */
        public Setup withSeed(long other) {
            return new Setup(profile, train, extractor, reference, realFeatures, samples, timing, other, runPrefix,
                    firstStage, firstStageSeed);
        }

        /** What a per-run file name carries for this seed: nothing for seed 0 (the names of one-seed runs), else "-seed<k>". */
        public String seedSuffix() {
            return Seeds.suffix(seed);
        }

        /**
         * The real-data row of this setup's tables (issue 23, item 4): {@link #samples()} held-out images scored as a
         * model's samples are, the floor of FID / KID and the ceiling of precision / recall at this sample count.
         */
        public GanEvaluation realData(ImageSet heldOut, NDManager manager) {
            return GanEvaluation.realData(REAL_DATA, heldOut, extractor, reference, realFeatures, samples, manager,
                    EVALUATION_SEED);
        }

        /** A copy whose LDDGAN trains in the latent of another first-stage run ({@link FirstStageRuns}). */
        public Setup withFirstStage(String run) {
            return withFirstStage(run, FirstStageRuns.SEED);
        }

        /** A copy whose LDDGAN trains in the latent of the first-stage run {@code run} of training seed {@code runSeed}. */
        public Setup withFirstStage(String run, long runSeed) {
            return new Setup(profile, train, extractor, reference, realFeatures, samples, timing, seed, runPrefix, run,
                    runSeed);
        }
    }

    /**
     * {@code config} with N, the length in epochs of its per-epoch schedules (Weighted Learning's lambda, the cosine
     * learning rate; LDDGAN Eq. (9)), set to a run of {@code steps} steps over {@code trainSize} images: the schedules
     * sweep over the run as they do over the paper's 1,700 epochs (at least one epoch).
     */
    public static TrainingConfig sized(TrainingConfig config, long steps, int trainSize) {
        return config.withEpochs((int) Math.max(1, Math.ceil(steps / (double) (trainSize / config.batchSize()))));
    }

    /**
     * {@link #trainWithCurve} with the listeners of a notebook's side-by-side comparison (Tables 3 and 12): a progress
     * bar, the JSON-lines log {@code train-log-<preset>.jsonl} in {@code results} and a live loss chart, saved there
     * as {@code losses-<preset>.png} when training ends; under a time budget of {@code seconds} ({@link #openLogged};
     * 0: the step budget) counted from that log.
     *
     * <p>This is how a notebook takes another notebook's run as that one trains it (notebook 05 takes notebook 02's
     * LDDGAN of each seed, {@code results} being notebook 02's): with its budget, a finished run trains nothing more
     * and is evaluated with this setup (its sample count and timing); one not yet trained is trained, and logged, as
     * that notebook would. The run's curve file keeps that notebook's evaluation beside this one.
     */
    public static Convergence trainLogged(TrainingConfig config, List<Long> evaluateAt, double seconds, Setup setup,
            TimingProtocol pointTiming, Results results, NDManager manager) throws IOException {
        try (CurveRun run = openLogged(config, evaluateAt, seconds, setup, pointTiming, results, manager)) {
            return run.complete();
        }
    }

    /**
     * {@link CurveRun#open} with {@link #trainLogged}'s listeners, its log closed with the run and its loss chart saved
     * by {@link CurveRun#finish} (from the log: the whole run, however many calls and processes trained it).
     */
    public static CurveRun openLogged(TrainingConfig config, List<Long> evaluateAt, Setup setup,
            TimingProtocol pointTiming, Results results, NDManager manager) throws IOException {
        return openLogged(config, evaluateAt, 0, setup, pointTiming, results, manager);
    }

    /**
     * {@link #openLogged(TrainingConfig, List, Setup, TimingProtocol, Results, NDManager)} with a time budget of
     * {@code seconds} ({@link CurveRun#timed}; 0: the step budget, the last of {@code evaluateAt}), counted from the
     * run's training log.
     */
    public static CurveRun openLogged(TrainingConfig config, List<Long> evaluateAt, double seconds, Setup setup,
            TimingProtocol pointTiming, Results results, NDManager manager) throws IOException {
        String file = TrainingSetup.fileName(config.name()) + setup.seedSuffix();
        JsonLinesLog log = new JsonLinesLog(TrainingSetup.trainingLog(results, file));
        CurveRun run = null;
        try {
            run = CurveRun.open(config, evaluateAt, setup, pointTiming,
                            List.of(new ProgressBar(System.out, 60), log, new LiveLossChart(30)), manager)
                    .owning(log)
                    .onFinish(() -> results.writeBytes("losses-" + file + ".png",
                            Charts.png(LiveLossChart.ofLog(config.name(), log.file(), StepRecord.class))));
            return seconds > 0 ? run.timed(seconds, log.file()) : run;
        } catch (IOException | RuntimeException e) {
            // the run closes its log; a failure to close is suppressed in the one that got here
            try {
                if (run != null) {
                    run.close();
                } else {
                    log.close();
                }
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
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
        return trainWithCurve(config, List.of(steps), setup, setup.timing(), listeners, manager).last();
    }

    /**
     * A model's convergence curve (LDDGAN Appendix C: "the CNN converged in ~1500 epochs, the ViT in ~2300") and its
     * final run.
     *
     * @param curve one evaluation per point, training seconds cumulative; the last is {@code last}'s
     * @param last the final evaluation with the grids
     */
    public record Convergence(List<GanEvaluation> curve, ModelRun last) {
    }

    /**
     * Trains {@code config} up to each of {@code evaluateAt} (total steps, increasing) and evaluates the EMA generator
     * there: FID and precision / recall as the final evaluation, with the light {@code pointTiming} for the sampling
     * time except at the last point, which uses the setup's protocol and draws the grids. Each point is recorded in
     * {@code curve.json} beside the checkpoints; a re-run that resumes past a point takes it from there.
     *
     * @throws IllegalStateException when the run is already past a point that its curve file does not hold
     */
    public static Convergence trainWithCurve(TrainingConfig config, List<Long> evaluateAt, Setup setup,
            TimingProtocol pointTiming, List<TrainingListener> listeners, NDManager manager) throws IOException {
        try (CurveRun run = CurveRun.open(config, evaluateAt, setup, pointTiming, listeners, manager)) {
            return run.complete();
        }
    }
}
