package lddgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Locale;
import lddgan.nn.NetworkStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Discriminator sizes (REFERENCE-CODE.md section 3), forward contract and minibatch std. */
class DiscriminatorTest {

    private static long count(DiscriminatorConfig c) {
        Discriminator d = new Discriminator(c);
        try (NDManager m = NDManager.newBaseManager()) {
            d.initialize(m, 1);
            long params = NetworkStats.parameterCount(d);
            System.out.printf(Locale.ROOT, "discriminator %-16s %-5s %d blocks, in %2d ch: params %8.4f M  MACs %7.3f G (with FIR %7.3f G)%n",
                    c.name(), c.variant(), c.numBlocks(), 2 * c.channels(), params / 1e6,
                    NetworkStats.multiplyAccumulates(d, false) / 1e9, NetworkStats.multiplyAccumulates(d, true) / 1e9);
            return params;
        }
    }

    private static double millions(long n) {
        return Math.round(n / 1e4) / 100.0;
    }

    @Test
    void smallDiscriminatorCounts() {
        assertEquals(7.63, millions(count(DiscriminatorConfig.preset("lddgan-cifar10"))), 1e-9, "LDDGAN CIFAR-10 D");
        assertEquals(12.74, millions(count(DiscriminatorConfig.preset("ddgan-cifar10"))), 1e-9, "DDGAN CIFAR-10 D");
        assertEquals(7.63, millions(count(DiscriminatorConfig.preset("wddgan-cifar10"))), 1e-9, "WDDGAN CIFAR-10 D");
    }

    /**
     * Large variant. Input channels used: the LDDGAN CelebA-HQ preset, 2 x 3 = 6 channels of 64x64
     * latents (4 blocks), and the DDGAN CelebA-HQ preset, 2 x 3 = 6 channels of 256x256 pixels (6 blocks).
     * The input only enters the 1x1 start convolution (128 weights per channel), so LSUN's 8 input
     * channels give the same 17.51M.
     */
    @Test
    void largeDiscriminatorCounts() {
        assertEquals(17.51, millions(count(DiscriminatorConfig.preset("lddgan-celebahq"))), 1e-9, "large D, 4 blocks");
        assertEquals(17.51, millions(count(DiscriminatorConfig.preset("lddgan-lsun"))), 1e-9, "large D, 4 blocks, LSUN");
        assertEquals(27.74, millions(count(DiscriminatorConfig.preset("ddgan-celebahq"))), 1e-9, "large D, 6 blocks");
    }

    @Test
    void channelPlansFollowTheReference() {
        assertEquals(List.of(128, 256, 512), DiscriminatorConfig.preset("lddgan-cifar10").blockChannels());
        assertEquals(List.of(128, 256, 512, 512), DiscriminatorConfig.preset("ddgan-cifar10").blockChannels());
        assertEquals(List.of(256, 512, 512, 512, 512, 512), DiscriminatorConfig.preset("ddgan-celebahq").blockChannels());
    }

    /** The paper's presets and the compression study's (4x8x8 and 4x4x4 latents). */
    static List<String> presets() {
        return lddgan.generator.GeneratorConfig.ALL;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void outputIsOneLogitPerSample(String preset) {
        DiscriminatorConfig c = DiscriminatorConfig.preset(preset).withNgf(4);
        Discriminator d = new Discriminator(c);
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 4;
            d.initialize(m, n);
            NDArray xPrev = m.randomNormal(c.xShape(n));
            NDArray xt = m.randomNormal(c.xShape(n));
            NDArray t = m.create(new int[] {0, 1, 2, 3});
            NDArray logits = d.forward(new ParameterStore(m, false), new NDList(xPrev, t, xt), false).singletonOrThrow();
            assertEquals(new Shape(n, 1), logits.getShape(), preset);
            assertArrayEquals(new Shape[] {new Shape(n, 1)}, d.getOutputShapes(c.inputShapes(n)));
        }
    }

    @Test
    void wrongInputShapeNamesPresetAndExpectedShape() {
        DiscriminatorConfig c = DiscriminatorConfig.preset("lddgan-cifar10").withNgf(4);
        Discriminator d = new Discriminator(c);
        try (NDManager m = NDManager.newBaseManager()) {
            d.initialize(m, 2);
            NDList wrong = new NDList(m.zeros(new Shape(2, 3, 16, 16)), m.create(new int[] {0, 1}), m.zeros(new Shape(2, 3, 16, 16)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.forward(new ParameterStore(m, false), wrong, false));
            assertTrue(e.getMessage().contains("lddgan-cifar10") && e.getMessage().contains("(N, 4, 16, 16)"), e.getMessage());
            NDList oddBatch = new NDList(m.zeros(new Shape(6, 4, 16, 16)), m.zeros(new Shape(6)), m.zeros(new Shape(6, 4, 16, 16)));
            e = assertThrows(IllegalArgumentException.class, () -> d.forward(new ParameterStore(m, false), oddBatch, false));
            assertTrue(e.getMessage().contains("multiple"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiscriminatorConfig.fromJson(c.toJson().replace("\"ngf\"", "\"width\"")));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withResolution(10));
        assertTrue(e.getMessage().contains("lddgan-cifar10") && e.getMessage().contains("resolution"), e.getMessage());
    }

    /**
     * Hand check: batch 2 (one group of 2), 1 channel, 1x2 pixels: sample 0 = [0, 2], sample 1 = [2, 2].
     * Per pixel the biased std over the group is [1, 0]; sqrt(var + 1e-8) averaged over C, H, W is
     * (1 + 1e-4) / 2, appended to both samples as a constant channel.
     */
    @Test
    void minibatchStdByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 2, 2, 2}, new Shape(2, 1, 1, 2));
            NDArray y = new MinibatchStd().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 2, 1, 2), y.getShape());
            float s = (float) ((Math.sqrt(1 + 1e-8) + Math.sqrt(1e-8)) / 2);
            assertArrayEquals(new float[] {0, 2, s, s, 2, 2, s, s}, y.toFloatArray(), 1e-6f);
        }
    }

    /** With 8 samples the groups are {0, 2, 4, 6} and {1, 3, 5, 7} (view(G, N/G, ...) as in the reference). */
    @Test
    void minibatchStdGroupsByStride() {
        try (NDManager m = NDManager.newBaseManager()) {
            // odd samples constant 5: their group has std sqrt(1e-8); even samples 0, 1, 2, 3
            NDArray x = m.create(new float[] {0, 5, 1, 5, 2, 5, 3, 5}, new Shape(8, 1, 1, 1));
            float[] y = new MinibatchStd().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            float even = (float) Math.sqrt(1.25 + 1e-8);
            float odd = (float) Math.sqrt(1e-8);
            for (int i = 0; i < 8; i++) {
                assertEquals(i % 2 == 0 ? even : odd, y[2 * i + 1], 1e-6f, "sample " + i);
            }
        }
    }
}
