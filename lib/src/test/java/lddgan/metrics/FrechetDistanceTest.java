package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** FID (Heusel et al. 2017) against closed forms. */
class FrechetDistanceTest {
    @Test
    void diagonalCovariancesGiveTheClosedForm() {
        double[] a = {1.0, 4.0, 0.25, 9.0};
        double[] b = {4.0, 1.0, 0.25, 2.0};
        double[] mu1 = {0, 1, 2, 3};
        double[] mu2 = {1, 1, 0, 3};
        double expected = 1 + 4; // |mu1 - mu2|^2
        for (int i = 0; i < a.length; i++) {
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        assertEquals(expected, FrechetDistance.of(mu1, CommonOps_DDRM.diag(a), mu2, CommonOps_DDRM.diag(b)), 1e-10);
    }

    @Test
    void rotatedCovariancesKeepTheClosedForm() {
        // S1 = R diag(a) R^T and S2 = R diag(b) R^T commute: the diagonal formula holds in the rotated basis
        double t = 0.7;
        DMatrixRMaj r = new DMatrixRMaj(new double[][] {{Math.cos(t), -Math.sin(t), 0}, {Math.sin(t), Math.cos(t), 0}, {0, 0, 1}});
        double[] a = {2.0, 0.5, 3.0};
        double[] b = {0.5, 2.0, 1.0};
        double[] zero = {0, 0, 0};
        double expected = 0;
        for (int i = 0; i < a.length; i++) {
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        assertEquals(expected, FrechetDistance.of(zero, rotate(r, a), zero, rotate(r, b)), 1e-10);
    }

    @Test
    void nonCommutingTwoByTwoMatchesTraceFormula() {
        // for a 2x2 matrix M with eigenvalues l1, l2 >= 0: (Tr M^(1/2))^2 = Tr M + 2 sqrt(det M)
        DMatrixRMaj s1 = new DMatrixRMaj(new double[][] {{2.0, 0.6}, {0.6, 1.0}});
        DMatrixRMaj s2 = new DMatrixRMaj(new double[][] {{1.0, -0.3}, {-0.3, 3.0}});
        DMatrixRMaj m = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(s1, s2, m);
        double traceSqrt = Math.sqrt(CommonOps_DDRM.trace(m) + 2 * Math.sqrt(CommonOps_DDRM.det(m)));
        assertEquals(traceSqrt, FrechetDistance.traceSqrtProduct(s1, s2), 1e-12);
        double expected = 3.0 + 4.0 - 2 * traceSqrt + 0.5 * 0.5;
        assertEquals(expected, FrechetDistance.of(new double[] {0.5, 0}, s1, new double[] {0, 0}, s2), 1e-12);
    }

    @Test
    void symmetricSqrtSquaresBack() {
        DMatrixRMaj s = new DMatrixRMaj(new double[][] {{4.0, 1.0, 0.5}, {1.0, 3.0, 0.2}, {0.5, 0.2, 2.0}});
        DMatrixRMaj root = FrechetDistance.symmetricSqrt(s);
        DMatrixRMaj square = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(root, root, square);
        for (int i = 0; i < 9; i++) {
            assertEquals(s.get(i), square.get(i), 1e-12);
        }
    }

    @Test
    void aSetAgainstItselfIsZeroAndShiftsGrowTheDistance() {
        int n = 2000;
        int d = 16;
        SplittableRandom random = new SplittableRandom(3);
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() * (1 + j % 3) + (j % 5 == 0 ? 0.3 * row[0] : 0);
            }
        }
        FeatureStatistics base = statistics(rows, 0);
        assertEquals(0, FrechetDistance.between(base, base), 1e-8);
        double previous = 0;
        for (double shift : new double[] {0.1, 0.5, 1, 2, 4}) {
            double fid = FrechetDistance.between(statistics(rows, shift), base);
            // same covariance, means apart by shift in every coordinate: FID = d * shift^2
            assertEquals(d * shift * shift, fid, 1e-7);
            assertTrue(fid > previous, "FID must grow with the shift");
            previous = fid;
        }
    }

    @Test
    void differentExtractorsAreNotCompared() {
        FeatureStatistics a = new FeatureStatistics("x", "one", 2, new double[] {0}, new double[] {1});
        FeatureStatistics b = new FeatureStatistics("x", "two", 2, new double[] {0}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
    }

    @Test
    void singularCovariancesStayFinite() {
        DMatrixRMaj s1 = CommonOps_DDRM.diag(1.0, 0.0, 0.0);
        DMatrixRMaj s2 = CommonOps_DDRM.diag(0.0, 1.0, 0.0);
        // Tr(S1 S2)^(1/2) = 0: FID = Tr S1 + Tr S2
        assertEquals(2.0, FrechetDistance.of(new double[3], s1, new double[3], s2), 1e-12);
    }

    private static FeatureStatistics statistics(double[][] rows, double shift) {
        int d = rows[0].length;
        FeatureMoments moments = new FeatureMoments(d);
        try (NDManager manager = NDManager.newBaseManager()) {
            // in batches of 300 through the engine, as extractors feed it
            for (int from = 0; from < rows.length; from += 300) {
                int to = Math.min(rows.length, from + 300);
                double[] flat = new double[(to - from) * d];
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < d; j++) {
                        flat[(i - from) * d + j] = rows[i][j] + shift;
                    }
                }
                try (NDArray batch = manager.create(flat, new ai.djl.ndarray.types.Shape(to - from, d))) {
                    moments.add(batch);
                }
            }
        }
        return moments.statistics("gaussian+" + shift, "test");
    }

    private static DMatrixRMaj rotate(DMatrixRMaj r, double[] diagonal) {
        DMatrixRMaj tmp = new DMatrixRMaj(3, 3);
        DMatrixRMaj out = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(r, CommonOps_DDRM.diag(diagonal), tmp);
        CommonOps_DDRM.multTransB(tmp, r, out);
        return out;
    }
}
