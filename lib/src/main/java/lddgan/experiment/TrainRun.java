package lddgan.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lddgan.config.ProjectPaths;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.FrechetDistance;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.FeatureMoments;
import lddgan.metrics.FidConventions;
import lddgan.metrics.KernelInceptionDistance;
import lddgan.metrics.MetricLabel;
import lddgan.metrics.ReferenceStatistics;
import lddgan.report.Charts;
import lddgan.report.Conditions;
import lddgan.report.ImageGrid;
import lddgan.report.Results;
import lddgan.train.GanTrainer;
import lddgan.train.JsonLinesLog;
import lddgan.train.LiveLossChart;
import lddgan.train.ProgressBar;
import lddgan.train.StepRecord;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingConfig;
import lddgan.train.TrainingSummary;

/**
 * Trains one CIFAR-10 preset under a step budget and measures whether it learned: FID (offline extractor) of the
 * EMA generator's samples before and after, with sample grids, a loss chart and the JSON-lines log in
 * {@code results/<profile>/train/<preset>/}; checkpoints in {@code .cache/checkpoints/<profile>/<preset>-seed<seed>/}
 * (a second run resumes). {@code make train MODEL=ddgan-cifar10 STEPS=300 LDDGAN_PROFILE=cpu}.
 *
 * <p>The FIDs use the offline classifier features and a few hundred samples: they show progress within this run and
 * are not comparable with the paper's Inception FIDs on 50k samples.
 */
public final class TrainRun {
    private TrainRun() {
    }

    /**
     * What {@code make train} asks for, checked before any work is done.
     *
     * @param preset the training preset (MODEL)
     * @param profile the profile (LDDGAN_PROFILE)
     * @param steps the step budget (STEPS)
     * @param samples samples of each FID (LDDGAN_FID_SAMPLES)
     * @param seed the run's seed (LDDGAN_SEED)
     */
    public record Arguments(String preset, Profile profile, long steps, int samples, long seed) {
        /**
         * Parses and checks the arguments (preset, steps) and the environment: a preset with a configuration for the
         * profile, a positive step count, at least 2 FID samples, a whole-number seed.
         *
         * @throws IllegalArgumentException naming the argument or variable, what was expected and what was found
         */
        public static Arguments parse(String[] args, Map<String, String> env, Profile profile) {
            String preset = args.length > 0 && !args[0].isBlank() ? args[0] : TrainingConfig.DDGAN_CIFAR10;
            long steps = number("STEPS", args.length > 1 && !args[1].isBlank() ? args[1] : "300", 1);
            long samples = number("LDDGAN_FID_SAMPLES", env.getOrDefault("LDDGAN_FID_SAMPLES", "1000"), 2);
            long seed = number("LDDGAN_SEED", env.getOrDefault("LDDGAN_SEED", "0"), Long.MIN_VALUE);
            if (samples > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("LDDGAN_FID_SAMPLES must be at most " + Integer.MAX_VALUE + ", got "
                        + samples);
            }
            try {
                TrainingConfig.preset(preset, profile);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MODEL: " + e.getMessage(), e);
            }
            return new Arguments(preset, profile, steps, (int) samples, seed);
        }

