package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.metrics.GanEvaluation;
import lddgan.report.SeedTable;
import lddgan.space.DataSpace;
import lddgan.train.DiffusionTrainer;
import lddgan.train.DiffusionTrainingConfig;
import lddgan.train.GanTrainer;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Matched training budgets (issue 23, item 3): models compared under one budget train for step counts calibrated so
 * that their measured training times agree within {@link #TOLERANCE}; the table beside each comparison shows the
 * measured times, and a first stage's training (LDDGAN's autoencoder, notebook 01) as a column of its own and in a
 * total. The step counts live in the experiment preset (so a run is the same on every machine); {@link #main} measures
 * each model's steps per second on this machine and prints the counts for a target time.
 */
public final class MatchedBudget {
    /** Training times of one comparison agree when (max - min) / min is at most this. */
    public static final double TOLERANCE = 0.05;
    /** Untimed steps before a calibration's timed ones (the first steps of a run are slower). */
    public static final long WARMUP_STEPS = 5;
    /**
     * Timed steps of a calibration: 80 (20 timed steps gave rates 10-25 % below 80-step ones for the small latents of
     * notebook 07, and notebook 02's 20-step calibration left its training times 7.6 % apart).
     */
    public static final long TIMED_STEPS = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MatchedBudget() {
    }

    /**
     * A measured training speed.
     *
     * @param preset the training preset
     * @param steps the timed steps
     * @param seconds their wall time
     */
    public record Rate(String preset, long steps, double seconds) {
        /** Steps per second. */
        public double stepsPerSecond() {
            return steps / seconds;
        }
    }

    /**
     * Times {@code timed} training steps of {@code config} after {@code warmup} untimed ones, in a fresh run without
     * checkpoints (the seed's initialisation and data order, the profile's first stage).
     */
    public static Rate measure(TrainingConfig config, Profile profile, ImageSet train, String firstStage, long seed,
            long warmup, long timed, NDManager manager) throws IOException {
        try (NDManager scope = manager.newSubManager()) {
            return measure(config, TrainingSetup.space(config, profile, firstStage, scope), train, seed, warmup, timed);
        }
    }

    /**
     * As {@link #measure(TrainingConfig, Profile, ImageSet, String, long, long, long, NDManager)} in a given data
     * space (an untrained first stage of the right preset costs what the trained one does: notebook 07's calibration
     * runs before its first stages exist).
     */
    public static Rate measure(TrainingConfig config, DataSpace space, ImageSet train, long seed, long warmup, long timed)
            throws IOException {
        try (GanTrainer trainer = GanTrainer.builder(config, space, train).seed(seed).build()) {
            return timed(config.name(), trainer, warmup, timed);
        }
    }

    /** Times {@code timed} training steps of an epsilon network after {@code warmup} untimed ones (no checkpoints). */
    public static Rate measure(DiffusionTrainingConfig config, DataSpace space, ImageSet train, long seed, long warmup,
            long timed) throws IOException {
        try (DiffusionTrainer trainer = DiffusionTrainer.builder(config, space, train).seed(seed).build()) {
            return timed(config.name(), trainer, warmup, timed);
        }
    }

    private static Rate timed(String name, lddgan.train.TrainerBase trainer, long warmup, long timed) throws IOException {
        trainer.train(TrainingBudget.steps(warmup));
        double seconds = trainer.train(TrainingBudget.steps(warmup + timed)).wallSeconds();
        return new Rate(name, timed, seconds);
    }

    /** The step count of each rate that trains for {@code seconds} (at least one step). */
    public static Map<String, Long> stepsFor(double seconds, Collection<Rate> rates) {
        Map<String, Long> steps = new LinkedHashMap<>();
        rates.forEach(r -> steps.put(r.preset(), Math.max(1, Math.round(seconds * r.stepsPerSecond()))));
        return steps;
    }

    /** (max - min) / min of training times; 0 for one. */
    public static double spread(Collection<Double> seconds) {
        double min = seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return (max - min) / min;
    }

    /**
     * The budget table of a comparison: per model its steps, measured training seconds (mean and sd over seeds; the
     * evaluations' training seconds, which notebooks take from the training logs:
     * {@link SeededComparison#finalsWithLoggedTime}), seconds per step, the first stage's training seconds and the
     * total.
     *
     * @param labels the models, in table order
     * @param bySeed each seed's evaluations, in {@code labels}' order
     * @param firstStageSeconds label to its first stage's training seconds (absent: no first stage, 0)
     */
    public static Table table(String title, List<String> labels, Map<Long, List<GanEvaluation>> bySeed,
            Map<String, Double> firstStageSeconds) {
        Map<Long, Table> tables = new TreeMap<>();
        bySeed.forEach((seed, evaluations) -> {
            LongColumn steps = LongColumn.create(SeedTable.STEPS);
            DoubleColumn training = DoubleColumn.create("training_s");
            DoubleColumn perStep = DoubleColumn.create("s_per_step");
            DoubleColumn first = DoubleColumn.create("first_stage_s");
            DoubleColumn total = DoubleColumn.create("total_s");
            for (int i = 0; i < labels.size(); i++) {
                GanEvaluation e = evaluations.get(i);
                double f = firstStageSeconds.getOrDefault(labels.get(i), 0.0);
                steps.append(e.steps());
                training.append(e.trainingSeconds());
                perStep.append(e.trainingSeconds() / e.steps());
                first.append(f);
                total.append(e.trainingSeconds() + f);
            }
            tables.put(seed, Table.create(title).addColumns(StringColumn.create("model", labels), steps, training,
                    perStep, first, total));
        });
        return SeedTable.summary(title, SeedTable.stack(title, tables), "model",
                List.of(SeedTable.STEPS, "training_s", "s_per_step", "total_s"));
    }

    /** One sentence: whether the summary's mean training times agree within {@link #TOLERANCE}. */
    public static String verdict(Table budget) {
        return verdict(budget.doubleColumn("training_s").asList());
    }

    /** One sentence: whether these (mean) training times agree within {@link #TOLERANCE}. */
    public static String verdict(List<Double> seconds) {
        double spread = spread(seconds);
        return String.format(Locale.ROOT, "training times %s within %.0f %%: (max - min) / min = %.1f %% over %s s",
                spread <= TOLERANCE ? "agree" : "do NOT agree", TOLERANCE * 100, spread * 100,
                seconds.stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).toList());
    }

    /**
     * The training seconds of a first stage as its training log records them: the sum of the logged step times of
     * {@code log} (one JSON object per line with {@code step} and {@code seconds}; a step logged twice, by a resumed
     * run, counts once, its last record). Checkpoint writes between steps are not in it.
     *
     * @throws IOException when the log is missing or a line has no {@code step} / {@code seconds} (names the file
     *     and the line)
     */
    public static double loggedTrainingSeconds(Path log) throws IOException {
        return loggedTrainingSeconds(log, Long.MAX_VALUE);
    }

    /**
     * {@link #loggedTrainingSeconds(Path)} of the steps up to {@code lastStep} (a run resumed from its checkpoint at
     * that step trains the later ones again).
     */
    public static double loggedTrainingSeconds(Path log, long lastStep) throws IOException {
        if (!Files.isRegularFile(log)) {
            throw new IOException("no training log at " + log + " (the notebook that trains it writes it: notebook 01"
                    + " for the first stage; run it at this profile first)");
        }
        TreeMap<Long, Double> perStep = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(log)) {
            String line;
            for (int n = 1; (line = in.readLine()) != null; n++) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                if (!record.path("step").isNumber() || !record.path("seconds").isNumber()) {
                    throw new IOException(log + ", line " + n + ": expected numbers 'step' and 'seconds', found " + line);
                }
                perStep.put(record.get("step").asLong(), record.get("seconds").asDouble());
            }
        }
        return perStep.headMap(lastStep, true).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A calibration's optional whole-number argument {@code i}, or {@code fallback} when it is not given. */
    static long argument(String[] args, int i, long fallback) {
        return args.length > i ? Long.parseLong(args[i]) : fallback;
    }

    /**
     * Measures each model of notebook 02's comparison at a profile and prints the step counts that train each for the
     * target time: {@code make calibrate PROFILE=cpu SECONDS=300} (arguments: seconds [warm-up steps] [timed steps]).
     * Run it on a quiet machine and write the counts into {@code presets/experiments/02-main-results.json}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: MatchedBudget SECONDS [WARMUP_STEPS] [TIMED_STEPS] (LDDGAN_PROFILE selects the profile)");
            System.exit(2);
        }
        double seconds = Double.parseDouble(args[0]);
        long warmup = argument(args, 1, WARMUP_STEPS);
        long timed = argument(args, 2, TIMED_STEPS);
        Profile profile = Profile.current();
        Experiment<MainComparisonBudget> experiment = Experiment.load("02-main-results", profile, MainComparisonBudget.class);
        ImageSet train = TrainingSetup.cifar10Train(profile, 512);
        List<Rate> rates = new java.util.ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String preset : experiment.budget().steps().keySet()) {
                TrainingConfig config = ModelRun.sized(TrainingConfig.preset(preset, profile),
                        experiment.budget().steps(preset), train.size());
                Rate r = measure(config, profile, train, TrainingSetup.FIRST_STAGE, 0, warmup, timed, manager);
                rates.add(new Rate(preset, r.steps(), r.seconds()));
                System.out.printf(Locale.ROOT, "%s: %d steps in %.2f s = %.3f steps/s%n", preset, r.steps(), r.seconds(),
                        r.stepsPerSecond());
            }
        }
        System.out.println("profile " + profile.id() + ", " + seconds + " s each: \"steps\": "
                + JSON.writeValueAsString(stepsFor(seconds, rates)));
    }
}
