package lddgan.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Posterior q(x_{t-1} | x_t, x0) as DJL operations, against the closed forms (DDPM Eq. (7)). */
class PosteriorTest {
    private static final Posterior POSTERIOR = FewStepVpSchedule.of(4).posterior();

    /** Mean and (biased) variance of all elements. */
    static double[] moments(NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            x.tempAttach(scope);
            NDArray mean = x.mean();
            double m = mean.getFloat();
            double v = x.sub(mean).square().mean().getFloat();
            return new double[] {m, v};
        }
    }

    @Test
    void posteriorMeanIsCoef1X0PlusCoef2Xt() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            NDArray x0 = m.randomNormal(new Shape(4, 2, 3, 3));
            NDArray xt = m.randomNormal(new Shape(4, 2, 3, 3));
            NDArray step = m.create(new int[] {0, 1, 2, 3});
            float[] mean = POSTERIOR.posteriorMean(x0, xt, step).toFloatArray();
            float[] a = x0.toFloatArray();
            float[] b = xt.toFloatArray();
            int perSample = 2 * 3 * 3;
            for (int i = 0; i < mean.length; i++) {
                int s = i / perSample;
                double expected = POSTERIOR.coef1(s) * a[i] + POSTERIOR.coef2(s) * b[i];
                assertEquals(expected, mean[i], 1e-6, "element " + i);
            }
        }
    }

    @Test
    void stepZeroReturnsPredictedX0Exactly() {
        for (int t : new int[] {2, 4}) {
            Posterior posterior = FewStepVpSchedule.of(t).posterior();
            assertEquals(1.0, posterior.coef1(0), 0.0, "coef1[0], T = " + t);
            assertEquals(0.0, posterior.coef2(0), 0.0, "coef2[0], T = " + t);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x0 = m.randomUniform(-1, 1, new Shape(3, 4, 8, 8));
                NDArray xt = m.randomNormal(new Shape(3, 4, 8, 8));
                NDArray xPrev = posterior.samplePosterior(x0, xt, 0);
                assertArrayEquals(x0.toFloatArray(), xPrev.toFloatArray(), 0f);
            }
        }
    }

    @Test
    void samplePosteriorHasReferenceMeanAndVariance() {
        float x0Value = 0.5f;
        float xtValue = -0.3f;
        Shape shape = new Shape(50_000, 1, 2, 2); // 200k draws per step
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            NDArray x0 = m.full(shape, x0Value);
            NDArray xt = m.full(shape, xtValue);
            for (int s = 0; s < 4; s++) {
                double[] mv = moments(POSTERIOR.samplePosterior(x0, xt, s));
                double expectedMean = POSTERIOR.coef1(s) * x0Value + POSTERIOR.coef2(s) * xtValue;
                double expectedVar = s == 0 ? 0 : POSTERIOR.variance(s);
                assertEquals(expectedMean, mv[0], 0.01, "mean at step " + s);
                assertEquals(expectedVar, mv[1], 0.02, "variance at step " + s);
            }
        }
    }

    @Test
    void perSampleStepsSelectPerSampleCoefficientsAndNoise() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            int n = 20_000;
            NDArray x0 = m.ones(new Shape(n, 1, 4, 4));
            NDArray xt = m.zeros(new Shape(n, 1, 4, 4));
            // first half at step 0 (no noise), second half at step 2
            int[] steps = new int[n];
            java.util.Arrays.fill(steps, n / 2, n, 2);
            NDArray xPrev = POSTERIOR.samplePosterior(x0, xt, m.create(steps));
            NDArray first = xPrev.get("0:" + n / 2);
            NDArray second = xPrev.get(n / 2 + ":");
            assertArrayEquals(m.ones(first.getShape()).toFloatArray(), first.toFloatArray(), 0f);
            double[] mv = moments(second);
            assertEquals(POSTERIOR.coef1(2), mv[0], 0.01);
            assertEquals(POSTERIOR.variance(2), mv[1], 0.02);
        }
    }

    @Test
    void leavesOnlyTheResultInTheCallersManager() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.randomNormal(new Shape(2, 3, 4, 4));
            NDArray xt = m.randomNormal(new Shape(2, 3, 4, 4));
            NDArray step = m.create(new int[] {1, 3});
            int before = ((BaseNDManager) m).getManagedArrays().size();
            POSTERIOR.samplePosterior(x0, xt, step);
            POSTERIOR.posteriorMean(x0, xt, 2);
            assertEquals(before + 2, ((BaseNDManager) m).getManagedArrays().size());
            assertEquals(DataType.INT32, step.getDataType(), "the caller's step is left as it was");
            assertArrayEquals(new int[] {1, 3}, step.toIntArray());
        }
    }
}
