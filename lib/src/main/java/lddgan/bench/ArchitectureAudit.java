package lddgan.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import lddgan.autoencoder.Autoencoder;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;
import lddgan.discriminator.Discriminator;
import lddgan.generator.Generator;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.GeneratorSpec;
import lddgan.generator.NcsnppGenerator;
import lddgan.nn.NetworkStats;
import lddgan.report.Conditions;
import lddgan.report.Results;
import lddgan.report.Tables;
import lddgan.sampling.GanDenoiser;
import lddgan.sampling.PosteriorSampler;
import lddgan.sampling.SamplingLoop;
import lddgan.schedule.FewStepVpSchedule;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code make audit}: builds every generator and discriminator preset on the CPU and reports parameters and cost of
 * one sample's forward pass beside the published numbers (paper Table 2; REFERENCE-CODE.md sections 2-3).
 *
 * <p>Cost convention: multiply-accumulates (MACs) including the FIR filter taps. This is the convention that
 * reproduces Table 2's "FLOPs" (DDGAN CIFAR-10 7.05 G, WDDGAN 1.67 G); true floating-point operations are about
 * twice as many and are listed too. LDDGAN's Table 2 entries include the autoencoder's decoder: the audit lists the
 * decoder (with post_quant_conv and, for VQ, the codebook) and the sum "generator + decoder" beside Table 2. The
 * parameters agree (CIFAR-10 41.96 M vs the printed 41.97 M: the reference's G and decoder sum to 41.96 M,
 * REFERENCE-CODE.md section 2); Table 2's LDDGAN FLOPs cannot include the decoder in this convention (CIFAR-10: the
 * f = 2 decoder alone is 3.6 GMACs against the printed 1.72 G for both).
 */
public final class ArchitectureAudit {
    /** Published parameter counts (M): paper Table 2 and REFERENCE-CODE.md's recomputed counts. */
    static final Map<String, Double> PUBLISHED_G = Map.of(
            "lddgan-cifar10", 33.33, "ddgan-cifar10", 48.43, "wddgan-cifar10", 33.37, "ddgan-celebahq", 39.73,
            "lddgan-celebahq", 48.37, "lddgan-lsun", 61.86);
    static final Map<String, Double> PUBLISHED_D = Map.of(
            "lddgan-cifar10", 7.63, "ddgan-cifar10", 12.74, "lddgan-celebahq", 17.51, "lddgan-lsun", 17.51,
            "ddgan-celebahq", 27.74);
    /** Paper Table 2 "FLOPs (G)" of the pixel- and wavelet-space generators. */
    static final Map<String, Double> TABLE2_FLOPS = Map.of("ddgan-cifar10", 7.05, "wddgan-cifar10", 1.67,
            "ddgan-celebahq", 70.82);
    /** Each LDDGAN generator preset's first stage (REFERENCE-CODE.md section 6). */
    static final Map<String, String> LDDGAN_FIRST_STAGE = new java.util.LinkedHashMap<>();

    static {
        LDDGAN_FIRST_STAGE.put("lddgan-cifar10", "cifar10-f2");
        LDDGAN_FIRST_STAGE.put("lddgan-celebahq", "celebahq-vq-f4");
        LDDGAN_FIRST_STAGE.put("lddgan-lsun", "lsun-kl-f8");
    }
    /** Published decoder sizes (M; REFERENCE-CODE.md section 6 gives the CIFAR-10 one). */
    static final Map<String, Double> PUBLISHED_DECODER = Map.of("cifar10-f2", 8.63);
    /** Paper Table 2 params (M) of LDDGAN, generator plus decoder. */
    static final Map<String, Double> TABLE2_G_PLUS_DECODER = Map.of("lddgan-cifar10", 41.97, "lddgan-celebahq", 45.39,
            "lddgan-lsun", 40.92);
    /** Paper Table 2 FLOPs (G) of LDDGAN, "with decoder". */
    static final Map<String, Double> TABLE2_FLOPS_WITH_DECODER = Map.of("lddgan-cifar10", 1.72, "lddgan-celebahq", 7.15,
            "lddgan-lsun", 9.68);

    private ArchitectureAudit() {
    }

