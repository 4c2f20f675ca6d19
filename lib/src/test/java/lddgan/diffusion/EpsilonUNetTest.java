package lddgan.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import lddgan.generator.NcsnppGenerator;
import lddgan.nn.MicroBatchSetting;
import lddgan.nn.NetworkStats;
import org.junit.jupiter.api.Test;

/** The epsilon U-Net: the NCSN++ body without z, the class embedding, and classifier-free guidance's combination. */
class EpsilonUNetTest {
    private static final EpsilonUNetConfig SMALL = EpsilonUNetConfig.preset("eps-latent-cifar10").scaled("@test", 8, 1);

    @Test
    void parametersAreTheGeneratorsBodyWithPlainNormsPlusTimeAndClassEmbeddings() {
        EpsilonUNetConfig c = EpsilonUNetConfig.preset("eps-latent-cifar10");
        try (NDManager m = NDManager.newBaseManager()) {
            EpsilonUNet net = new EpsilonUNet(c);
            net.initialize(m, 1);
            NcsnppGenerator g = new NcsnppGenerator(c.body().withNz(50).withZEmbDim(256).withNMlp(4));
            g.initialize(m, 1);
            long unet = NetworkStats.parameterCount(net);
            long generator = NetworkStats.parameterCount(g);
            // the generator: + z mapping (276,224) + AdaGN style layers; the U-Net: + GroupNorm affine + class table
            long mapping = 50 * 256 + 256 + 4 * (256 * 256 + 256);
            long classTable = 11L * 512;
            long styleMinusAffine = 0;
            for (var p : g.getParameters()) {
                if (p.getKey().contains("style")) {
                    styleMinusAffine += p.getValue().getArray().size();
                }
            }
            long affine = 0;
            for (var p : net.getParameters()) {
                String k = p.getKey();
                if ((k.contains("norm0") || k.contains("norm1")) && (k.endsWith("gamma") || k.endsWith("beta"))) {
                    affine += p.getValue().getArray().size();
                }
            }
            System.out.printf("epsilon U-Net %,d parameters, generator %,d%n", unet, generator);
            assertEquals(generator - mapping - styleMinusAffine + affine + classTable, unet);
        }
    }

    /** Parameters of LDM's spatial transformer (depth 1, C' = C) over C channels, context width dc. */
    private static long spatialTransformer(long c, long dc) {
        return 2 * c + (c * c + c) + 6 * c + (4 * c * c + c) + (2 * c * c + 2 * dc * c + c) + (12 * c * c + 9 * c)
                + (c * c + c);
    }

    /**
     * Issue 25: the cross-attention U-Net against the embedding one with self-attention at the same places (8x8 and
     * the middle, all 2 nf = 256 channels): four spatial transformers instead of four NCSN++ attention blocks
     * (GroupNorm + four 1x1 convolutions), the class encoder's 11 x 512 table instead of the 11 x 512 embedding.
     */
    @Test
    void crossAttentionUNetReplacesEachAttentionBlockByASpatialTransformer() {
        EpsilonUNetConfig embedding = EpsilonUNetConfig.preset(EpsilonUNetConfig.LATENT_CIFAR10_ATTN8);
        EpsilonUNetConfig cross = EpsilonUNetConfig.preset(EpsilonUNetConfig.LATENT_CIFAR10_XATTN);
        try (NDManager m = NDManager.newBaseManager()) {
            EpsilonUNet e = new EpsilonUNet(embedding);
            e.initialize(m, 1);
            EpsilonUNet x = new EpsilonUNet(cross);
            x.initialize(m, 1);
            EpsilonUNet plain = new EpsilonUNet(EpsilonUNetConfig.preset(EpsilonUNetConfig.LATENT_CIFAR10));
            plain.initialize(m, 1);
            long pe = NetworkStats.parameterCount(e);
            long px = NetworkStats.parameterCount(x);
            System.out.printf("epsilon U-Nets: %s %,d parameters (class embedding, self-attention at 8x8 and 4x4); %s %,d"
                    + " (cross-attention to tau(y)); %s %,d (attention at 4x4 only)%n", embedding.name(), pe, cross.name(),
                    px, EpsilonUNetConfig.LATENT_CIFAR10, NetworkStats.parameterCount(plain));
            long c = 256;
            long attnBlock = 2 * c + 4 * (c * c + c);
            assertEquals(pe + 4 * (spatialTransformer(c, 512) - attnBlock) - 11 * 512 + 11 * 512, px);
            assertEquals(NetworkStats.parameterCount(plain) + 3 * attnBlock, pe, "three more attention blocks at 8x8");
        }
    }

    /**
     * ImageNet-100's epsilon U-Net is the attn8 body with a 101-row class table (100 classes and the null label) instead
     * of 11 rows, each row as wide as the time embedding (4 nf = 512): 90 x 512 more parameters.
     */
    @Test
    void imagenet100UNetDiffersFromAttn8ByItsClassTable() {
        try (NDManager m = NDManager.newBaseManager()) {
            EpsilonUNet attn8 = new EpsilonUNet(EpsilonUNetConfig.preset(EpsilonUNetConfig.LATENT_CIFAR10_ATTN8));
            attn8.initialize(m, 1);
            EpsilonUNet imagenet = new EpsilonUNet(EpsilonUNetConfig.preset(EpsilonUNetConfig.LATENT_IMAGENET100));
            imagenet.initialize(m, 1);
            assertEquals(28_214_020L + 90 * 512, NetworkStats.parameterCount(imagenet));
            assertEquals(28_214_020L, NetworkStats.parameterCount(attn8));
        }
    }

