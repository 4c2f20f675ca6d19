package lddgan.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lddgan.autoencoder.Autoencoder;
import lddgan.config.ProjectPaths;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.io.Json;
import lddgan.metrics.PeakMemory;
import lddgan.nn.NetworkStats;
import lddgan.report.Conditions;
import lddgan.report.Results;
import lddgan.space.DataSpace;
import lddgan.space.SpaceKind;
import lddgan.train.GanTrainer;
import lddgan.train.StepMetrics;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingConfig;
import lddgan.train.TrainingListener;
import lddgan.experiment.TrainingSetup;

/**
 * {@code make bench}, training part (issue 22, item 4): for DDGAN, WDDGAN and LDDGAN (with the architecture of the
 * real f = 2 first stage, reference-initialised: a step costs the same whatever the weights),
 * <ul>
 *   <li>steps per second at the smoke profile (20 timed steps after 3 warm-up steps);
 *   <li>at the cpu profile, 200 timed steps after 3 warm-up steps (R1 steps included as they fall, every
 *       {@code lazyReg}-th): steps per second, achieved GFLOP/s and its fraction of the float32 convolution peak
 *       measured in the same run ({@link ConvPeak}), and the peak resident memory growth over the 200 steps, each
 *       model in a fresh JVM ({@link ChildJvm}: one after another in one process, later models would reuse memory the
 *       allocator kept from earlier ones and show a lower bound of their need);
 *   <li>the process's native memory (resident set) over a long smoke run with R1 on every step (the DJL-hygiene check
 *       of DEVELOPERS.md: memory must stay flat, &lt; 5 % growth after warm-up).
 * </ul>
 * FLOPs of a step, per sample, counted as forward-pass equivalents of Algorithm 2 as {@code GanTrainer} runs it
 * ({@link #stepGflop}): the encoder once (LDDGAN's real batch), the generator once without gradient (the
 * discriminator step's fakes), then forward + backward (3 x forward, the usual convention) of D on the real pair, of D
 * on the fake pair, and of G and D in the generator step: F_E + 4 F_G + 9 F_D; R1's extra passes are not counted, so
 * the achieved rate is a lower bound. Writes {@code results/bench/training.json}.
 *
 * <p>Environment: {@code LDDGAN_BENCH_RATE_STEPS} (timed smoke steps, default 20), {@code LDDGAN_BENCH_CPU_STEPS}
 * (timed cpu steps, default 200), {@code LDDGAN_BENCH_MEMORY_STEPS} (default 2000), {@code LDDGAN_BENCH_MODELS}
 * (comma-separated presets, default the three CIFAR-10 ones), {@code LDDGAN_BENCH_MEMORY_MODELS} (the presets of the
 * memory run, default the same).
 */
public final class TrainingBenchmark {
    private static final int WARMUP_STEPS = 3;
    private static final int MEMORY_WARMUP = 200;
    private static final String ROW = "training-row ";
    private static final String CHILD = "row";

    private TrainingBenchmark() {
    }

