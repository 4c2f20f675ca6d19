package lddgan.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The latent space of LDDGAN (Sec. 4.2; REFERENCE-CODE.md sections 4 and 6) with the Haar stand-in first stage. */
class LatentSpaceTest {
    private static final double STD = 0.01;
    private static final LatentSpace DETERMINISTIC = new LatentSpace(new HaarStandInFirstStage());
    private static final LatentSpace STOCHASTIC = new LatentSpace(new HaarStandInFirstStage(true, STD));

    /** A raw first stage that is the identity, with a given scale factor. */
    private static final class ScaledIdentity implements FirstStage {
        private final double scale;

        ScaledIdentity(double scale) {
            this.scale = scale;
        }

        @Override
        public NDArray encode(NDArray images) {
            return images.duplicate();
        }

        @Override
        public NDArray decode(NDArray latent) {
            return latent.duplicate();
        }

        @Override
        public Shape latentShape(Shape imageShape) {
            return imageShape;
        }

        @Override
        public boolean isStochastic() {
            return false;
        }

        @Override
        public String name() {
            return "identity";
        }

        @Override
        public double scaleFactor() {
            return scale;
        }
    }

    /** Random images constant on each 2x2 block: (n, 3, 2h, 2w). */
    private static NDArray blockConstant(NDManager m, long n, long h, long w) {
        return m.randomUniform(-1, 1, new Shape(n, 3, h, 1, w, 1))
                .broadcast(new Shape(n, 3, h, 2, w, 2)).reshape(n, 3, 2 * h, 2 * w);
    }

    @Test
    void shapesFollowTheCifarKlF2Latent() {
        assertEquals(new Shape(4, 16, 16), DETERMINISTIC.spaceShape(new Shape(3, 32, 32)));
        assertEquals(new Shape(8, 4, 16, 16), DETERMINISTIC.spaceShape(new Shape(8, 3, 32, 32)));
        assertEquals(new Shape(4, 128, 128), STOCHASTIC.spaceShape(new Shape(3, 256, 256)));
        assertEquals("latent", DETERMINISTIC.name());
        assertEquals("haar-stand-in", DETERMINISTIC.stage().name());
        assertEquals(2.0, DETERMINISTIC.scaleFactor());
        assertFalse(DETERMINISTIC.isStochastic());
        assertTrue(STOCHASTIC.isStochastic());
        assertEquals("LatentSpace(haar-stand-in, scale 2.0)", DETERMINISTIC.toString());
    }

