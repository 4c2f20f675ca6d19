package lddgan.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import lddgan.nn.NetworkStats;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts of the generator presets against the published ones (LDDGAN Table 2 and
 * REFERENCE-CODE.md section 2, pinned to 0.01M), and the analytic MACs of one sample.
 */
class GeneratorSizeTest {

    private static long[] measure(String preset) {
        NcsnppGenerator g = NcsnppGenerator.preset(preset);
        try (NDManager manager = NDManager.newBaseManager()) {
            g.initialize(manager, 1);
            long params = NetworkStats.parameterCount(g);
            long macs = NetworkStats.multiplyAccumulates(g, false);
            long macsFir = NetworkStats.multiplyAccumulates(g, true);
            System.out.printf(Locale.ROOT, "generator %-16s params %8.4f M  MACs %7.3f G (with FIR %7.3f G)%n", preset,
                    params / 1e6, macs / 1e9, macsFir / 1e9);
            return new long[] {params, macs, macsFir};
        }
    }

    private static void assertMillions(double expected, long actual, String what) {
        assertEquals(expected, Math.round(actual / 1e4) / 100.0, 1e-9, what + ": " + actual + " parameters");
    }

    /**
     * Table 2's FLOPs are reproduced by multiply-accumulates including the FIR taps: DDGAN CIFAR-10
     * 7.05 G and WDDGAN CIFAR-10 1.67 G (DDGAN CelebA-HQ gives 70.72 G against the printed 70.82 G).
     */
    @Test
    void macsReproduceTable2() {
        assertEquals(7.05, Math.round(measure(GeneratorConfig.DDGAN_CIFAR10)[2] / 1e7) / 100.0, 1e-9, "DDGAN CIFAR-10 GMACs");
        assertEquals(1.67, Math.round(measure(GeneratorConfig.WDDGAN_CIFAR10)[2] / 1e7) / 100.0, 1e-9, "WDDGAN CIFAR-10 GMACs");
    }

    @Test
    void lddganCifar10Has33_33M() {
        assertMillions(33.33, measure(GeneratorConfig.LDDGAN_CIFAR10)[0], "LDDGAN CIFAR-10 G");
    }

    @Test
    void ddganCifar10Has48_43M() {
        assertMillions(48.43, measure(GeneratorConfig.DDGAN_CIFAR10)[0], "DDGAN CIFAR-10 G");
    }

    @Test
    void wddganCifar10Has33_37M() {
        assertMillions(33.37, measure(GeneratorConfig.WDDGAN_CIFAR10)[0], "WDDGAN CIFAR-10 G");
    }

    @Test
    void ddganCelebaHqHas39_73M() {
        assertMillions(39.73, measure(GeneratorConfig.DDGAN_CELEBAHQ)[0], "DDGAN CelebA-HQ G");
    }

    /** The code's counts (REFERENCE-CODE.md section 2), which differ from Table 2's 45.39M and 40.92M. */
    @Test
    void lddganHighResolutionCountsFollowTheCode() {
        assertMillions(48.37, measure(GeneratorConfig.LDDGAN_CELEBAHQ)[0], "LDDGAN CelebA-HQ G");
        assertMillions(61.86, measure(GeneratorConfig.LDDGAN_LSUN)[0], "LDDGAN LSUN G (3 blocks)");
        GeneratorConfig twoBlocks = GeneratorConfig.preset(GeneratorConfig.LDDGAN_LSUN).withNumResBlocks(2);
        NcsnppGenerator g = new NcsnppGenerator(twoBlocks);
        try (NDManager manager = NDManager.newBaseManager()) {
            g.initialize(manager, 1);
            assertMillions(48.36, NetworkStats.parameterCount(g), "LDDGAN LSUN G (2 blocks)");
        }
    }
}
