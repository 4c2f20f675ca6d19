package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** FIR resampling: kernel normalisation, hand-checked cases and a direct upfirdn2d loop. */
class FirTest {

    @Test
    void kernelIsNormalised() {
        float sum = 0;
        for (float v : Fir.kernel2d(1f)) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-7f);
        assertEquals(9f / 64, Fir.kernel2d(1f)[5], 0f);
    }

    /** Away from the zero-padded border, a constant image stays constant. */
    @Test
    void constantImageStaysConstantInTheInterior() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.full(new Shape(2, 3, 8, 8), 0.7f);
            NDArray down = Fir.downsample(x);
            assertEquals(new Shape(2, 3, 4, 4), down.getShape());
            // output rows/cols 1..2 only see input rows 1..6
            assertArrayEquals(filled(2 * 3 * 2 * 2, 0.7f), down.get(":, :, 1:3, 1:3").toFloatArray(), 1e-6f);
            NDArray up = Fir.upsample(x);
            assertEquals(new Shape(2, 3, 16, 16), up.getShape());
            assertArrayEquals(filled(2 * 3 * 12 * 12, 0.7f), up.get(":, :, 2:14, 2:14").toFloatArray(), 1e-6f);
            NDArray blur = Fir.blur(x, 2);
            assertEquals(new Shape(2, 3, 9, 9), blur.getShape());
            assertArrayEquals(filled(2 * 3 * 5 * 5, 0.7f), blur.get(":, :, 2:7, 2:7").toFloatArray(), 1e-6f);
        }
    }

    /**
     * Hand check: upsampling an impulse at (0, 0) of a 2x2 image. 1-D: zero insertion gives [1, 0, 0, 0],
     * padding (2, 1) then correlation with [1, 3, 3, 1] / 8 * 2 gives [3, 3, 1, 0] / 4; in 2-D the outer
     * product [3, 3, 1, 0]^T [3, 3, 1, 0] / 16.
     */
    @Test
    void upsampleOfAnImpulseByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 0, 0, 0}, new Shape(1, 1, 2, 2));
            float[] r = {3, 3, 1, 0};
            float[] expected = new float[16];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    expected[4 * i + j] = r[i] * r[j] / 16f;
                }
            }
            assertArrayEquals(expected, Fir.upsample(x).toFloatArray(), 1e-7f);
        }
    }

    /**
     * Hand check: downsampling a 4x4 image whose row 1 is ones. Along the rows, [0, 1, 0, 0] padded by 1
     * is [0, 0, 1, 0, 0, 0]; the stride-2 windows against [1, 3, 3, 1] / 8 give [3, 1] / 8. Along the
     * columns, [1, 1, 1, 1] padded is [0, 1, 1, 1, 1, 0]; the windows give [7, 7] / 8.
     */
    @Test
    void downsampleOfARowByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] img = new float[16];
            for (int j = 0; j < 4; j++) {
                img[4 + j] = 1;
            }
            NDArray x = m.create(img, new Shape(1, 1, 4, 4));
            float[] rows = {3 / 8f, 1 / 8f};
            float[] cols = {7 / 8f, 7 / 8f};
            float[] expected = {rows[0] * cols[0], rows[0] * cols[1], rows[1] * cols[0], rows[1] * cols[1]};
            assertArrayEquals(expected, Fir.downsample(x).toFloatArray(), 1e-7f);
        }
    }

    /** Both resamplers agree with a direct loop over the definition of upfirdn2d on a random image. */
    @Test
    void matchesDirectUpfirdn() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            int h = 6;
            NDArray x = m.randomNormal(new Shape(1, 1, h, h));
            float[] v = x.toFloatArray();
            assertArrayEquals(upfirdn(v, h, 2, 1, 2, 1, Fir.kernel2d(4f)), Fir.upsample(x).toFloatArray(), 1e-5f);
            assertArrayEquals(upfirdn(v, h, 1, 2, 1, 1, Fir.kernel2d(1f)), Fir.downsample(x).toFloatArray(), 1e-5f);
            assertArrayEquals(upfirdn(v, h, 1, 1, 2, 2, Fir.kernel2d(1f)), Fir.blur(x, 2).toFloatArray(), 1e-5f);
        }
    }

    /**
     * The polyphase upsampling keeps every channel and sample apart: on (2, 3, 6, 6) each (sample, channel) plane equals
     * the direct upfirdn2d of that plane alone.
     */
    @Test
    void upsampleKeepsChannelsApart() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            int h = 6;
            NDArray x = m.randomNormal(new Shape(2, 3, h, h));
            NDArray up = Fir.upsample(x);
            assertEquals(new Shape(2, 3, 2 * h, 2 * h), up.getShape());
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    float[] plane = x.get(n + ", " + c).toFloatArray();
                    assertArrayEquals(upfirdn(plane, h, 2, 1, 2, 1, Fir.kernel2d(4f)),
                            up.get(n + ", " + c).toFloatArray(), 1e-5f, "sample " + n + ", channel " + c);
                }
            }
        }
    }

    /** Phase (0, 0) sees x[i-1], x[i] with taps 1/4, 3/4 per axis; phase (1, 1) sees x[i], x[i+1] with 3/4, 1/4. */
    @Test
    void phaseWeightsByHand() {
        float[] p = Fir.phaseWeights();
        float[] even = {1 / 4f, 3 / 4f, 0};
        float[] odd = {0, 3 / 4f, 1 / 4f};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(even[i] * even[j], p[3 * i + j], 1e-7f);
                assertEquals(even[i] * odd[j], p[9 + 3 * i + j], 1e-7f);
                assertEquals(odd[i] * even[j], p[18 + 3 * i + j], 1e-7f);
                assertEquals(odd[i] * odd[j], p[27 + 3 * i + j], 1e-7f);
            }
        }
    }

    @Test
    void convDownsampleHalvesResolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            FirConvDownsample block = new FirConvDownsample(6);
            block.initialize(m, DataType.FLOAT32, new Shape(2, 4, 16, 16));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(2, 4, 16, 16))), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 6, 8, 8), y.getShape());
            assertEquals(6 * 4 * 9 + 6, NetworkStats.parameterCount(block));
        }
    }

    /** upfirdn2d of one (h x h) channel: zero insertion by up, pad (p0, p1), correlate with the flipped kernel, keep every down-th. */
    private static float[] upfirdn(float[] x, int h, int up, int down, int p0, int p1, float[] k) {
        int hu = h * up;
        int hp = hu + p0 + p1;
        float[] padded = new float[hp * hp];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < h; j++) {
                padded[(i * up + p0) * hp + j * up + p0] = x[i * h + j];
            }
        }
        int full = hp - 4 + 1;
        int out = (full + down - 1) / down;
        float[] y = new float[out * out];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < out; j++) {
                float s = 0;
                for (int a = 0; a < 4; a++) {
                    for (int b = 0; b < 4; b++) {
                        s += padded[(i * down + a) * hp + j * down + b] * k[(3 - a) * 4 + (3 - b)];
                    }
                }
                y[i * out + j] = s;
            }
        }
        return y;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
