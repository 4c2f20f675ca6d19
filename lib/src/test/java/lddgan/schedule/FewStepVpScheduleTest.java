package lddgan.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Golden values: the T = 4 and T = 2 tables of REFERENCE-CODE.md section 1. */
class FewStepVpScheduleTest {
    private static final double TOL = 1e-6;

    private static void assertTable(String name, double[] expected, IntToDoubleFunction actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.applyAsDouble(i), tol, name + "[" + i + "]");
        }
    }

    @Test
    void forwardTablesMatchReferenceForT4() {
        FewStepVpSchedule s = FewStepVpSchedule.of(4);
        assertEquals(4, s.numSteps());
        assertTable("t", new double[] {0.001, 0.25075, 0.5005, 0.75025, 1.0}, s::time, TOL);
        assertTable("betas", new double[] {1e-8, 0.47825530, 0.84920603, 0.95641768, 0.98740393}, s::beta, TOL);
        assertTable("sigmas", new double[] {1e-4, 0.69156003, 0.92152375, 0.97796607, 0.99368203}, s::sigma, TOL);
        assertTable("a_s", new double[] {1.0, 0.72231900, 0.38832200, 0.20876380, 0.11223222}, s::sqrtAlpha, TOL);
        assertTable("a_s_cum", new double[] {1.0, 0.72231900, 0.28049237, 0.05855665, 0.00657194},
                s::sqrtAlphaBar, TOL);
        assertTable("sigmas_cum", new double[] {0, 0.69156003, 0.95985630, 0.99828410, 0.99997836},
                s::sqrtOneMinusAlphaBar, TOL);
    }

    @Test
    void posteriorTablesMatchReferenceForT4() {
        Posterior p = FewStepVpSchedule.of(4).posterior();
        assertEquals(4, p.numSteps());
        assertTable("abar'", new double[] {0.52174473, 0.078675956, 0.0034288806, 4.3190e-5}, p::alphaBar, TOL);
        assertTable("abar'_prev", new double[] {1, 0.5217447, 0.07867596, 0.00342888}, p::alphaBarPrev, TOL);
        assertTable("coef1", new double[] {1.0, 0.66577846, 0.26919085, 0.05782156}, p::coef1, TOL);
        assertTable("coef2", new double[] {0, 0.20157626, 0.19300087, 0.11185222}, p::coef2, TOL);
        assertTable("var", new double[] {0, 0.44081914, 0.88420240, 0.98406076}, p::variance, TOL);
        assertEquals(-46.0517, p.logVarianceClipped(0), 1e-4, "logvar[0]");
        assertTable("logvar[1:]", new double[] {-0.81912059, -0.12306926, -0.01606763},
                i -> p.logVarianceClipped(i + 1), TOL);
        // b' = betas[1:] and a' = 1 - b'
        FewStepVpSchedule s = FewStepVpSchedule.of(4);
        for (int i = 0; i < 4; i++) {
            assertEquals(s.beta(i + 1), p.beta(i), 0.0, "beta'[" + i + "]");
            assertEquals(1 - s.beta(i + 1), p.alpha(i), TOL, "alpha'[" + i + "]");
        }
    }

    @Test
    void tablesMatchReferenceForT2() {
        FewStepVpSchedule s = FewStepVpSchedule.of(2);
        Posterior p = s.posterior();
        assertTable("t", new double[] {0.001, 0.5005, 1.0}, s::time, TOL);
        assertTable("betas", new double[] {1e-8, 0.92132401, 0.99945104}, s::beta, TOL);
        assertTable("a_s_cum", new double[] {1, 0.2804924, 0.0065719}, s::sqrtAlphaBar, TOL);
        assertTable("sigmas_cum", new double[] {0, 0.9598563, 0.99997836}, s::sqrtOneMinusAlphaBar, TOL);
        assertTable("coef1", new double[] {1, 0.28035054}, p::coef1, TOL);
        assertTable("coef2", new double[] {0, 0.02158743}, p::coef2, TOL);
        assertTable("var", new double[] {0, 0.9208581}, p::variance, TOL);
        assertEquals(-46.0517, p.logVarianceClipped(0), 1e-4);
        assertEquals(-0.08244934, p.logVarianceClipped(1), TOL);
    }

    @Test
    void closedFormsHoldForEveryT() {
        for (int t = 1; t <= 8; t++) {
            FewStepVpSchedule s = FewStepVpSchedule.of(t);
            assertEquals(0.001, s.time(0), 1e-12);
            assertEquals(1.0, s.time(t), 1e-12);
            for (int k = 0; k <= t; k++) {
                double a = s.sqrtAlphaBar(k);
                assertEquals(1.0, a * a + s.sqrtOneMinusAlphaBar(k) * s.sqrtOneMinusAlphaBar(k), 1e-6);
                assertEquals(1.0, s.sigma(k) * s.sigma(k) + s.sqrtAlpha(k) * s.sqrtAlpha(k), 1e-6);
            }
            // the product of the T transitions telescopes: alphaBar(t_T) / alphaBar(t_0) of the VP SDE,
            // alphaBar(t) = exp(-0.5 t^2 (beta_max - beta_min) - t beta_min)
            double expected = vpAlphaBar(1.0) / vpAlphaBar(0.001);
            // (relative 1e-3: float32 1 - beta_k loses digits when beta_k is close to 1, as in the reference)
            assertEquals(expected, s.posterior().alphaBar(t - 1), 1e-3 * expected);
            assertEquals(0.0, s.posterior().variance(0), 0.0);
            assertEquals(1.0, s.posterior().coef1(0), 0.0);
            for (int step = 1; step < t; step++) {
                assertTrue(s.posterior().variance(step) > 0 && s.posterior().variance(step) < s.posterior().beta(step));
            }
        }
    }

    private static double vpAlphaBar(double time) {
        return Math.exp(-0.5 * time * time * (20 - 0.1) - time * 0.1);
    }

    @Test
    void rejectsInvalidConfigAndIndices() {
        assertThrows(IllegalArgumentException.class, () -> FewStepVpSchedule.Config.reference(0));
        assertThrows(IllegalArgumentException.class, () -> new FewStepVpSchedule.Config(0.1, 0.05, 4, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new FewStepVpSchedule.Config(0, 20, 4, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new FewStepVpSchedule.Config(0.1, 20, 4, 1.5));
        FewStepVpSchedule s = FewStepVpSchedule.of(4);
        assertThrows(IllegalArgumentException.class, () -> s.beta(5));
        assertThrows(IllegalArgumentException.class, () -> s.posterior().coef1(4));
        assertThrows(IllegalArgumentException.class, () -> Posterior.fromBetas(new float[0]));
        assertThrows(IllegalArgumentException.class, () -> Posterior.fromBetas(new float[] {0.5f, 1.5f}));
        assertEquals(8, FewStepVpSchedule.Config.reference(4).withNumSteps(8).numSteps());
    }
}
