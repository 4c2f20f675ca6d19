package lddgan.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lddgan.config.DeviceChoice;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;
import lddgan.experiment.TrainingSetup;
import lddgan.generator.GeneratorSpec;
import lddgan.report.Conditions;
import lddgan.report.Results;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingConfig;

/**
 * {@code make profile} (issue 22, item 1): where the time of one model's training steps or sampling pass goes, by
 * PyTorch's profiler, reduced by {@link OperatorTrace} and written to {@code results/bench/profile-<what>-<preset>-
 * <profile>[-batch<b>].json} (the raw trace to {@code build/profile/}).
 *
 * <ul>
 *   <li>{@code train <preset> <steps> [batch]}: the preset at the current profile ({@code LDDGAN_PROFILE}; its batch
 *       size unless {@code batch} is given: the paper's networks at a batch this machine runs in seconds), built as
 *       {@link TrainingBenchmark} builds it (LDDGAN on the real f = 2 first stage's architecture), 3 warm-up steps,
 *       then {@code steps} steps timed without the profiler, the next {@code steps} under it and {@code steps} more
 *       without it (R1 steps included as they fall, every {@code lazyReg}-th);
 *   <li>{@code sample <preset> <batch>}: one pass of Algorithm 1 at the paper's sizes as {@code make bench} times it
 *       (T = 4, LDDGAN with its decoder, WDDGAN with the inverse DWT): one warm-up pass, then one timed without the
 *       profiler, one under it and one without it.
 * </ul>
 * The profiler inflates operator times, so the result reports shares of operator time, the profiled and unprofiled
 * seconds side by side, the time outside every operator (Java, JNI, the profiler), and each convolution shape's
 * achieved GFLOP/s against the float32 3x3 peak measured in the same process ({@link ConvPeak}).
 */
public final class OperatorProfile {
    private static final int TOP = 15;

    private OperatorProfile() {
    }

    /** Runs one profile; arguments {@code train <preset> <steps>} or {@code sample <preset> <batch>}. */
    public static void main(String[] args) throws IOException {
        boolean train = args.length > 0 && args[0].equals("train");
        if (!(train && (args.length == 3 || args.length == 4) || args.length == 3 && args[0].equals("sample"))) {
            throw new IllegalArgumentException("usage: OperatorProfile train <preset> <steps> [batch] | sample <preset> "
                    + "<batch>, got " + List.of(args));
        }
        String what = args[0];
        String preset = args[1];
        int count = Integer.parseInt(args[2]);
        if (count < 1) {
            throw new IllegalArgumentException("steps or batch must be >= 1, got " + count);
        }
        Profile profile = train ? Profile.current() : Profile.PAPER;
        Device device = DeviceChoice.current();
        String name = "profile-" + what + "-" + preset + "-" + profile.id() + (args.length == 4 ? "-batch" + args[3] : "");
        Path trace = ProjectPaths.root().resolve("build").resolve("profile").resolve(name + ".trace.json");
        Files.createDirectories(trace.getParent());
        long t0 = System.nanoTime();
        double peak = ConvPeak.measuredPeak(device);
        double[] seconds;
        String region;
        if (train) {
            TrainingConfig config = TrainingConfig.preset(preset, profile);
            if (args.length == 4) {
                config = config.withBatchSize(Integer.parseInt(args[3]));
            }
            region = count + " training steps of " + config.name() + " (batch " + config.batchSize() + ", lazyReg "
                    + config.lazyReg() + ") after 3 warm-up steps";
            seconds = TrainingBenchmark.withTrainer(config, TrainingSetup.cifar10Train(Profile.SMOKE, 512),
                    (trainer, gflop) -> timedThenProfiled(trace, () -> trainer.train(TrainingBudget.steps(
                            trainer.step() + count))));
        } else {
            region = "one sampling pass, batch " + count + ", T = " + ArchitectureAudit.SamplerCost.STEPS
                    + ", paper sizes, with the map back to images";
            try (NDManager manager = NDManager.newBaseManager(device)) {
                Engine.getInstance().setRandomSeed(0);
                ArchitectureAudit.SamplerCost cost = ArchitectureAudit.SamplerCost.of(GeneratorSpec.preset(preset),
                        preset, manager);
                cost.sampleBatch().accept(count);
                seconds = timedThenProfiled(trace, () -> cost.sampleBatch().accept(count));
            }
        }
        OperatorTrace.Summary summary = OperatorTrace.read(trace);
        Map<String, Object> result = result(summary, seconds, peak, region);
        print(name, region, summary, seconds, peak);
        Conditions c = Conditions.of(profile, train ? "CIFAR-10 (subset or synthetic, as make bench)"
                        : "none (random x_T)", 0, device, 0, (System.nanoTime() - t0) * 1e-9)
                .with("weights", "reference initialisation: a step or pass costs the same whatever the weights")
                .with("profiler", "PyTorch's legacy autograd profiler through DJL's JniUtils.startProfile(false, true, "
                        + "false), shapes recorded; trace " + ProjectPaths.root().relativize(trace))
                .with("threads", System.getProperty("ai.djl.pytorch.num_threads", "engine default"));
        Results results = new Results(ProjectPaths.root().resolve("results").resolve("bench"));
        results.writeJson(name, result, c);
        System.out.println("wrote " + results.dir().resolve(name + ".json"));
    }

