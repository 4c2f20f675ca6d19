package lddgan.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lddgan.autoencoder.Autoencoder;
import lddgan.config.ProjectPaths;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.metrics.PeakMemory;
import lddgan.report.Conditions;
import lddgan.report.Results;
import lddgan.space.DataSpace;
import lddgan.train.GanTrainer;
import lddgan.train.StepMetrics;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingConfig;
import lddgan.train.TrainingListener;
import lddgan.experiment.TrainingSetup;

/**
 * {@code make bench}, training part: steps per second of the smoke and cpu presets of DDGAN, WDDGAN and LDDGAN, and
 * the process's native memory (resident set) over a long run of the smoke presets with R1 on every step (the
 * DJL-hygiene check of DEVELOPERS.md: memory must stay flat, &lt; 5 % growth after warm-up). Writes
 * {@code results/bench/training.json}.
 *
 * <p>Environment: {@code LDDGAN_BENCH_RATE_STEPS} (timed steps per preset, default 20, after 3 warm-up steps),
 * {@code LDDGAN_BENCH_MEMORY_STEPS} (default 2000), {@code LDDGAN_BENCH_MODELS} (comma-separated presets, default the
 * three CIFAR-10 ones), {@code LDDGAN_BENCH_MEMORY_MODELS} (the presets of the memory run, default the same).
 */
public final class TrainingBenchmark {
    private static final int WARMUP_STEPS = 3;
    private static final int MEMORY_WARMUP = 200;

    private TrainingBenchmark() {
    }

    /** Runs the benchmark and writes the result. */
    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        int rateSteps = Integer.parseInt(env.getOrDefault("LDDGAN_BENCH_RATE_STEPS", "20"));
        int memorySteps = Integer.parseInt(env.getOrDefault("LDDGAN_BENCH_MEMORY_STEPS", "2000"));
        List<String> models = List.of(env.getOrDefault("LDDGAN_BENCH_MODELS", String.join(",",
                TrainingSetup.cifar10Presets())).split(","));
        long t0 = System.nanoTime();
        ImageSet data = TrainingSetup.cifar10Train(Profile.SMOKE, 512);
        Map<String, Object> result = new LinkedHashMap<>();
        List<Map<String, Object>> rates = new ArrayList<>();
        for (String model : models) {
            for (Profile profile : List.of(Profile.SMOKE, Profile.CPU)) {
                rates.add(rate(TrainingConfig.preset(model, profile), data, rateSteps));
            }
        }
        result.put("steps_per_second", rates);
        List<Map<String, Object>> memory = new ArrayList<>();
        for (String model : env.getOrDefault("LDDGAN_BENCH_MEMORY_MODELS", String.join(",", models)).split(",")) {
            memory.add(memory(TrainingConfig.preset(model, Profile.SMOKE).withLazyReg(1), data, memorySteps));
        }
        result.put("native_memory", memory);
        Conditions c = Conditions.of(Profile.current(), data.name(), data.size(), Engine.getInstance().defaultDevice(), 0,
                (System.nanoTime() - t0) / 1e9).with("rate", WARMUP_STEPS + " warm-up steps, then " + rateSteps
                        + " timed steps").with("memory", PeakMemory.CPU_LABEL + " every 100 steps; growth relative to step "
                        + MEMORY_WARMUP + "; R1 on every step (lazyReg 1)");
        Results results = new Results(ProjectPaths.root().resolve("results").resolve("bench"));
        results.writeJson("training", result, c);
        System.out.println("written " + results.dir().resolve("training.json"));
    }

    private static Map<String, Object> rate(TrainingConfig config, ImageSet data, int steps) throws IOException {
        try (NDManager spaceManager = NDManager.newBaseManager();
             GanTrainer trainer = GanTrainer.builder(config, space(config, spaceManager), data).build()) {
            trainer.train(TrainingBudget.steps(WARMUP_STEPS));
            long t = System.nanoTime();
            trainer.train(TrainingBudget.steps(WARMUP_STEPS + steps));
            double seconds = (System.nanoTime() - t) / 1e9;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("preset", config.name());
            row.put("batch", config.batchSize());
            row.put("steps", steps);
            row.put("seconds", seconds);
            row.put("steps_per_second", steps / seconds);
            row.put("images_per_second", steps * config.batchSize() / seconds);
            System.out.printf(Locale.ROOT, "%-20s batch %3d: %.3f steps/s (%.1f images/s)%n", config.name(),
                    config.batchSize(), steps / seconds, steps * config.batchSize() / seconds);
            return row;
        }
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
        return TrainingSetup.space(config, () -> {
            Autoencoder ae = Autoencoder.preset(TrainingSetup.FIRST_STAGE);
            ae.initialize(manager, 1);
            return ae;
        });
    }
}
