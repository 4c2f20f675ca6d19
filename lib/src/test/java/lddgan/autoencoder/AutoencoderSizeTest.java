package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import lddgan.nn.NetworkStats;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts of the autoencoder presets against the published ones (REFERENCE-CODE.md section 6, to 0.01M):
 * CIFAR-10 f = 2 encoder 6.02M, decoder 8.63M, total 14.65M; CelebA-HQ VQ-f4 55.32M; LSUN KL-f8 83.65M.
 */
class AutoencoderSizeTest {

    /** {encoder + quant_conv, post_quant_conv + decoder (+ codebook), total}. */
    static long[] measure(String preset) {
        Autoencoder ae = Autoencoder.preset(preset);
        try (NDManager manager = NDManager.newBaseManager()) {
            ae.initialize(manager, 1);
            long encoder = NetworkStats.parameterCount(ae.encoder()) + NetworkStats.parameterCount(ae.quantConv(true));
            long decoder = NetworkStats.parameterCount(ae.decoder()) + NetworkStats.parameterCount(ae.quantConv(false))
                    + (ae.quantizer() == null ? 0 : NetworkStats.parameterCount(ae.quantizer()));
            long total = NetworkStats.parameterCount(ae);
            System.out.printf(Locale.ROOT, "autoencoder %-15s encoder %9d  decoder %9d  total %9d  decoder MACs %.4f G%n",
                    preset, encoder, decoder, total, NetworkStats.multiplyAccumulates(ae.decoder(), false) / 1e9);
            return new long[] {encoder, decoder, total};
        }
    }

    private static void assertMillions(double expected, long actual, String what) {
        assertEquals(expected, Math.round(actual / 1e4) / 100.0, 1e-9, what + ": " + actual + " parameters");
    }

    @Test
    void cifar10F2Has6_02Plus8_63Is14_65M() {
        long[] n = measure(AutoencoderConfig.CIFAR10_F2);
        assertMillions(6.02, n[0], "encoder");
        assertMillions(8.63, n[1], "decoder");
        assertMillions(14.65, n[2], "total");
        assertEquals(n[0] + n[1], n[2], "encoder + decoder = total");
    }

    /**
     * LDDGAN CIFAR-10 in Table 2 = generator + decoder. The reference's generator (33.33M) and the f = 2 decoder with
     * post_quant_conv (8.63M) sum to 41.96M; Table 2 prints 41.97M (REFERENCE-CODE.md section 2 recomputes 41.96M too).
     * We pin what the code gives and show the printed value beside it in the audit.
     */
    @Test
    void lddganCifar10GeneratorPlusDecoderIs41_96M() {
        Autoencoder ae = Autoencoder.preset(AutoencoderConfig.CIFAR10_F2);
        lddgan.generator.NcsnppGenerator g = lddgan.generator.NcsnppGenerator.preset("lddgan-cifar10");
        try (NDManager manager = NDManager.newBaseManager()) {
            ae.initialize(manager, 1);
            g.initialize(manager, 1);
            long decoding = 0;
            for (ai.djl.nn.Block b : ae.decodingBlocks()) {
                decoding += NetworkStats.parameterCount(b);
            }
            assertEquals(8_631_575, decoding, "post_quant_conv + decoder");
            long total = NetworkStats.parameterCount(g) + decoding;
            assertMillions(41.96, total, "LDDGAN CIFAR-10 G + decoder (Table 2 prints 41.97)");
            assertEquals(41.97, total / 1e6, 0.0151, "within rounding distance of Table 2's 41.97");
        }
    }

    @Test
    void celebahqVqF4Has55_32M() {
        assertMillions(55.32, measure(AutoencoderConfig.CELEBAHQ_VQ_F4)[2], "CelebA-HQ VQ-f4");
    }

    @Test
    void lsunKlF8Has83_65M() {
        assertMillions(83.65, measure(AutoencoderConfig.LSUN_KL_F8)[2], "LSUN KL-f8");
    }

    /** ImageNet-100's first stage is LDM's kl-f8 network at 128x128: the resolution changes no parameter. */
    @Test
    void imagenet100F8IsLdmsKlF8() {
        long[] lsun = measure(AutoencoderConfig.LSUN_KL_F8);
        long[] imagenet = measure(AutoencoderConfig.IMAGENET100_F8);
        assertMillions(83.65, imagenet[2], "ImageNet-100 KL-f8");
        assertEquals(lsun[2], imagenet[2]);
    }
}