        private static long number(String name, String text, long min) {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number" + (min > Long.MIN_VALUE ? " >= " + min
                        : "") + ", got '" + text + "'");
            }
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
            }
            return value;
        }
    }

    /**
     * Arguments: preset (default ddgan-cifar10), steps (default 300). Environment: {@code LDDGAN_PROFILE},
     * {@code LDDGAN_FID_SAMPLES} (default 1000), {@code LDDGAN_SEED} (default 0). Bad arguments stop at once with
     * exit code 2, before anything is built or written.
     */
    public static void main(String[] args) throws IOException {
        Arguments a;
        try {
            a = Arguments.parse(args, System.getenv(), Profile.current());
        } catch (IllegalArgumentException e) {
            System.err.println("make train: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(a.preset(), a.profile(), a.steps(), a.samples(), a.seed());
    }

    /** Runs and writes the results; returns the FID before and after ({@code fid_start} may be absent on resume). */
    public static Map<String, Object> run(String preset, Profile profile, long steps, int samples, long seed)
            throws IOException {
        long t0 = System.nanoTime();
        TrainingConfig config = TrainingConfig.preset(preset, profile);
        ImageSet train = TrainingSetup.cifar10Train(profile, 512);
        ImageSet test = TrainingSetup.cifar10Test(256);
        Results results = new Results(ProjectPaths.resultsDir().resolve("train").resolve(TrainingSetup.fileName(config.name())));
        Path checkpoints = ProjectPaths.checkpointsDir(profile)
                .resolve(TrainingSetup.fileName(config.name()) + "-seed" + seed);
        System.out.printf(Locale.ROOT, "%s on %s (%d images), %d steps, checkpoints in %s%n", config, train.name(),
                train.size(), steps, checkpoints);
        Map<String, Object> out = new LinkedHashMap<>();
        LiveLossChart chart = new LiveLossChart(30);
        try (NDManager spaceManager = NDManager.newBaseManager();
             FeatureExtractor extractor = FidFeatures.choose(train, test, Engine.getInstance().defaultDevice());
             JsonLinesLog log = new JsonLinesLog(results.dir().resolve("train-log.jsonl"));
             GanTrainer trainer = GanTrainer.builder(config, TrainingSetup.space(config, profile, spaceManager), train).seed(seed)
                     .checkpoints(checkpoints, 100).listener(new ProgressBar()).listener(log).listener(chart)
                     .runSteps(TrainingConfig.runSteps(profile, steps)).build();
             NDManager manager = NDManager.newBaseManager()) {
            FeatureStatistics reference = ReferenceStatistics.of(extractor, train);
            NDArray real = extractor.features(train, ReferenceStatistics.BATCH_SIZE, manager);
            Evaluation evaluation = new Evaluation(extractor, reference, real, samples, results, out);
            if (trainer.step() == 0) {
                evaluation.at(trainer, "start");
            } else {
                // resumed: the start is the same seed's initialisation, rebuilt without checkpoints
                try (GanTrainer initial = GanTrainer.builder(config, trainer.space(), train).seed(seed).build()) {
                    evaluation.at(initial, "start");
                }
            }
            System.out.printf(Locale.ROOT, "%s: FID at step 0 = %.3f%n", config.name(), (Double) out.get("fid_start"));
            TrainingSummary summary = trainer.train(TrainingBudget.steps(steps));
            evaluation.at(trainer, "end");
            out.put("steps", summary.steps());
            out.put("epochs", summary.epoch());
            // the whole run from its log, over every resumed segment (the live chart shows only this call's steps)
            List<StepRecord> records = JsonLinesLog.readRecords(log.file(), StepRecord.class);
            double trainingSeconds = records.stream().mapToDouble(StepRecord::seconds).sum();
            out.put("steps_per_second", records.size() / trainingSeconds);
            out.put("training_seconds", trainingSeconds);
            out.put("training_seconds_this_call", summary.wallSeconds());
            out.put("logged_steps", records.size());
            results.writeBytes("losses.png",
                    Charts.png(LiveLossChart.ofLog(config.name(), log.file(), StepRecord.class)));
            Conditions conditions = Conditions.of(profile, train.name(), train.size(), Engine.getInstance().defaultDevice(),
                    seed, (System.nanoTime() - t0) / 1e9).with("preset", config.name()).with("config", config.toString())
                    .withFid(FidConventions.of(extractor, samples, "training set (" + train.size() + " images)", reference))
                    .with("training time", "sum of the logged step times over every segment of the run (resumes included)")
                    .with("note", "FID and KID of EMA samples: progress within this run, not the paper's FID");
            results.writeJson("fid", out, conditions);
            System.out.printf(Locale.ROOT, "%s: %s (%s, %d EMA samples vs %d training images) %.3f -> %.3f, %s %.5f -> %.5f%n",
                    config.name(), MetricLabel.FID.label(extractor.isProxy()), extractor.id(), samples, train.size(),
                    (Double) out.get("fid_start"), (Double) out.get("fid_end"), MetricLabel.KID.label(extractor.isProxy()),
                    (Double) out.get("kid_start"), (Double) out.get("kid_end"));
        }
        return out;
    }

    /**
     * FID and KID (mean, std) of {@code samples} EMA samples against the training set, written to {@code out} as
     * {@code fid_<label>}, {@code kid_<label>}, {@code kid_std_<label>}, with a grid of the samples.
     */
    private record Evaluation(FeatureExtractor extractor, FeatureStatistics reference, NDArray real, int samples,
                              Results results, Map<String, Object> out) {
        void at(GanTrainer trainer, String label) throws IOException {
            try (NDManager scope = real.getManager().newSubManager()) {
                NDArray images = trainer.sample(scope, samples, 100, 1234);
                ImageSet set = ImageSet.fromImages("EMA samples of " + trainer.config().name() + " at step "
                        + trainer.step(), images);
                NDArray features = extractor.features(set, ReferenceStatistics.BATCH_SIZE, scope);
                FeatureStatistics generated = FeatureMoments.inBatches(features, ReferenceStatistics.BATCH_SIZE)
                        .statistics(set.name(), extractor.id());
                KernelInceptionDistance kid = KernelInceptionDistance.compute(real, features, 1234);
                results.writeBytes("samples-" + label + ".png",
                        Charts.png(ImageGrid.of(images.get("0:" + Math.min(64, samples)), 8, 2)));
                out.put("fid_" + label, FrechetDistance.between(generated, reference));
                out.put("kid_" + label, kid.mean());
                out.put("kid_std_" + label, kid.std());
            }
        }
    }
}
