package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Improved precision and recall (Kynkaanniemi et al. 2019) on point clouds with known answers. */
class ImprovedPrecisionRecallTest {
    @Test
    void kthNeighbourExcludesSelf() {
        try (NDManager m = NDManager.newBaseManager()) {
            // points 0, 1, 2, ..., 7 on a line: the 3rd neighbour of 0 is 3 (squared 9), of 3 it is at distance 2 (4)
            float[] line = new float[8];
            for (int i = 0; i < 8; i++) {
                line[i] = i;
            }
            NDArray points = m.create(line, new Shape(8, 1));
            float[] radii = ImprovedPrecisionRecall.kthNeighbourSquaredDistances(points, 3, 3, m).toFloatArray();
            assertArrayEquals(new float[] {9, 4, 4, 4, 4, 4, 4, 9}, radii, 1e-4f);
        }
    }

    @Test
    void identicalSetsGiveOneAndOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = cloud(m, 1500, 8, 0, 1, 1);
            PrecisionRecall pr = ImprovedPrecisionRecall.compute(x, x.duplicate());
            assertEquals(1.0, pr.precision(), 1e-12);
            assertEquals(1.0, pr.recall(), 1e-12);
            assertEquals(3, pr.k());
        }
    }

    @Test
    void farApartSetsGiveZeroAndZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            PrecisionRecall pr = ImprovedPrecisionRecall.compute(cloud(m, 800, 8, 0, 1, 1), cloud(m, 900, 8, 100, 1, 2));
            assertEquals(0.0, pr.precision(), 0);
            assertEquals(0.0, pr.recall(), 0);
        }
    }

    @Test
    void generatedSetCoveringHalfTheModes() {
        try (NDManager m = NDManager.newBaseManager()) {
            // real: two equal modes 50 apart; generated: exactly the first mode's points
            NDArray first = cloud(m, 1000, 4, 0, 1, 3);
            NDArray real = first.concat(cloud(m, 1000, 4, 50, 1, 4));
            PrecisionRecall pr = ImprovedPrecisionRecall.compute(real, first.duplicate(), 3, 700);
            assertEquals(1.0, pr.precision(), 0);
            assertEquals(0.5, pr.recall(), 0);
            // the block size does not change the answer
            assertEquals(pr, ImprovedPrecisionRecall.compute(real, first.duplicate(), 3, 64));
        }
    }

    @Test
    void freshDrawOfHalfTheModes() {
        try (NDManager m = NDManager.newBaseManager()) {
            // a new sample of the first mode: with k = 3 and finite sets, a few points of one distribution fall
            // outside the other's balls (Kynkaanniemi et al. 2019 Sec. 2), so "about 1" and "about 0.5"
            NDArray real = cloud(m, 1000, 4, 0, 1, 3).concat(cloud(m, 1000, 4, 50, 1, 4));
            PrecisionRecall pr = ImprovedPrecisionRecall.compute(real, cloud(m, 1000, 4, 0, 1, 5));
            assertTrue(pr.precision() > 0.9, "precision " + pr.precision());
            assertEquals(0.5, pr.recall(), 0.05);
            assertTrue(pr.recall() <= 0.5, "the second mode is never covered");
        }
    }

    /** n Gaussian points in d dimensions around (offset, ..., offset) with the given scale. */
    private static NDArray cloud(NDManager m, int n, int d, float offset, float scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = offset + scale * (float) random.nextGaussian();
        }
        return m.create(v, new Shape(n, d));
    }
}