    @Test
    void badShapesAreRejectedNamingTheShape() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> DETERMINISTIC.spaceShape(new Shape(3, 31, 32)));
        assertTrue(odd.getMessage().contains("(3, 31, 32)"), odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DETERMINISTIC.spaceShape(new Shape(1, 32, 32)));
        assertThrows(IllegalArgumentException.class, () -> DETERMINISTIC.spaceShape(new Shape(32, 32)));
        assertThrows(IllegalArgumentException.class, () -> new HaarStandInFirstStage(true, -1));
        assertThrows(IllegalArgumentException.class, () -> new LatentSpace(new ScaledIdentity(0)));
        assertThrows(IllegalArgumentException.class, () -> new LatentSpace(new ScaledIdentity(Double.NaN)));
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DETERMINISTIC.encode(m.zeros(new Shape(2, 3, 7, 8))));
            assertTrue(e.getMessage().contains("(2, 3, 7, 8)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> DETERMINISTIC.encode(m.zeros(new Shape(3, 8, 8))));
            assertThrows(IllegalArgumentException.class, () -> DETERMINISTIC.decode(m.zeros(new Shape(1, 3, 4, 4))));
        }
    }

    @Test
    void projectionRowsAreOrthonormal() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = HaarStandInFirstStage.projection(m);
            assertEquals(new Shape(4, 12), p.getShape());
            assertArrayEquals(m.eye(4).toFloatArray(), p.matMul(p.transpose()).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void latentSpaceDividesAndMultipliesByTheScaleFactorAndClamps() {
        LatentSpace space = new LatentSpace(new ScaledIdentity(105)); // the paper's CIFAR-10 scale
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {-1f, 0.5f, 1f, 0f}, new Shape(1, 1, 2, 2));
            float[] expected = {-1f / 105, 0.5f / 105, 1f / 105, 0f};
            assertArrayEquals(expected, space.encode(images).toFloatArray(), 1e-9f);
            NDArray x = m.create(new float[] {-0.02f, 0.001f, 0.5f, 0f}, new Shape(1, 1, 2, 2));
            // 105 x = -2.1, 0.105, 52.5, 0 -> clamped
            assertArrayEquals(new float[] {-1f, 0.105f, 1f, 0f}, space.decode(x).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void constantImagesEncodeToTheirColoursWithNoDetail() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] colours = {0.5f, -0.25f, 0.75f};
            NDArray images = m.create(colours, new Shape(1, 3, 1, 1)).broadcast(new Shape(2, 3, 8, 8));
            NDArray x = DETERMINISTIC.encode(images);
            assertEquals(new Shape(2, 4, 4, 4), x.getShape());
            // LL of a constant 2x2 block c is (4c)/2 = 2c; divided by the scale factor 2: c
            for (int c = 0; c < 3; c++) {
                NDArray channel = x.get(":, " + c);
                assertEquals(colours[c], channel.min().getFloat(), 1e-6f);
                assertEquals(colours[c], channel.max().getFloat(), 1e-6f);
            }
            assertEquals(0f, x.get(":, 3").abs().max().getFloat(), 0f, "no detail");
        }
    }

    @Test
    void theDetailChannelIsTheColourMeanOfLh() {
        try (NDManager m = NDManager.newBaseManager()) {
            // R = 0.5 [1 -1 / 1 -1]: LH(R) = (a - b + c - d) / 2 = 1, everything else 0
            NDArray images = m.zeros(new Shape(1, 3, 2, 2));
            images.set(new NDIndex("0, 0"), m.create(new float[] {0.5f, -0.5f, 0.5f, -0.5f}, new Shape(2, 2)));
            NDArray x = DETERMINISTIC.encode(images);
            float detail = (float) (1 / Math.sqrt(3) / 2); // LH(R) / sqrt(3) / scale
            assertArrayEquals(new float[] {0f, 0f, 0f, detail}, x.toFloatArray(), 1e-6f);
            // decode: LH = 1/3 in each colour, i.e. blocks (1/6) [1 -1 / 1 -1] in R, G and B
            float s = 1f / 6;
            float[] block = {s, -s, s, -s};
            float[] expected = new float[12];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(block, 0, expected, 4 * c, 4);
            }
            assertArrayEquals(expected, DETERMINISTIC.decode(x).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void deterministicRoundTripIsExactForBlockConstantImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            NDArray images = blockConstant(m, 4, 16, 16);
            NDArray x = DETERMINISTIC.encode(images);
            assertEquals(new Shape(4, 4, 16, 16), x.getShape());
            assertArrayEquals(x.toFloatArray(), DETERMINISTIC.encode(images).toFloatArray(), 0f, "deterministic");
            assertArrayEquals(images.toFloatArray(), DETERMINISTIC.decode(x).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void stochasticEncodesAddAPosteriorSampleOfTheGivenStd() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            NDArray images = m.randomUniform(-1, 1, new Shape(16, 3, 32, 32));
            NDArray mean = DETERMINISTIC.encode(images);
            NDArray first = STOCHASTIC.encode(images);
            NDArray second = STOCHASTIC.encode(images);
            assertNotEquals(0f, first.sub(second).abs().max().getFloat(), "fresh sample each call");
            NDArray noise = first.sub(mean).mul(STOCHASTIC.scaleFactor());
            long count = noise.size(); // 16 * 4 * 16 * 16 = 16384
            assertEquals(16384, count);
            double noiseMean = noise.mean().getFloat();
            double noiseStd = Math.sqrt(noise.sub(noiseMean).square().mean().getFloat());
            assertEquals(0, noiseMean, 5 * STD / Math.sqrt(count));
            assertEquals(STD, noiseStd, 0.1 * STD);
            assertEquals(0, first.sub(second).mean().getFloat(), 5 * STD / Math.sqrt(count));
        }
    }

    @Test
    void decodeClampsButTheFirstStageDoesNot() {
        try (NDManager m = NDManager.newBaseManager()) {
            // LL channels 3 -> raw 6 -> pixels 6 / 2 = 3; -3 -> -3
            NDArray x = m.create(new float[] {3f, -3f, 0.25f, 0f}, new Shape(1, 4, 1, 1));
            assertArrayEquals(new float[] {1f, 1f, 1f, 1f, -1f, -1f, -1f, -1f, .25f, .25f, .25f, .25f},
                    DETERMINISTIC.decode(x).toFloatArray(), 1e-6f);
            NDArray raw = DETERMINISTIC.stage().decode(x.mul(2));
            assertEquals(3f, raw.max().getFloat(), 1e-6f);
            assertEquals(-3f, raw.min().getFloat(), 1e-6f);
        }
    }

    @Test
    void encodingIsDetachedFromTheGradient() {
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray viaSpace = m.ones(new Shape(1, 3, 4, 4));
            NDArray viaStage = m.ones(new Shape(1, 3, 4, 4));
            viaSpace.setRequiresGradient(true);
            viaStage.setRequiresGradient(true);
            // d/dx [sum(latent) + sum(x)]: 1 everywhere when the latent carries no gradient
            collector.backward(DETERMINISTIC.encode(viaSpace).sum().add(viaSpace.sum()));
            collector.backward(DETERMINISTIC.stage().encode(viaStage).sum().add(viaStage.sum()));
            float[] ones = m.ones(new Shape(48)).toFloatArray();
            assertArrayEquals(ones, viaSpace.getGradient().toFloatArray(), 0f, "latents are encoded without gradient");
            assertFalse(Arrays.equals(ones, viaStage.getGradient().toFloatArray()), "the raw stage is differentiable");
        }
    }

    @Test
    void onlyTheResultsStayInTheCallersManager() {
        try (NDManager base = NDManager.newBaseManager(); NDManager m = base.newSubManager()) {
            NDArray images = m.randomUniform(-1, 1, new Shape(2, 3, 8, 8));
            for (LatentSpace space : new LatentSpace[] {DETERMINISTIC, STOCHASTIC}) {
                int before = ((BaseNDManager) m).getManagedArrays().size();
                NDArray x = space.encode(images);
                NDArray decoded = space.decode(x);
                assertEquals(before + 2, ((BaseNDManager) m).getManagedArrays().size(),
                        "no temporaries left: " + space);
                assertSame(m, x.getManager());
                assertSame(m, decoded.getManager());
                assertSame(m, images.getManager());
            }
        }
    }
}