    @Test
    void crossAttentionConfigsAreCheckedAndScaleTheirWidths() {
        EpsilonUNetConfig cross = EpsilonUNetConfig.preset(EpsilonUNetConfig.LATENT_CIFAR10_XATTN);
        EpsilonUNetConfig cpu = cross.scaled("@cpu", 32, 1);
        assertEquals(128, cpu.contextDim());
        assertEquals(8, cpu.headChannels());
        IllegalArgumentException badHeads = assertThrows(IllegalArgumentException.class, () -> new EpsilonUNetConfig("x",
                "", 4, 16, 128, java.util.List.of(1, 2, 2), 2, java.util.List.of(8), 0, 10, 0.1,
                lddgan.schedule.DiscreteSchedule.Kind.LINEAR, 1000, EpsilonUNetConfig.Conditioning.CROSS_ATTENTION, 512, 48));
        assertTrue(badHeads.getMessage().contains("headChannels 48"), badHeads.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EpsilonUNetConfig("x", "", 4, 16, 128,
                java.util.List.of(1, 2, 2), 2, java.util.List.of(8), 0, 0, 0, lddgan.schedule.DiscreteSchedule.Kind.LINEAR,
                1000, EpsilonUNetConfig.Conditioning.CROSS_ATTENTION, 512, 32), "cross-attention needs classes");
        assertThrows(IllegalArgumentException.class, () -> new EpsilonUNetConfig("x", "", 4, 16, 128,
                java.util.List.of(1, 2, 2), 2, java.util.List.of(8), 0, 10, 0.1, lddgan.schedule.DiscreteSchedule.Kind.LINEAR,
                1000, EpsilonUNetConfig.Conditioning.EMBEDDING, 512, 0), "no contextDim without cross-attention");
    }

    /** Once the transformers' output convolutions are not zero, the label acts, and guidance combines as always. */
    @Test
    void crossAttentionUNetIsGuidedThroughItsContext() {
        EpsilonUNetConfig small = EpsilonUNetConfig.preset(EpsilonUNetConfig.LATENT_CIFAR10_XATTN).scaled("@test", 8, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            EpsilonUNet net = new EpsilonUNet(small);
            net.initialize(m, 2);
            for (var p : net.getParameters()) {
                if (p.getKey().contains("proj_out")) {
                    NDArray w = p.getValue().getArray();
                    w.set(m.randomNormal(0, 0.1f, w.getShape(), DataType.FLOAT32).toFloatArray());
                }
            }
            assertGuidanceCombinesPredictions(net, m, 3);
        }
    }

    /**
     * For labels 3 and 7 at t = 500: the label changes the prediction, and guidance with each w returns
     * eps(x, null) + w (eps(x, y) - eps(x, null)).
     */
    private static void assertGuidanceCombinesPredictions(EpsilonUNet net, NDManager m, double... scales) {
        NDArray x = m.randomNormal(new Shape(2, 4, 16, 16));
        NDArray y = m.create(new int[] {3, 7});
        ParameterStore ps = new ParameterStore(m, false);
        NDArray t = m.full(new Shape(2), 500, DataType.INT32);
        NDArray cond = net.forward(ps, new NDList(x, t, y), false).singletonOrThrow();
        NDArray uncond = net.forward(ps, new NDList(x, t, m.full(new Shape(2), 10, DataType.INT32)), false)
                .singletonOrThrow();
        assertTrue(cond.sub(uncond).abs().max().getFloat() > 0, "the label changes the prediction");
        for (double w : scales) {
            NDArray guided = ClassifierFreeGuidance.guided(net, y, w).predict(x, 500);
            NDArray expected = uncond.add(cond.sub(uncond).mul((float) w));
            assertTrue(guided.sub(expected).abs().max().getFloat() < 1e-4, "w = " + w);
        }
    }

    @Test
    void guidanceCombinesTheConditionalAndUnconditionalPredictions() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            EpsilonUNet net = new EpsilonUNet(SMALL);
            net.initialize(m, 2);
            assertGuidanceCombinesPredictions(net, m, 0, 1, 3.5);
            // one sample per call: each guided pair [x_i; x_i] with [y_i; null] is still formed within its call
            MicroBatchSetting.with("1", () -> {
                assertGuidanceCombinesPredictions(net, m, 0, 1, 3.5);
                return null;
            });
            NDArray y = m.create(new int[] {3, 7});
            assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.guided(net, y, -1));
            assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.guided(net, y.toType(DataType.INT64, false), 1));
        }
    }

    @Test
    void anUnconditionalNetworkTakesNoLabelsAndRefusesGuidance() {
        EpsilonUNetConfig c = new EpsilonUNetConfig("u", "", 4, 16, 8, java.util.List.of(1, 2), 1, java.util.List.of(), 0, 0, 0,
                lddgan.schedule.DiscreteSchedule.Kind.LINEAR, 1000,
                EpsilonUNetConfig.Conditioning.EMBEDDING, 0, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            EpsilonUNet net = new EpsilonUNet(c);
            net.initialize(m, 1);
            NDArray eps = ClassifierFreeGuidance.unconditional(net).predict(m.randomNormal(new Shape(1, 4, 16, 16)), 10);
            assertEquals(new Shape(1, 4, 16, 16), eps.getShape());
            assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.guided(net, m.create(new int[] {1}), 1));
        }
        assertThrows(IllegalArgumentException.class, () -> new EpsilonUNetConfig("u", "", 4, 16, 8, java.util.List.of(1, 2), 1,
                java.util.List.of(), 0, 0, 0.1, lddgan.schedule.DiscreteSchedule.Kind.LINEAR, 1000,
                EpsilonUNetConfig.Conditioning.EMBEDDING, 0, 0));
    }
}
