package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** KID against a direct O(n^2) sum, its unbiasedness on one distribution, and its growth with a mean shift. */
class KernelInceptionDistanceTest {

    @Test
    void oneSubsetOfEverythingEqualsTheDirectSum() {
        double[][] x = gaussian(12, 5, 0, 1);
        double[][] y = gaussian(12, 5, 0.3, 2);
        double direct = directMmd2(x, y);
        try (NDManager m = NDManager.newBaseManager()) {
            // one subset of all 12: the draw only permutes the rows, which the estimate does not see
            KernelInceptionDistance kid = KernelInceptionDistance.compute(array(m, x), array(m, y), 1, 12, 7);
            assertEquals(direct, kid.mean(), 1e-12 * Math.abs(direct) + 1e-15);
            assertEquals(0.0, kid.std());
            assertEquals(12, kid.subsetSize());
        }
    }

    @Test
    void samplesOfOneDistributionGiveAboutZeroWithinTheSpread() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = array(m, gaussian(400, 16, 0, 3));
            NDArray b = array(m, gaussian(400, 16, 0, 4));
            KernelInceptionDistance kid = KernelInceptionDistance.compute(a, b, 50, 100, 1);
            System.out.println("same distribution: " + kid);
            assertTrue(Math.abs(kid.mean()) < 3 * kid.std() / Math.sqrt(kid.subsets()) + 1e-3,
                    "unbiased: |mean| " + kid.mean() + " against std " + kid.std());
            assertTrue(kid.std() > 0);
            // one set against itself, as two disjoint halves: ~0 within the spread. (Drawing both subsets from the
            // very same vectors is not: a vector in both subsets adds k(x, x) to the cross term, a negative bias of
            // about 6 std here; real and generated sets never share vectors.)
            KernelInceptionDistance halves = KernelInceptionDistance.compute(a.get("0:200"), a.get("200:400"), 11);
            System.out.println("a set against itself (two halves): " + halves);
            assertTrue(Math.abs(halves.mean()) < halves.std(), "|mean| " + halves.mean() + " within its std "
                    + halves.std());
        }
    }

    @Test
    void growsWithAMeanShiftAndRepeatsForTheSameSeed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = array(m, gaussian(300, 16, 0, 5));
            double previous = Double.NEGATIVE_INFINITY;
            for (double shift : new double[] {0, 0.25, 0.5, 1}) {
                KernelInceptionDistance kid = KernelInceptionDistance.compute(real, array(m, gaussian(300, 16, shift, 6)), 9);
                System.out.println("shift " + shift + ": " + kid);
                assertTrue(kid.mean() > previous, "KID at shift " + shift + " is " + kid.mean() + ", not above " + previous);
                previous = kid.mean();
                assertEquals(KernelInceptionDistance.SUBSETS, kid.subsets());
                assertEquals(150, kid.subsetSize(), "300 samples: subsets of half of them, so that they differ");
                assertTrue(kid.std() > 0, "different subsets, a spread");
            }
            NDArray fake = array(m, gaussian(300, 16, 0.5, 6));
            assertEquals(KernelInceptionDistance.compute(real, fake, 3).mean(),
                    KernelInceptionDistance.compute(real, fake, 3).mean(), 0.0);
        }
    }

    @Test
    void badShapesAndSubsetsAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(10, 4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelInceptionDistance.compute(a, m.randomNormal(new Shape(10, 5)), 1));
            assertTrue(e.getMessage().contains("(10, 4)") && e.getMessage().contains("(10, 5)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.compute(a, a, 2, 11, 1));
            assertTrue(e.getMessage().contains("11"), e.getMessage());
        }
    }

    /** MMD^2_u by its definition, with k(x, y) = (x . y / d + 1)^3. */
    private static double directMmd2(double[][] x, double[][] y) {
        int n = x.length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    xx += k(x[i], x[j]);
                    yy += k(y[i], y[j]);
                }
                xy += k(x[i], y[j]);
            }
        }
        return (xx + yy) / (n * (n - 1.0)) - 2 * xy / ((double) n * n);
    }

    private static double k(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return Math.pow(dot / a.length + 1, 3);
    }

    private static double[][] gaussian(int n, int d, double shift, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() + shift;
            }
        }
        return out;
    }

    private static NDArray array(NDManager m, double[][] rows) {
        return m.create(rows);
    }

    @Test
    void theSubsetSizeIsTheProtocolsAndShrinksToHalfTheSmallerSet() {
        assertEquals(1000, KernelInceptionDistance.subsetSizeFor(50_000, 50_000), "kid50k");
        assertEquals(1000, KernelInceptionDistance.subsetSizeFor(5170, 2000));
        assertEquals(32, KernelInceptionDistance.subsetSizeFor(5170, 64));
        assertEquals(2, KernelInceptionDistance.subsetSizeFor(3, 3));
    }
}