    /** One row per network of every preset: params, published params, GMACs (with FIR), GFLOPs (2x), Table 2 FLOPs. */
    public static Table audit() {
        Table t = Table.create("Architecture audit (one sample; MACs include FIR taps; LDDGAN's Table 2 FLOPs include the decoder)",
                StringColumn.create("preset"), StringColumn.create("network"), DoubleColumn.create("params_M"),
                DoubleColumn.create("published_params_M"), DoubleColumn.create("GMACs_per_sample"),
                DoubleColumn.create("GFLOPs_per_sample_2x"), DoubleColumn.create("paper_table2_FLOPs_G"));
        for (String name : GeneratorConfig.PRESETS) {
            for (boolean isGenerator : new boolean[] {true, false}) {
                try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                    Block block;
                    if (isGenerator) {
                        NcsnppGenerator g = NcsnppGenerator.preset(name);
                        g.initialize(m, 1);
                        block = g;
                    } else {
                        Discriminator d = Discriminator.preset(name);
                        d.initialize(m, 1);
                        block = d;
                    }
                    addRow(t, name, isGenerator ? "generator" : "discriminator", NetworkStats.parameterCount(block),
                            (isGenerator ? PUBLISHED_G : PUBLISHED_D).getOrDefault(name, Double.NaN),
                            NetworkStats.multiplyAccumulates(block, true) / 1e9,
                            isGenerator ? TABLE2_FLOPS.getOrDefault(name, Double.NaN) : Double.NaN);
                }
            }
        }
        // LDDGAN's Table 2 rows: generator + the first stage's decoding blocks
        for (Map.Entry<String, String> e : LDDGAN_FIRST_STAGE.entrySet()) {
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                NcsnppGenerator g = NcsnppGenerator.preset(e.getKey());
                g.initialize(m, 1);
                Autoencoder ae = Autoencoder.preset(e.getValue());
                ae.initialize(m, 1);
                double[] decoder = decodingCost(ae);
                addRow(t, e.getValue(), "decoder", (long) decoder[0],
                        PUBLISHED_DECODER.getOrDefault(e.getValue(), Double.NaN), decoder[1], Double.NaN);
                addRow(t, e.getKey(), "generator + decoder", NetworkStats.parameterCount(g) + (long) decoder[0],
                        TABLE2_G_PLUS_DECODER.get(e.getKey()), NetworkStats.multiplyAccumulates(g, true) / 1e9 + decoder[1],
                        TABLE2_FLOPS_WITH_DECODER.get(e.getKey()));
            }
        }
        return t;
    }

    private static void addRow(Table t, String preset, String network, long params, double published, double gmacs,
            double table2Flops) {
        t.stringColumn("preset").append(preset);
        t.stringColumn("network").append(network);
        t.doubleColumn("params_M").append(params / 1e6);
        t.doubleColumn("published_params_M").append(published);
        t.doubleColumn("GMACs_per_sample").append(gmacs);
        t.doubleColumn("GFLOPs_per_sample_2x").append(2 * gmacs);
        t.doubleColumn("paper_table2_FLOPs_G").append(table2Flops);
    }

    /** {parameters, GMACs with FIR taps} of what an autoencoder runs to decode (post_quant_conv, codebook, decoder). */
    static double[] decodingCost(Autoencoder ae) {
        double[] cost = new double[2];
        for (Block b : ae.decodingBlocks()) {
            cost[0] += NetworkStats.parameterCount(b);
            cost[1] += NetworkStats.multiplyAccumulates(b, true) / 1e9;
        }
        return cost;
    }

    /** The three CIFAR-10 models of Table 2: the preset whose generator runs, and what turns its output into images. */
    static final List<String[]> TABLE2_MODELS = List.of(new String[] {"DDGAN", "ddgan-cifar10", "48.43", "7.05", "0.31"},
            new String[] {"WDDGAN", "wddgan-cifar10", "33.37", "1.67", "0.16"},
            new String[] {"LDDGAN", "lddgan-cifar10", "41.97", "1.72", "0.18"});

    /**
     * Table 2 for CIFAR-10 (LDDGAN Sec. 5.3.1): parameters and MACs of one sample's sampler network (LDDGAN: generator +
     * decoder; WDDGAN's inverse DWT has no parameters) at the paper's configurations, beside the printed values; with
     * {@code measureMemory}, the peak resident growth of a fresh process while it samples one image (T = 4 steps and
     * the decoding; {@link SamplerMemory}), a CPU stand-in for the paper's GPU memory.
     */
    public static Table table2(boolean measureMemory) throws IOException {
        StringColumn model = StringColumn.create("model");
        DoubleColumn params = DoubleColumn.create("params_M");
        DoubleColumn paperParams = DoubleColumn.create("paper_params_M");
        DoubleColumn macs = DoubleColumn.create("GMACs");
        DoubleColumn paperFlops = DoubleColumn.create("paper_FLOPs_G");
        DoubleColumn memory = DoubleColumn.create("cpu_rss_growth_MiB");
        DoubleColumn paperMemory = DoubleColumn.create("paper_memory_GB");
        for (String[] row : TABLE2_MODELS) {
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                SamplerCost cost = SamplerCost.of(GeneratorSpec.preset(row[1]), row[1], m);
                model.append(row[0]);
                params.append(cost.parameters() / 1e6);
                paperParams.append(Double.parseDouble(row[2]));
                macs.append(cost.gmacs());
                paperFlops.append(Double.parseDouble(row[3]));
                paperMemory.append(Double.parseDouble(row[4]));
                memory.append(measureMemory ? SamplerMemory.inFreshProcess(row[1], row[1]) : Double.NaN);
            }
        }
        return Table.create("Table 2 (CIFAR-10, one sample): ours at the paper's configurations vs the paper", model, params,
                paperParams, macs, paperFlops, memory, paperMemory);
    }

    /** Table 11's four generators on the CIFAR-10 latent: label, generator preset, paper params (M), paper memory (GB). */
    static final List<String[]> TABLE11_MODELS = List.of(new String[] {"CNN", "lddgan-cifar10", "41.97", "0.18"},
            new String[] {"ViT Tiny", "vit-tiny", "28.01", "0.08"}, new String[] {"ViT Mid", "vit-mid", "43.32", "0.21"},
            new String[] {"ViT Large", "vit-large", "56.17", "0.32"});

    /**
     * Table 11 (LDDGAN Appendix C): the CNN generator and the three U-ViT generators at the paper's sizes, each with
     * the f = 2 decoder it samples through: the generator's parameters, generator + decoder, MACs of one sample (with
     * the decoder and the attention products), the float32 weights of generator + decoder in MiB and, with
     * {@code measureMemory}, the peak resident growth of a fresh process while it samples one image (T = 4 and the
     * decoding; {@link SamplerMemory}; a CPU stand-in for the paper's GPU memory). The paper's CNN column is Table 2's
     * LDDGAN row, i.e. generator + decoder; whether its ViT sizes include the decoder is not stated, and ours are chosen
     * so that the ViT generators alone come closest (lib/GENERATORS.md).
     */
    public static Table table11(boolean measureMemory) throws IOException {
        StringColumn model = StringColumn.create("model");
        DoubleColumn generator = DoubleColumn.create("generator_params_M");
        DoubleColumn withDecoder = DoubleColumn.create("with_decoder_params_M");
        DoubleColumn paperParams = DoubleColumn.create("paper_params_M");
        DoubleColumn macs = DoubleColumn.create("GMACs");
        DoubleColumn weights = DoubleColumn.create("weights_MiB");
        DoubleColumn memory = DoubleColumn.create("cpu_rss_growth_MiB");
        DoubleColumn paperMemory = DoubleColumn.create("paper_memory_GB");
        for (String[] row : TABLE11_MODELS) {
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                SamplerCost cost = SamplerCost.of(GeneratorSpec.preset(row[1]), "lddgan-cifar10", m);
                model.append(row[0]);
                generator.append(cost.generatorParameters() / 1e6);
                withDecoder.append(cost.parameters() / 1e6);
                paperParams.append(Double.parseDouble(row[2]));
                macs.append(cost.gmacs());
                weights.append(cost.parameters() * 4.0 / (1 << 20));
                memory.append(measureMemory ? SamplerMemory.inFreshProcess(row[1], "lddgan-cifar10") : Double.NaN);
                paperMemory.append(Double.parseDouble(row[3]));
            }
        }
        return Table.create("Table 11 (CIFAR-10 latent, one sample): CNN vs ViT generators at the paper's sizes", model,
                generator, withDecoder, paperParams, macs, weights, memory, paperMemory);
    }

    /**
     * What one sample costs through a generator and what turns its output into images (LDDGAN: the first stage's
     * decoder; WDDGAN: the parameter-free inverse DWT; DDGAN: nothing).
     *
     * @param generatorParameters the generator's parameters
     * @param parameters generator + decoder
     * @param generatorGmacs MACs (10^9) of one generator call on one sample, FIR taps included
     * @param gmacs MACs of one sample, one generator call + the decoder, FIR taps included (Table 2's convention)
     * @param sampleBatch samples a batch of the given size through the generator (T = {@link #STEPS}) and the
     *        decoding, in a scope of its own
     */
    public record SamplerCost(long generatorParameters, long parameters, double generatorGmacs, double gmacs,
            IntConsumer sampleBatch) {
        /** The number of sampling steps T of the CIFAR-10 models (paper Table 3: 4 NFE). */
        public static final int STEPS = 4;

        /** One sampling pass of one image: T generator calls and the map back to images. */
        public Runnable sampleOne() {
            return () -> sampleBatch.accept(1);
        }

        /** FLOPs (10^9, 2 per MAC) of one sampling pass of {@code batch} images: T generator calls and one decoding. */
        public double gflopPerPass(int batch) {
            return 2.0 * batch * (STEPS * generatorGmacs + (gmacs - generatorGmacs));
        }

        /** Builds the generator at {@code spec} and the data space of the training preset {@code model} in {@code m}. */
        public static SamplerCost of(GeneratorSpec spec, String model, NDManager m) {
            Generator g = spec.build();
            g.initialize(m, 1);
            long generatorParameters = NetworkStats.parameterCount(g);
            long p = generatorParameters;
            double mac = NetworkStats.multiplyAccumulates(g, true) / 1e9;
            double generatorMacs = mac;
            lddgan.space.DataSpace space;
            if (model.startsWith("lddgan")) {
                Autoencoder ae = Autoencoder.preset(LDDGAN_FIRST_STAGE.get(model));
                ae.initialize(m, 1);
                double[] decoder = decodingCost(ae);
                p += (long) decoder[0];
                mac += decoder[1];
                space = new lddgan.space.LatentSpace(ae);
            } else {
                space = model.startsWith("wddgan") ? new lddgan.space.WaveletSpace() : new lddgan.space.PixelSpace();
            }
            IntConsumer sampleBatch = batch -> {
                try (NDManager scope = m.newSubManager()) {
                    NDArray x0 = SamplingLoop.run(new GanDenoiser(g, spec.nz()),
                            new PosteriorSampler(FewStepVpSchedule.of(STEPS)), scope, spec.xShape(batch)).x0();
                    space.decode(x0).getFloat(0, 0, 0, 0);
                }
            };
            return new SamplerCost(generatorParameters, p, generatorMacs, mac, sampleBatch);
        }
    }

    /** Prints the audit and writes {@code results/audit/architectures.json} and {@code .csv}. */
    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        Table table = audit();
        double wall = (System.nanoTime() - t0) * 1e-9;
        System.out.println(Tables.text(table));
        Conditions c = Conditions.of(Profile.PAPER, "none (architectures at the paper's configurations)", 0, ai.djl.Device.cpu(), 0, wall)
                .with("cost convention", "multiply-accumulates incl. FIR taps (reproduces Table 2); FLOPs = 2 x MACs")
                .with("lddgan decoder", "rows 'decoder' and 'generator + decoder': post_quant_conv (+ VQ codebook) + decoder");
        Results results = new Results(ProjectPaths.root().resolve("results").resolve("audit"));
        results.writeTable("architectures", table, c);
        System.out.println("wrote " + results.dir().resolve("architectures.json"));
    }
}
