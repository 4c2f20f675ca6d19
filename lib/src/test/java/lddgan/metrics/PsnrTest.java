package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** PSNR of reconstructions in [-1, 1] (data range 2). */
class PsnrTest {

    @Test
    void identicalImagesHaveInfinitePsnr() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 3, 8, 8), DataType.FLOAT32);
            assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
                    Psnr.perImage(x, x), 0);
            Psnr.Result r = Psnr.of(x, x.duplicate());
            assertEquals(3, r.images());
            assertEquals(3, r.identicalImages());
            assertEquals(Double.POSITIVE_INFINITY, r.meanPerImage());
            assertEquals(Double.POSITIVE_INFINITY, r.overall());
            assertTrue(Double.isNaN(r.stdPerImage()));
            assertEquals(0, r.mse());
        }
    }

    @Test
    void constantOffsetsGiveTheClosedForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-0.5f, 0.5f, new Shape(2, 3, 4, 4), DataType.FLOAT32);
            // image 0 off by 0.1 (MSE 0.01), image 1 by -0.2 (MSE 0.04)
            NDArray offsets = m.create(new float[] {0.1f, -0.2f}, new Shape(2, 1, 1, 1));
            NDArray y = x.add(offsets);
            double[] psnr = Psnr.perImage(y, x);
            double p0 = 10 * Math.log10(4 / 0.01);
            double p1 = 10 * Math.log10(4 / 0.04);
            assertEquals(26.0206, p0, 1e-4);
            assertEquals(p0, psnr[0], 1e-4);
            assertEquals(p1, psnr[1], 1e-4);
            Psnr.Result r = Psnr.of(y, x);
            assertEquals((p0 + p1) / 2, r.meanPerImage(), 1e-4);
            assertEquals(Math.abs(p0 - p1) / 2, r.stdPerImage(), 1e-4);
            assertEquals(p1, r.minPerImage(), 1e-4);
            assertEquals(0.025, r.mse(), 1e-7);
            assertEquals(10 * Math.log10(4 / 0.025), r.overall(), 1e-4);
            assertTrue(r.overall() < r.meanPerImage(), "pooling the MSE weights the worse image more");
            assertEquals(0, r.identicalImages());
            assertEquals(2.0, r.dataRange());
        }
    }

    @Test
    void minusOneOneWithRangeTwoEqualsZeroOneWithRangeOne() {
        for (double mse : new double[] {1e-4, 0.01, 0.3, 4}) {
            assertEquals(Psnr.fromMse(mse / 4, 1), Psnr.fromMse(mse), 1e-12);
        }
        assertEquals(0, Psnr.fromMse(4), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.fromMse(0));
        assertThrows(IllegalArgumentException.class, () -> Psnr.fromMse(-1));
    }

    @Test
    void accumulatingBatchesEqualsOneCall() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(5, 3, 4, 4), DataType.FLOAT32);
            NDArray y = x.add(m.randomNormal(0f, 0.05f, new Shape(5, 3, 4, 4), DataType.FLOAT32));
            Psnr.Result whole = Psnr.of(y, x);
            Psnr.Accumulator parts = new Psnr.Accumulator();
            parts.add(y.get("0:2"), x.get("0:2"));
            parts.add(y.get("2:5"), x.get("2:5"));
            Psnr.Result r = parts.result();
            assertEquals(whole.meanPerImage(), r.meanPerImage(), 1e-12);
            assertEquals(whole.stdPerImage(), r.stdPerImage(), 1e-12);
            assertEquals(whole.overall(), r.overall(), 1e-12);
            assertEquals(5, r.images());
            assertThrows(IllegalArgumentException.class, () -> Psnr.of(y, x.get("0:2")));
            assertThrows(IllegalStateException.class, () -> new Psnr.Accumulator().result());
        }
    }
}