    /**
     * A region run as it is, under the profiler, and as it is again: {unprofiled s before, profiled s, unprofiled s
     * after}. The second unprofiled run shows how far the first was still warming up (allocator growth, oneDNN's
     * primitive cache) and how much the profiler itself adds.
     */
    private static double[] timedThenProfiled(Path trace, Region region) throws IOException {
        double before = seconds(region);
        JniUtils.startProfile(false, true, false);
        double profiled;
        try {
            profiled = seconds(region);
        } finally {
            JniUtils.stopProfile(trace.toString());
        }
        return new double[] {before, profiled, seconds(region)};
    }

    private static double seconds(Region region) throws IOException {
        long t = System.nanoTime();
        region.run();
        return (System.nanoTime() - t) * 1e-9;
    }

    /** The timed region. */
    private interface Region {
        void run() throws IOException;
    }

    /** The first {@value #TOP} rows (the lists come slowest first). */
    private static <T> List<T> top(List<T> rows) {
        return rows.subList(0, Math.min(TOP, rows.size()));
    }

    /** A phase's groups, the most time first. */
    private static List<Map.Entry<OperatorKind, Double>> byTime(Map<OperatorKind, Double> kinds) {
        return kinds.entrySet().stream().sorted(Map.Entry.<OperatorKind, Double>comparingByValue().reversed()).toList();
    }

    private static Map<String, Object> result(OperatorTrace.Summary s, double[] seconds, double peak, String region) {
        double profiled = seconds[1];
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("region", region);
        r.put("seconds_unprofiled_before", seconds[0]);
        r.put("seconds_profiled", profiled);
        r.put("seconds_unprofiled_after", seconds[2]);
        r.put("operator_seconds", s.operatorSeconds());
        r.put("outside_operators_seconds", profiled - s.operatorSeconds());
        r.put("autograd_engine_seconds", s.autogradEngineSeconds());
        Map<String, Object> shares = new LinkedHashMap<>();
        for (var phase : s.seconds().entrySet()) {
            Map<String, Double> kinds = new LinkedHashMap<>();
            byTime(phase.getValue()).forEach(k -> kinds.put(k.getKey().label(), k.getValue() / s.operatorSeconds()));
            shares.put(phase.getKey().label(), kinds);
        }
        r.put("share_of_operator_time", shares);
        double[] counted = s.countedConvolutions();
        r.put("convolution_share", s.seconds(OperatorKind.CONVOLUTION) / s.operatorSeconds());
        r.put("convolution_GFLOP_per_s_profiled", counted[1] / counted[0]);
        r.put("conv_peak_float32_GFLOP_per_s", peak);
        List<Map<String, Object>> convs = new ArrayList<>();
        for (OperatorTrace.ConvShape c : top(s.convolutions())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", c.phase().label());
            m.put("input", c.input());
            m.put("weight", c.weight());
            m.put("output", c.output());
            m.put("calls", c.calls());
            m.put("share_of_operator_time", c.seconds() / s.operatorSeconds());
            m.put("GFLOP_per_s_profiled", c.gflopPerSecond());
            convs.add(m);
        }
        r.put("convolutions", convs);
        List<Map<String, Object>> ops = new ArrayList<>();
        for (OperatorTrace.OperatorTime o : top(s.operators())) {
            ops.add(Map.of("name", o.name(), "phase", o.phase().label(), "kind", o.kind().label(),
                    "calls", o.calls(), "share_of_operator_time", o.seconds() / s.operatorSeconds()));
        }
        r.put("operators", ops);
        return r;
    }

    private static void print(String name, String region, OperatorTrace.Summary s, double[] seconds, double peak) {
        System.out.printf(Locale.ROOT, "%s: %s%n  %.2f s unprofiled, %.2f s profiled, %.2f s unprofiled again; operators "
                + "%.2f s, outside them %.2f s, autograd engine %.2f s%n", name, region, seconds[0], seconds[1], seconds[2],
                s.operatorSeconds(), seconds[1] - s.operatorSeconds(), s.autogradEngineSeconds());
        System.out.println("| phase | group | share of operator time |\n|---|---|---|");
        for (var phase : s.seconds().entrySet()) {
            byTime(phase.getValue()).forEach(k -> System.out.printf(Locale.ROOT, "| %s | %s | %.1f %% |%n",
                    phase.getKey().label(), k.getKey().label(), 100 * k.getValue() / s.operatorSeconds()));
        }
        System.out.printf(Locale.ROOT, "convolutions by shape (peak %.1f GFLOP/s)%n| phase | input | weight | output | calls "
                + "| share | GFLOP/s (profiled) |%n|---|---|---|---|---|---|---|%n", peak);
        for (OperatorTrace.ConvShape c : top(s.convolutions())) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f %% | %.1f |%n",
                    c.phase().label(), c.input(), c.weight(), c.output(), c.calls(),
                    100 * c.seconds() / s.operatorSeconds(), c.gflopPerSecond());
        }
        System.out.println("operators (inclusive)\n| phase | operator | calls | share |\n|---|---|---|---|");
        for (OperatorTrace.OperatorTime o : top(s.operators())) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f %% |%n", o.phase().label(),
                    o.name(), o.calls(), 100 * o.seconds() / s.operatorSeconds());
        }
    }
}
