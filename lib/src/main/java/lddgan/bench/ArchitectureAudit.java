package lddgan.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.Map;
import lddgan.config.ProjectPaths;
import lddgan.config.Profile;
import lddgan.discriminator.Discriminator;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.NcsnppGenerator;
import lddgan.nn.NetworkStats;
import lddgan.report.Conditions;
import lddgan.report.Results;
import lddgan.report.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code make audit}: builds every generator and discriminator preset on the CPU and reports parameters and cost of
 * one sample's forward pass beside the published numbers (paper Table 2; REFERENCE-CODE.md sections 2-3).
 *
 * <p>Cost convention: multiply-accumulates (MACs) including the FIR filter taps. This is the convention that
 * reproduces Table 2's "FLOPs" (DDGAN CIFAR-10 7.05 G, WDDGAN 1.67 G); true floating-point operations are about
 * twice as many and are listed too. LDDGAN's Table 2 entries include the autoencoder's decoder, which this audit
 * adds once the autoencoder exists (its column says so).
 */
public final class ArchitectureAudit {
    /** Published parameter counts (M): paper Table 2 and REFERENCE-CODE.md's recomputed counts. */
    static final Map<String, Double> PUBLISHED_G = Map.of(
            "lddgan-cifar10", 33.33, "ddgan-cifar10", 48.43, "wddgan-cifar10", 33.37, "ddgan-celebahq", 39.73,
            "lddgan-celebahq", 48.37, "lddgan-lsun", 61.86);
    static final Map<String, Double> PUBLISHED_D = Map.of(
            "lddgan-cifar10", 7.63, "ddgan-cifar10", 12.74, "lddgan-celebahq", 17.51, "lddgan-lsun", 17.51,
            "ddgan-celebahq", 27.74);
    /** Paper Table 2 "FLOPs (G)" of the whole sampler network (LDDGAN: generator plus decoder). */
    static final Map<String, Double> TABLE2_FLOPS = Map.of(
            "lddgan-cifar10", 1.72, "ddgan-cifar10", 7.05, "wddgan-cifar10", 1.67, "ddgan-celebahq", 70.82);

    private ArchitectureAudit() {
    }

    /** One row per network of every preset: params, published params, GMACs (with FIR), GFLOPs (2x), Table 2 FLOPs. */
    public static Table audit() {
        StringColumn preset = StringColumn.create("preset");
        StringColumn network = StringColumn.create("network");
        DoubleColumn params = DoubleColumn.create("params_M");
        DoubleColumn published = DoubleColumn.create("published_params_M");
        DoubleColumn macs = DoubleColumn.create("GMACs_per_sample");
        DoubleColumn flops = DoubleColumn.create("GFLOPs_per_sample_2x");
        DoubleColumn table2 = DoubleColumn.create("paper_table2_FLOPs_G");
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
                    double mac = NetworkStats.multiplyAccumulates(block, true) / 1e9;
                    preset.append(name);
                    network.append(isGenerator ? "generator" : "discriminator");
                    params.append(NetworkStats.parameterCount(block) / 1e6);
                    published.append((isGenerator ? PUBLISHED_G : PUBLISHED_D).getOrDefault(name, Double.NaN));
                    macs.append(mac);
                    flops.append(2 * mac);
                    table2.append(isGenerator ? TABLE2_FLOPS.getOrDefault(name, Double.NaN) : Double.NaN);
                }
            }
        }
        return Table.create("Architecture audit (one sample; MACs include FIR taps; LDDGAN's Table 2 FLOPs include the decoder)",
                preset, network, params, published, macs, flops, table2);
    }

    /** Prints the audit and writes {@code results/audit/architectures.json} and {@code .csv}. */
    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        Table table = audit();
        double wall = (System.nanoTime() - t0) * 1e-9;
        System.out.println(Tables.text(table));
        Conditions c = Conditions.of(Profile.PAPER, "none (architectures at the paper's configurations)", 0, ai.djl.Device.cpu(), 0, wall)
                .with("cost convention", "multiply-accumulates incl. FIR taps (reproduces Table 2); FLOPs = 2 x MACs")
                .with("lddgan decoder", "not included: the autoencoder is not in the library yet");
        Results results = new Results(ProjectPaths.root().resolve("results").resolve("audit"));
        results.writeTable("architectures", table, c);
        System.out.println("wrote " + results.dir().resolve("architectures.json"));
    }
}
