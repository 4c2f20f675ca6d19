package lddgan.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Training pairs q(x_k | x0), q(x_{k+1} | x_k) (DDGAN Eq. (1); REFERENCE-CODE.md section 1). */
class QSampleTest {
    private static final FewStepVpSchedule SCHEDULE = FewStepVpSchedule.of(4);

    @Test
    void qSampleWithGivenNoiseIsTheClosedForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.create(new float[] {0.5f, -1f, 0.25f, 1f}, new Shape(4, 1));
            NDArray noise = m.create(new float[] {1f, 2f, -1f, 0.5f}, new Shape(4, 1));
            NDArray k = m.create(new int[] {0, 1, 2, 4});
            float[] xk = SCHEDULE.qSample(x0, k, noise).toFloatArray();
            float[] a = x0.toFloatArray();
            float[] e = noise.toFloatArray();
            int[] ks = {0, 1, 2, 4};
            for (int i = 0; i < 4; i++) {
                double expected = SCHEDULE.sqrtAlphaBar(ks[i]) * a[i] + SCHEDULE.sqrtOneMinusAlphaBar(ks[i]) * e[i];
                assertEquals(expected, xk[i], 1e-6);
            }
            // k = 0 is the clean data exactly (sigmas_cum[0] = 0 in float32)
            assertEquals(a[0], xk[0], 0f);
        }
    }

    @Test
    void pairsHaveTheForwardProcessMoments() {
        float c = 0.7f;
        Shape shape = new Shape(50_000, 1, 2, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            NDArray x0 = m.full(shape, c);
            for (int k = 0; k < 4; k++) {
                NDArray step = m.full(new Shape(shape.get(0)), k, ai.djl.ndarray.types.DataType.INT32);
                TrainingPair pair = SCHEDULE.qSamplePairs(x0, step);
                double[] prev = PosteriorTest.moments(pair.xPrev());
                double[] next = PosteriorTest.moments(pair.xt());
                double aCum = SCHEDULE.sqrtAlphaBar(k);
                double sCum = SCHEDULE.sqrtOneMinusAlphaBar(k);
                double a = SCHEDULE.sqrtAlpha(k + 1);
                double sigma = SCHEDULE.sigma(k + 1);
                assertEquals(aCum * c, prev[0], 0.01, "E[x_k], k = " + k);
                assertEquals(sCum * sCum, prev[1], 0.02, "Var[x_k], k = " + k);
                assertEquals(a * aCum * c, next[0], 0.01, "E[x_k+1], k = " + k);
                assertEquals(a * a * sCum * sCum + sigma * sigma, next[1], 0.02, "Var[x_k+1], k = " + k);
                // x_{k+1} given x0 is the marginal at k + 1
                assertEquals(SCHEDULE.sqrtAlphaBar(k + 1) * c, next[0], 0.01);
                assertEquals(1 - Math.pow(SCHEDULE.sqrtAlphaBar(k + 1), 2), next[1], 0.02);
            }
        }
    }

    @Test
    void drawnStepsAreUniformOverZeroToTMinusOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            int n = 40_000;
            NDArray x0 = m.zeros(new Shape(n, 1, 1, 1));
            int before = ((BaseNDManager) m).getManagedArrays().size();
            TrainingPair pair = SCHEDULE.qSamplePairs(x0);
            assertEquals(before + 3, ((BaseNDManager) m).getManagedArrays().size(), "only xPrev, xt, step remain");
            assertEquals(new Shape(n), pair.step().getShape());
            assertEquals(x0.getShape(), pair.xPrev().getShape());
            assertEquals(x0.getShape(), pair.xt().getShape());
            int[] counts = new int[4];
            for (int k : pair.step().toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray()) {
                assertTrue(k >= 0 && k < 4, "k out of range: " + k);
                counts[k]++;
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(0.25, counts[k] / (double) n, 0.01, "frequency of k = " + k);
            }
        }
    }

    @Test
    void sameSeedSamePairs() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.ones(new Shape(8, 3, 4, 4));
            Engine.getInstance().setRandomSeed(123);
            TrainingPair first = SCHEDULE.qSamplePairs(x0);
            Engine.getInstance().setRandomSeed(123);
            TrainingPair second = SCHEDULE.qSamplePairs(x0);
            assertArrayEquals(first.step().toIntArray(), second.step().toIntArray());
            assertArrayEquals(first.xt().toFloatArray(), second.xt().toFloatArray(), 0f);
            assertArrayEquals(first.xPrev().toFloatArray(), second.xPrev().toFloatArray(), 0f);
        }
    }
}
