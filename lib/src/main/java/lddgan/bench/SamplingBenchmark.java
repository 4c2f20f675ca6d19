package lddgan.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lddgan.config.ConvolutionCheck;
import lddgan.config.DeviceChoice;
import lddgan.config.ProjectPaths;
import lddgan.config.Profile;
import lddgan.config.RunEnvironment;
import lddgan.generator.GeneratorSpec;
import lddgan.metrics.SamplingTime;
import lddgan.metrics.TimingProtocol;
import lddgan.nn.MicroBatch;
import lddgan.report.Conditions;
import lddgan.report.Results;

/**
 * {@code make bench}, sampling part: one sampling pass (batch 100, T = 4, Algorithm 1) of LDDGAN, DDGAN and WDDGAN at
 * the paper's CIFAR-10 sizes on this machine (paper Table 3 "Time", protocol of Sec. 5.1.2), against the machine's
 * float32 convolution peak measured in the same run ({@link ConvPeak}). Issue 22, item 4.
 *
 * <p>The timed region is what the paper's holds: the T generator calls and the map back to images (LDDGAN: the f = 2
 * first stage's decoder; WDDGAN: the inverse DWT; DDGAN: nothing). Weights are the reference initialisation: speed
 * does not depend on training. Protocol: {@code LDDGAN_BENCH_WARMUP} (default 1) warm-up passes per model, then
 * {@code LDDGAN_BENCH_REPS} (default 5) rounds; every round times each model once, the order rotated by one model per
 * round so that no model is always first (the first pass of a round met a colder cache in earlier benches). Mean and
 * sample standard deviation over the rounds; achieved GFLOP/s = FLOPs of the pass (2 x MACs x batch, generator T
 * times, decoder once, FIR taps counted) / mean time. The peak resident memory of one pass is measured in a fresh JVM
 * per model ({@link SamplerMemory}).
 */
public final class SamplingBenchmark {
    /** The models, as (label, preset, goal in seconds per batch of 100 from issue 22, reference PyTorch seconds). */
    record Model(String label, String preset, double goalSeconds, double referenceSeconds, String referenceNote) {
    }

    static final List<Model> MODELS = List.of(
            new Model("LDDGAN", "lddgan-cifar10", 11.5, 14.95, "generator + f=2 decoder"),
            new Model("DDGAN", "ddgan-cifar10", 42.0, 54.9, "generator"),
            new Model("WDDGAN", "wddgan-cifar10", 8.1, 10.57, "generator, without the inverse DWT"));

    /** The fraction of the measured float32 convolution peak every sampler should reach (issue 22's goal). */
    static final double PEAK_FRACTION_GOAL = 0.70;

    /**
     * Where issue 22's seconds goals and the reference code's times were measured: 1.3x faster than the reference
     * PyTorch code there. On a machine whose convolutions run under a oneDNN cap (lib/PERFORMANCE.md "Engine
     * self-check") seconds are not comparable with them; the fraction of the peak measured in the same run is.
     */
    static final String GOAL_MACHINE = "issue 22's machine (AMD EPYC, AVX-512 BF16, oneDNN uncapped; November 2026)";

    /**
     * The verdict on a seconds goal: "reached", "NOT reached", or, when this run's oneDNN is capped ({@code cap}, the
     * value of {@code DNNL_MAX_CPU_ISA}), "not comparable" with the reason.
     */
    static String secondsVerdict(double meanSeconds, double goalSeconds, String cap) {
        if (cap != null && !cap.isBlank()) {
            return "not comparable: this run's convolutions are capped at " + ConvolutionCheck.ISA_VARIABLE + "=" + cap
                    + ", the goal was set on " + GOAL_MACHINE;
        }
        return verdict(meanSeconds <= goalSeconds);
    }

    private static String verdict(boolean reached) {
        return reached ? "reached" : "NOT reached";
    }

    private SamplingBenchmark() {
    }

    /**
     * Times every model with the interleaved protocol.
     *
     * @return the seconds of every timed pass, [model][round], models in the order of {@code passes}
     */
    static double[][] interleaved(List<Runnable> passes, TimingProtocol protocol) {
        int models = passes.size();
        for (int m = 0; m < models; m++) {
            for (int w = 0; w < protocol.warmup(); w++) {
                passes.get(m).run();
            }
        }
        double[][] seconds = new double[models][protocol.repetitions()];
        for (int round = 0; round < protocol.repetitions(); round++) {
            for (int k = 0; k < models; k++) {
                int m = (round + k) % models;
                long t = System.nanoTime();
                passes.get(m).run();
                seconds[m][round] = (System.nanoTime() - t) * 1e-9;
            }
            System.out.printf(Locale.ROOT, "  round %d of %d done%n", round + 1, protocol.repetitions());
        }
        return seconds;
    }

