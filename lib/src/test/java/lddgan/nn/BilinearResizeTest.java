package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Known answers of PyTorch's {@code F.interpolate(mode='bilinear', align_corners=False)}, worked by hand. */
class BilinearResizeTest {
    @Test
    void upsamplingTwoToThreeAveragesTheMiddleAndKeepsTheEdges() {
        // s = (d + 0.5) 2/3 - 0.5: -1/6 -> 0 (clamped), 1/2, 7/6 -> between 1 and 1 (clamped): [a, (a + b) / 2, b]
        assertArrayEquals(new float[] {1, 0, 0.5f, 0.5f, 0, 1}, BilinearResize.matrix(2, 3), 1e-7f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
            assertArrayEquals(new float[] {0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3},
                    BilinearResize.resize(x, 3, 3).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void downsamplingFourToTwoAveragesPairsWithoutAntialiasing() {
        // s = (d + 0.5) 2 - 0.5 = 0.5, 2.5
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 1, 4));
            assertArrayEquals(new float[] {0.5f, 2.5f}, BilinearResize.resize(x, 1, 2).toFloatArray(), 1e-6f);
            assertSame(x, BilinearResize.resize(x, 1, 4), "the same size is left as it is");
        }
    }
}
