package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Sinusoidal embedding, PixelNorm, timestep MLPs and the reference initialisations. */
class EmbeddingAndInitTest {

    @Test
    void sinusoidalEmbeddingFollowsTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray e = SinusoidalEmbedding.embed(m.create(new int[] {0, 3}), 8);
            assertEquals(new Shape(2, 8), e.getShape());
            float[] v = e.toFloatArray();
            // k = 0: sin = 0, cos = 1
            assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, java.util.Arrays.copyOfRange(v, 0, 8), 0f);
            // k = 3: half = 4, freq_i = exp(-i ln(10000) / 3) = 1, 0.0464159, 0.00215443, 1e-4
            double[] freqs = {1, Math.pow(10000, -1 / 3.0), Math.pow(10000, -2 / 3.0), 1e-4};
            for (int i = 0; i < 4; i++) {
                assertEquals(Math.sin(3 * freqs[i]), v[8 + i], 1e-6);
                assertEquals(Math.cos(3 * freqs[i]), v[12 + i], 1e-6);
            }
            assertEquals(new Shape(2, 9), SinusoidalEmbedding.embed(m.create(new int[] {0, 3}), 9).getShape());
        }
    }

    @Test
    void pixelNormGivesUnitMeanSquare() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(new float[] {3, 4, 0, 0, 1, 1, 1, 1}, new Shape(2, 4));
            float[] y = PixelNorm.normalize(z).toFloatArray();
            // row 0: mean square 25/4 -> divide by 2.5; row 1: mean square 1
            assertArrayEquals(new float[] {1.2f, 1.6f, 0, 0, 1, 1, 1, 1}, y, 1e-6f);
        }
    }

    @Test
    void timestepEmbeddingsHaveTheReferenceWidths() {
        try (NDManager m = NDManager.newBaseManager()) {
            TimestepEmbedding g = TimestepEmbedding.forGenerator(128);
            g.initialize(m, DataType.FLOAT32, new Shape(2));
            assertEquals(128 * 512 + 512 + 512 * 512 + 512, NetworkStats.parameterCount(g));
            NDArray t = m.create(new int[] {0, 3});
            assertEquals(new Shape(2, 512), g.forward(new ParameterStore(m, false), new NDList(t), false).singletonOrThrow().getShape());
            TimestepEmbedding d = TimestepEmbedding.forDiscriminator(256);
            d.initialize(m, DataType.FLOAT32, new Shape(2));
            float[] out = d.forward(new ParameterStore(m, false), new NDList(t), false).singletonOrThrow().toFloatArray();
            assertEquals(2 * 256, out.length);
        }
    }

    @Test
    void varianceScalingBounds() {
        // generator conv 128 -> 128, 3x3: fan_avg = 1152
        assertEquals(Math.sqrt(3.0 / 1152), VarianceScaling.fanAverage(1).bound(new Shape(128, 128, 3, 3)), 1e-12);
        // scale 0 means 1e-10
        assertEquals(Math.sqrt(3e-10 / 1152), VarianceScaling.fanAverage(0).bound(new Shape(128, 128, 3, 3)), 1e-15);
        // dense_layer: fan_out of a (512, 256, 3, 3) conv = 4608; of a Linear (2C, 256) = 2C
        assertEquals(Math.sqrt(3.0 / 4608), VarianceScaling.fanOut(1).bound(new Shape(512, 256, 3, 3)), 1e-12);
        assertEquals(Math.sqrt(3.0 / 256), VarianceScaling.fanOut(1).bound(new Shape(256, 256)), 1e-12);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = VarianceScaling.fanAverage(1).initialize(m, new Shape(64, 32, 3, 3), DataType.FLOAT32);
            double b = Math.sqrt(3.0 / ((32 * 9 + 64 * 9) / 2.0));
            assertTrue(w.abs().max().getFloat() <= b);
            assertTrue(w.abs().max().getFloat() > 0.9 * b);
        }
    }
}