    /**
     * Runs the benchmark and writes the result; {@code row <preset> <steps> <conv peak>} is the child of
     * {@link #rateInFreshProcess}, which prints one cpu-profile row as JSON.
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals(CHILD)) {
            childRow(args);
            return;
        }
        Map<String, String> env = System.getenv();
        int rateSteps = Integer.parseInt(env.getOrDefault("LDDGAN_BENCH_RATE_STEPS", "20"));
        int cpuSteps = Integer.parseInt(env.getOrDefault("LDDGAN_BENCH_CPU_STEPS", "200"));
        int memorySteps = Integer.parseInt(env.getOrDefault("LDDGAN_BENCH_MEMORY_STEPS", "2000"));
        List<String> models = List.of(env.getOrDefault("LDDGAN_BENCH_MODELS", String.join(",",
                TrainingSetup.cifar10Presets())).split(","));
        long t0 = System.nanoTime();
        ImageSet data = TrainingSetup.cifar10Train(Profile.SMOKE, 512);
        Map<String, Object> result = new LinkedHashMap<>();
        double peak = ConvPeak.measuredPeak(Engine.getInstance().defaultDevice());
        result.put("conv_peak_float32_GFLOP_per_s", peak);
        List<Map<String, Object>> rates = new ArrayList<>();
        for (String model : models) {
            rates.add(rate(TrainingConfig.preset(model, Profile.SMOKE), data, rateSteps, peak, false));
            rates.add(rateInFreshProcess(model, cpuSteps, peak));
        }
        result.put("steps_per_second", rates);
        List<Map<String, Object>> memory = new ArrayList<>();
        for (String model : env.getOrDefault("LDDGAN_BENCH_MEMORY_MODELS", String.join(",", models)).split(",")) {
            memory.add(memory(TrainingConfig.preset(model, Profile.SMOKE).withLazyReg(1), data, memorySteps));
        }
        result.put("native_memory", memory);
        Conditions c = Conditions.of(Profile.current(), data.name(), data.size(), Engine.getInstance().defaultDevice(), 0,
                (System.nanoTime() - t0) / 1e9).with("rate", WARMUP_STEPS + " warm-up steps, then " + rateSteps
                        + " timed steps (smoke) or " + cpuSteps + " (cpu, with peak resident growth, each model in a "
                        + "fresh JVM)")
                .with("flop convention", "per sample F_E + 4 F_G + 9 F_D forward MACs x 2 (R1 not counted)")
                .with("first stage", "LDDGAN: architecture of " + TrainingSetup.FIRST_STAGE + ", reference-initialised")
                .with("memory", PeakMemory.CPU_LABEL + " every 100 steps; growth relative to step "
                        + MEMORY_WARMUP + "; R1 on every step (lazyReg 1)");
        Results results = new Results(ProjectPaths.root().resolve("results").resolve("bench"));
        results.writeJson("training", result, c);
        System.out.println("written " + results.dir().resolve("training.json"));
    }

    /**
     * FLOPs (10^9) of one training step of {@code config}: 2 x batch x (F_E + 4 F_G + 9 F_D) with F the per-sample
     * forward MACs of the encoder (LDDGAN only), generator and discriminator (class comment).
     */
    static double stepGflop(TrainingConfig config, Autoencoder firstStage, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            var g = config.generator().build();
            g.initialize(scope, 1);
            var d = new lddgan.discriminator.Discriminator(config.discriminator());
            d.initialize(scope, 1);
            double encoder = 0;
            if (firstStage != null) {
                for (ai.djl.nn.Block b : firstStage.encodingBlocks()) {
                    encoder += NetworkStats.multiplyAccumulates(b, true);
                }
            }
            double perSample = encoder + 4.0 * NetworkStats.multiplyAccumulates(g, true)
                    + 9.0 * NetworkStats.multiplyAccumulates(d, true);
            return 2 * config.batchSize() * perSample / 1e9;
        }
    }

    /**
     * One cpu-profile row of {@code preset} measured in a child JVM ({@link ChildJvm}): steps per second, achieved
     * GFLOP/s against {@code peak}, and the peak resident growth over {@code steps} timed steps from the same start
     * for every model.
     *
     * @throws IOException naming the preset when the child fails
     */
    static Map<String, Object> rateInFreshProcess(String preset, int steps, double peak) throws IOException {
        String json = ChildJvm.result(TrainingBenchmark.class, List.of(CHILD, preset, Integer.toString(steps),
                Double.toString(peak)), ROW, "training benchmark of " + preset + " at the cpu profile",
                Duration.ofHours(2));
        return Json.MAPPER.readValue(json, new TypeReference<>() {
        });
    }

    private static void childRow(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: TrainingBenchmark row <preset> <steps> <conv peak GFLOP/s>, got "
                    + List.of(args));
        }
        ImageSet data = TrainingSetup.cifar10Train(Profile.SMOKE, 512);
        Map<String, Object> row = rate(TrainingConfig.preset(args[1], Profile.CPU), data, Integer.parseInt(args[2]),
                Double.parseDouble(args[3]), true);
        System.out.println(ROW + Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(row));
    }

    /** What is done with a benchmark's trainer, given the FLOPs (10^9) of one of its steps ({@link #stepGflop}). */
    interface TrainerUse<R> {
        R apply(GanTrainer trainer, double gflopPerStep) throws IOException;
    }

    /**
     * Builds {@code config}'s trainer as the benchmark does (LDDGAN on a reference-initialised first stage of the real
     * f = 2 architecture), runs {@link #WARMUP_STEPS} warm-up steps and hands it to {@code use}.
     */
    static <R> R withTrainer(TrainingConfig config, ImageSet data, TrainerUse<R> use) throws IOException {
        try (NDManager spaceManager = NDManager.newBaseManager()) {
            Autoencoder firstStage = config.space() == SpaceKind.LATENT ? firstStage(spaceManager) : null;
            double gflop = stepGflop(config, firstStage, spaceManager);
            DataSpace space = TrainingSetup.space(config, () -> firstStage);
            try (GanTrainer trainer = GanTrainer.builder(config, space, data).build()) {
                trainer.train(TrainingBudget.steps(WARMUP_STEPS));
                return use.apply(trainer, gflop);
            }
        }
    }

    private static Map<String, Object> rate(TrainingConfig config, ImageSet data, int steps, double peak,
            boolean measureMemory) throws IOException {
        return withTrainer(config, data, (trainer, gflop) -> {
            long[] nanos = new long[1];
            Runnable timed = () -> {
                long t = System.nanoTime();
                try {
                    trainer.train(TrainingBudget.steps(WARMUP_STEPS + steps));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                nanos[0] = System.nanoTime() - t;
            };
            PeakMemory growth = null;
            if (measureMemory) {
                growth = PeakMemory.cpuResidentGrowth(timed);
            } else {
                timed.run();
            }
            double seconds = nanos[0] / 1e9;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("preset", config.name());
            row.put("batch", config.batchSize());
            row.put("steps", steps);
            row.put("seconds", seconds);
            row.put("steps_per_second", steps / seconds);
            row.put("images_per_second", steps * config.batchSize() / seconds);
            row.put("GFLOP_per_step", gflop);
            row.put("achieved_GFLOP_per_s", gflop * steps / seconds);
            row.put("fraction_of_conv_peak", gflop * steps / seconds / peak);
            if (growth != null) {
                row.put("peak_resident_growth_MiB", growth.mebibytes());
                row.put("memory_label", growth.label());
            }
            System.out.printf(Locale.ROOT, "%-20s batch %3d: %.3f steps/s (%.1f images/s), %.1f GFLOP/s = %.0f %% of the "
                    + "conv peak%s%n", config.name(), config.batchSize(), steps / seconds,
                    steps * config.batchSize() / seconds, gflop * steps / seconds, 100 * gflop * steps / seconds / peak,
                    growth == null ? "" : String.format(Locale.ROOT, "; peak resident growth over %d steps %.0f MiB",
                            steps, growth.mebibytes()));
            return row;
        });
    }

    private static Map<String, Object> memory(TrainingConfig config, ImageSet data, int steps) throws IOException {
        List<Long> stepsAt = new ArrayList<>();
        List<Long> rssMb = new ArrayList<>();
        TrainingListener sampler = new TrainingListener() {
            @Override
            public void onStep(StepMetrics r) {
                if (r.step() % 100 == 0) {
                    stepsAt.add(r.step());
                    rssMb.add(PeakMemory.statusKilobytes("VmRSS") / 1024);
                }
            }
        };
        try (NDManager spaceManager = NDManager.newBaseManager();
             GanTrainer trainer = GanTrainer.builder(config, space(config, spaceManager), data).listener(sampler).build()) {
            trainer.train(TrainingBudget.steps(steps));
        }
        int base = stepsAt.indexOf((long) MEMORY_WARMUP);
        long baseline = rssMb.get(Math.max(0, base));
        long end = rssMb.get(rssMb.size() - 1);
        double growth = (end - baseline) / (double) baseline;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("preset", config.name() + " (lazyReg 1)");
        row.put("steps", steps);
        row.put("rss_mb_at_step", stepsAt);
        row.put("rss_mb", rssMb);
        row.put("growth_after_warmup", growth);
        row.put("flat", growth < 0.05);
        System.out.printf(Locale.ROOT, "%-20s %d steps, R1 every step: RSS %d MB at step %d -> %d MB at step %d (%+.1f %%)%n",
                config.name(), steps, baseline, stepsAt.get(Math.max(0, base)), end, stepsAt.get(stepsAt.size() - 1),
                100 * growth);
        return row;
    }

    /**
     * The configuration's data space; LDDGAN's latent space on a freshly initialised autoencoder of the CIFAR-10
     * first stage's architecture ({@link TrainingSetup#FIRST_STAGE}): a training step costs the same whatever its
     * weights, and the benchmark needs no trained first stage.
     */
    private static DataSpace space(TrainingConfig config, NDManager manager) throws IOException {
        return TrainingSetup.space(config, () -> firstStage(manager));
    }

    private static Autoencoder firstStage(NDManager manager) {
        Autoencoder ae = Autoencoder.preset(TrainingSetup.FIRST_STAGE);
        ae.initialize(manager, 1);
        return ae;
    }
}
