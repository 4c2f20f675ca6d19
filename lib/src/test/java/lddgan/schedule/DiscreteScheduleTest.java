package lddgan.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The 1000-step schedules against their closed forms (DDPM Sec. 4; improved DDPM Eq. (17); LDM's scaled linear). */
class DiscreteScheduleTest {
    private static final int T = DiscreteSchedule.DEFAULT_STEPS;

    /** prod_{s <= t} (1 - beta_s) in double. */
    private static double alphaBar(java.util.function.IntToDoubleFunction beta, int t) {
        double p = 1;
        for (int s = 0; s <= t; s++) {
            p *= 1 - beta.applyAsDouble(s);
        }
        return p;
    }

    @Test
    void linearBetasAndAlphaBarMatchTheClosedForm() {
        DiscreteSchedule s = DiscreteSchedule.of(DiscreteSchedule.Kind.LINEAR, T);
        java.util.function.IntToDoubleFunction beta = t -> 1e-4 + (0.02 - 1e-4) * t / (T - 1);
        assertEquals(1e-4, s.posterior().beta(0), 1e-10);
        assertEquals(0.02, s.posterior().beta(T - 1), 1e-9);
        for (int t : new int[] {0, 1, 99, 499, 999}) {
            double expected = alphaBar(beta, t);
            assertEquals(expected, s.alphaBar(t), 2e-5 * expected + 1e-9, "alphaBar_" + t);
        }
        // the well-known end point of DDPM's schedule: alphaBar_999 = 4.04e-5
        assertEquals(4.04e-5, s.alphaBar(T - 1), 0.01e-5);
    }

    @Test
    void cosineAlphaBarIsTheRatioOfTheCosineCurve() {
        DiscreteSchedule s = DiscreteSchedule.of(DiscreteSchedule.Kind.COSINE, T);
        double f0 = DiscreteSchedule.cosineAlphaBar(0);
        for (int t : new int[] {0, 10, 250, 500, 750}) {
            double expected = DiscreteSchedule.cosineAlphaBar((t + 1) / (double) T) / f0;
            assertEquals(expected, s.alphaBar(t), 1e-4 * expected + 1e-7, "alphaBar_" + t);
        }
        assertEquals(DiscreteSchedule.COSINE_MAX_BETA, s.posterior().beta(T - 1), 1e-6, "the last beta is capped");
    }

    /** Chen (2023)'s sigmoid schedule: alphaBar 1 at u = 0, exactly 1/2 at u = 1/2 by symmetry, the last beta capped. */
    @Test
    void sigmoidAlphaBarIsHalfAtTheMiddleAndFollowsTheCurve() {
        assertEquals(1.0, DiscreteSchedule.sigmoidAlphaBar(0), 1e-15);
        assertEquals(0.5, DiscreteSchedule.sigmoidAlphaBar(0.5), 1e-15);
        assertEquals(DiscreteSchedule.SIGMOID_CLIP, DiscreteSchedule.sigmoidAlphaBar(1), 1e-15);
        double s3 = 1 / (1 + Math.exp(-3));
        double q = 1 / (1 + Math.exp(1.5)); // sigmoid(-1.5) at u = 1/4
        assertEquals((s3 - q) / (s3 - (1 - s3)), DiscreteSchedule.sigmoidAlphaBar(0.25), 1e-15);
        DiscreteSchedule s = DiscreteSchedule.of(DiscreteSchedule.Kind.SIGMOID, T);
        // alphaBar_t = alphaBar((t + 1) / T) / alphaBar(0): at t = T/2 - 1 it is 1/2
        assertEquals(0.5, s.alphaBar(T / 2 - 1), 1e-4);
        for (int t : new int[] {0, 10, 250, 750}) {
            double expected = DiscreteSchedule.sigmoidAlphaBar((t + 1) / (double) T);
            assertEquals(expected, s.alphaBar(t), 1e-4 * expected + 1e-7, "alphaBar_" + t);
        }
        assertEquals(DiscreteSchedule.COSINE_MAX_BETA, s.posterior().beta(T - 1), 1e-6, "the last beta is capped");
    }

    @Test
    void scaledLinearIsLinearInTheSquareRootOfBeta() {
        DiscreteSchedule s = DiscreteSchedule.of(DiscreteSchedule.Kind.SCALED_LINEAR, T);
        assertEquals(0.00085, s.posterior().beta(0), 1e-9);
        assertEquals(0.012, s.posterior().beta(T - 1), 1e-8);
        double mid = Math.sqrt(0.00085) + (Math.sqrt(0.012) - Math.sqrt(0.00085)) * 500 / (T - 1);
        assertEquals(mid * mid, s.posterior().beta(500), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.of(DiscreteSchedule.Kind.LINEAR, 1));
    }

    @Test
    void qSampleAndPredictX0InvertEachOther() {
        DiscreteSchedule s = DiscreteSchedule.of(DiscreteSchedule.Kind.LINEAR, T);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.create(new float[] {0.5f, -1f, 2f, 0f}, new Shape(2, 2));
            NDArray noise = m.create(new float[] {1f, 0f, -1f, 0.25f}, new Shape(2, 2));
            NDArray t = m.create(new int[] {100, 100});
            NDArray xt = s.qSample(x0, t, noise);
            double a = s.alphaBar(100);
            assertEquals(Math.sqrt(a) * 0.5 + Math.sqrt(1 - a), xt.getFloat(0, 0), 1e-5);
            assertEquals(Math.sqrt(a) * 2 - Math.sqrt(1 - a), xt.getFloat(1, 0), 1e-5);
            NDArray back = s.predictX0(xt, noise, 100);
            assertEquals(0f, back.sub(x0).abs().max().getFloat(), 1e-5f);
        }
    }
}
