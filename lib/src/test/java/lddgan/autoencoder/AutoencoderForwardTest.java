package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Shapes and closed forms of the first stage's parts (REFERENCE-CODE.md section 6). */
class AutoencoderForwardTest {

    private static AutoencoderConfig narrowCifar() {
        return AutoencoderConfig.preset(AutoencoderConfig.CIFAR10_F2).withCh(32);
    }

    @Test
    void cifarEncodesTo4x16x16AndDecodesToImagesInTanhRange() {
        Engine.getInstance().setRandomSeed(1);
        Autoencoder ae = new Autoencoder(narrowCifar());
        try (NDManager m = NDManager.newBaseManager()) {
            ae.initialize(m, 2);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 32, 32));
            NDArray z = ae.encode(x);
            assertEquals(new Shape(2, 4, 16, 16), z.getShape());
            assertEquals(new Shape(4, 16, 16), ae.latentShape(new Shape(3, 32, 32)));
            NDArray y = ae.decode(z);
            assertEquals(new Shape(2, 3, 32, 32), y.getShape());
            assertTrue(y.abs().max().getFloat() <= 1f, "tanh output");
            assertTrue(ae.isStochastic());
            // the posterior sample differs between calls; the mode does not
            assertFalse(ae.encode(x).contentEquals(z));
            assertTrue(ae.encodeMode(x).contentEquals(ae.encodeMode(x)));
            assertThrows(IllegalArgumentException.class, () -> ae.encode(m.zeros(new Shape(1, 3, 64, 64))));
            assertThrows(IllegalArgumentException.class, () -> ae.decode(m.zeros(new Shape(1, 3, 16, 16))));
        }
    }

    /** The compression study's first stages: f = 2^(levels - 1), latents 4x8x8 and 4x4x4, images back at 32x32. */
    @Test
    void compressionStudyStagesEncodeToTheirFactor() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 32, 32));
            int[] factors = {4, 8};
            for (int i = 0; i < factors.length; i++) {
                AutoencoderConfig c = AutoencoderConfig.preset(AutoencoderConfig.COMPRESSION_STUDY.get(i)).withCh(32);
                int f = factors[i];
                assertEquals(f, c.factor(), c.name());
                Autoencoder ae = new Autoencoder(c);
                ae.initialize(m, 2);
                NDArray z = ae.encode(x);
                assertEquals(new Shape(2, 4, 32 / f, 32 / f), z.getShape(), c.name());
                assertEquals(new Shape(2, 3, 32, 32), ae.decode(z).getShape(), c.name());
            }
        }
        assertEquals(java.util.List.of("cifar10-f2", "celebahq-vq-f4", "lsun-kl-f8"), AutoencoderConfig.PRESETS,
                "Table 1 keeps its three");
    }

    /** ImageNet-100's first stage: 128x128 images to a 4x16x16 latent (f = 8) and back. */
    @Test
    void imagenet100StageEncodes128To16() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderConfig c = AutoencoderConfig.preset(AutoencoderConfig.IMAGENET100_F8).withCh(32);
            assertEquals(8, c.factor());
            Autoencoder ae = new Autoencoder(c);
            ae.initialize(m, 1);
            NDArray z = ae.encode(m.randomUniform(-1f, 1f, new Shape(1, 3, 128, 128)));
            assertEquals(new Shape(1, 4, 16, 16), z.getShape());
            assertEquals(new Shape(1, 3, 128, 128), ae.decode(z).getShape());
        }
    }

    @Test
    void diagonalGaussianKlMatchesClosedFormAndClampsLogvar() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one sample, one latent channel of 2 pixels: mean (1, 0), logvar (ln 4, 50 -> clamped to 20)
            NDArray moments = m.create(new float[] {1f, 0f, (float) Math.log(4), 50f}, new Shape(1, 2, 1, 2));
            DiagonalGaussian q = new DiagonalGaussian(moments);
            assertEquals(20f, q.logvar().getFloat(0, 0, 0, 1), 0f);
            double expected = 0.5 * ((1 + 4 - 1 - Math.log(4)) + (0 + Math.exp(20) - 1 - 20));
            assertEquals(expected, q.kl().getFloat(0), expected * 1e-6);
        }
    }

    @Test
    void vectorQuantizerPicksNearestCodeWithLegacyLossAndStraightThroughGradient() {
        VectorQuantizer vq = new VectorQuantizer(3, 2, 0.25);
        try (NDManager m = NDManager.newBaseManager()) {
            vq.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2, 1, 2));
            NDArray codes = vq.getParameters().get("embedding").getArray();
            codes.set(new float[] {0f, 0f, 1f, 1f, -1f, 2f});
            // z at two positions: (0.9, 1.2) -> code 1 (1, 1); (-0.1, 0.1) -> code 0 (0, 0)
            NDArray z = m.create(new float[] {0.9f, -0.1f, 1.2f, 0.1f}, new Shape(1, 2, 1, 2));
            z.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                VectorQuantizer.Quantized q = vq.quantize(new ParameterStore(m, false), z, true);
                assertArrayEquals(new long[] {1, 0}, q.indices().toLongArray());
                assertArrayEquals(new float[] {1f, 0f, 1f, 0f}, q.latent().toFloatArray(), 1e-6f);
                double mse = (0.01 + 0.01 + 0.04 + 0.01) / 4;
                assertEquals(mse * 1.25, q.loss().getFloat(), 1e-6);
                c.backward(q.latent().sum());
            }
            // straight-through: d sum(z_q) / dz = 1 everywhere
            assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, z.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void downsamplingPadsOnlyRightAndBottom() {
        Resampling down = Resampling.down(32, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            down.initialize(m, 1);
            NDArray weight = down.getChildren().get(0).getValue().getParameters().get("weight").getArray();
            NDArray bias = down.getChildren().get(0).getValue().getParameters().get("bias").getArray();
            // weight picks the top-left tap of the same channel: out(i, j) = x(2i, 2j)
            float[] w = new float[32 * 32 * 9];
            for (int c = 0; c < 32; c++) {
                w[(c * 32 + c) * 9] = 1f;
            }
            weight.set(w);
            bias.set(new float[32]);
            NDArray x = m.arange(0f, 32 * 16f).reshape(1, 32, 4, 4);
            NDArray y = down.forward(new ParameterStore(m, false), new ai.djl.ndarray.NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(1, 32, 2, 2), y.getShape());
            assertArrayEquals(new float[] {0f, 2f, 8f, 10f}, y.get("0, 0").toFloatArray(), 0f);
        }
    }

    @Test
    void presetsRejectInconsistentRegularizerSettings() {
        AutoencoderConfig c = narrowCifar();
        assertThrows(IllegalArgumentException.class, () -> c.withRegularizer("x", Regularizer.VQ));
        assertEquals(Regularizer.NONE, c.withRegularizer("cifar10-f2-nokl", Regularizer.NONE).regularizer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoencoderConfig.fromJson(
                c.toJson().replace("\"doubleZ\" : true", "\"doubleZ\" : false")));
        assertTrue(e.getMessage().contains("doubleZ"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AutoencoderConfig.preset("cifar10-f3"));
    }
}