    /** Runs the benchmark and writes {@code results/bench/sampling.json}. */
    public static void main(String[] args) throws IOException {
        int warmup = Integer.parseInt(System.getenv().getOrDefault("LDDGAN_BENCH_WARMUP", "1"));
        int reps = Integer.parseInt(System.getenv().getOrDefault("LDDGAN_BENCH_REPS", "5"));
        TimingProtocol protocol = new TimingProtocol(100, warmup, reps);
        Device device = DeviceChoice.current();
        int perCall = Math.min(protocol.batchSize(), MicroBatch.on(device).size());
        long t0 = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed(0);
            System.out.println("float32 3x3 convolution peak (batch " + ConvPeak.batches(protocol.batchSize(), device)
                    + ", best of 5):");
            List<ConvPeak.Shape3x3> convs = ConvPeak.measure(manager, protocol.batchSize(), 5);
            for (ConvPeak.Shape3x3 c : convs) {
                System.out.printf(Locale.ROOT, "  batch %d, %d -> %d channels at %dx%d: %.1f GFLOP/s%n", c.batch(),
                        c.channels(), c.channels(), c.size(), c.size(), c.gflopPerSecond());
            }
            double peak = ConvPeak.peak(convs);
            List<ArchitectureAudit.SamplerCost> costs = new ArrayList<>();
            List<Runnable> passes = new ArrayList<>();
            for (Model model : MODELS) {
                ArchitectureAudit.SamplerCost cost = ArchitectureAudit.SamplerCost.of(GeneratorSpec.preset(model.preset()),
                        model.preset(), manager);
                costs.add(cost);
                passes.add(() -> cost.sampleBatch().accept(protocol.batchSize()));
            }
            System.out.printf(Locale.ROOT, "timing %s: %d warm-up pass(es) each, then %d interleaved rounds of batch %d%n",
                    MODELS.stream().map(Model::label).toList(), warmup, reps, protocol.batchSize());
            double[][] seconds = interleaved(passes, protocol);
            List<SamplingTime> times = new ArrayList<>();
            for (double[] s : seconds) {
                times.add(SamplingTime.of(s, ArchitectureAudit.SamplerCost.STEPS, protocol, RunEnvironment.describe(device)));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            String cap = RunEnvironment.kernelCap();
            for (int i = 0; i < MODELS.size(); i++) {
                Model model = MODELS.get(i);
                SamplingTime time = times.get(i);
                double gflop = costs.get(i).gflopPerPass(protocol.batchSize());
                double achieved = gflop / time.meanSeconds();
                double mib = SamplerMemory.inFreshProcess(model.preset(), model.preset(), protocol.batchSize());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", model.label());
                row.put("preset", model.preset());
                row.put("nfe", time.nfe());
                row.put("batch", protocol.batchSize());
                row.put("samples_per_network_call", perCall);
                row.put("mean_s", time.meanSeconds());
                row.put("std_s", time.stdSeconds());
                row.put("seconds_per_round", seconds[i]);
                row.put("GFLOP_per_pass", gflop);
                row.put("achieved_GFLOP_per_s", achieved);
                row.put("fraction_of_conv_peak", achieved / peak);
                row.put("peak_resident_growth_MiB", mib);
                row.put("timed_region", "T = 4 generator calls + " + switch (model.label()) {
                    case "LDDGAN" -> "the f=2 first stage's decoder";
                    case "WDDGAN" -> "the inverse DWT";
                    default -> "nothing (pixel space)";
                });
                String timeGoal = secondsVerdict(time.meanSeconds(), model.goalSeconds(), cap);
                String fraction = verdict(achieved / peak >= PEAK_FRACTION_GOAL);
                row.put("goal_s", model.goalSeconds());
                row.put("goal_s_verdict", timeGoal);
                row.put("peak_fraction_goal_verdict", fraction);
                row.put("reference_pytorch_s", model.referenceSeconds());
                row.put("reference_timed_region", model.referenceNote());
                rows.add(row);
                System.out.printf(Locale.ROOT, "  %-6s %7.3f s +- %.3f per batch of %d (%d NFE), %6.1f GFLOP/s = %3.0f %% of "
                        + "the conv peak (goal >= %.0f %%: %s); peak RSS growth %.0f MiB; goal <= %.1f s: %s; reference "
                        + "PyTorch %.2f s (%s) on %s%n",
                        model.label(), time.meanSeconds(), time.stdSeconds(), protocol.batchSize(), time.nfe(), achieved,
                        100 * achieved / peak, 100 * PEAK_FRACTION_GOAL, fraction, mib, model.goalSeconds(), timeGoal,
                        model.referenceSeconds(), model.referenceNote(), GOAL_MACHINE);
            }
            result.put("conv_peak_float32_GFLOP_per_s", peak);
            result.put("conv_shapes", convs);
            result.put("conv_peak_bfloat16", "not measurable: DJL 0.36 cannot create bfloat16 arrays (lib/PERFORMANCE.md)");
            result.put("models", rows);
            result.put("peak_fraction_goal", PEAK_FRACTION_GOAL);
            result.put("ddgan_over_lddgan_time_ratio", times.get(1).meanSeconds() / times.get(0).meanSeconds());
        }
        result.put("paper_table3_time_s", Map.of("LDDGAN", 0.08, "DDGAN", 0.21, "WDDGAN", 0.08));
        result.put("paper_note", "paper: one RTX A5000 GPU, 300 timed repetitions, LDDGAN time includes the decoder");
        result.put("reference_note", "reference PyTorch code (PyTorch 1.13, 2 threads) on " + GOAL_MACHINE
                + ", one quiet run each, batch 100, T = 4, as measured when issue 22 was filed");
        Conditions c = Conditions.of(Profile.PAPER, "none (random x_T, reference-initialised weights)", 0, device, 0,
                        (System.nanoTime() - t0) * 1e-9)
                .with("protocol", "batch " + protocol.batchSize() + " (network calls of at most "
                        + perCall + " samples, MicroBatch), " + warmup + " warm-up pass(es) per model, " + reps
                        + " interleaved rounds (order rotated each round)")
                .with("threads", System.getProperty("ai.djl.pytorch.num_threads", "engine default"))
                .with("precision", "float32")
                .with("flop convention", "2 x MACs x batch; generator T times, decoder once; FIR taps counted")
                .with("memory", "peak resident growth of one pass in a fresh JVM per model (SamplerMemory)");
        Results results = new Results(ProjectPaths.root().resolve("results").resolve("bench"));
        results.writeJson("sampling", result, c);
        System.out.println("wrote " + results.dir().resolve("sampling.json"));
    }
}
