package lddgan.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import lddgan.schedule.DiscreteSchedule;
import org.junit.jupiter.api.Test;

/**
 * DDIM (Song et al. 2021, Eq. (12)) on an analytic data distribution, x0 ~ N(mu, s^2 I), with the exact
 * epsilon-predictor. The forward marginal is x_t ~ N(sqrt(aBar_t) mu, v_t I) with v_t = aBar_t s^2 + 1 - aBar_t (DDPM
 * Eq. (4)), and the minimum-MSE noise prediction is the posterior mean
 *
 * <pre>
 *   eps*(x_t, t) = E[eps | x_t] = sqrt(1 - aBar_t) (x_t - sqrt(aBar_t) mu) / v_t.
 * </pre>
 *
 * With eps* every DDIM step is affine in x_t (plus sigma_t noise for eta &gt; 0), so the sampled distribution is
 * Gaussian and a scalar recursion of its mean and variance gives it in closed form ({@link #closedForm}). The test
 * checks the sampler against that recursion (to float rounding for eta = 0, whose output is an affine map of x_T;
 * within sampling error for eta = 1), and the recursion's convergence to N(mu, s^2) as the number of steps grows.
 *
 * <p>The chain starts from the exact marginal at its first timestep (not from N(0, I): the scaled-linear schedule
 * ends at aBar_999 = 0.0047, whose mean offset sqrt(aBar) mu is not the sampler's error), on notebook 05's schedule
 * (LDM's scaled-linear, T = 1000). Two scales: unit variance (LDM's scaled latents) and s = 0.1, the standard deviation
 * of notebook 05's latent (LDDGAN's latent divided by its largest value). At s = 0.1 the last steps matter most: the
 * schedule's smallest noise level sqrt((1 - aBar_0) / aBar_0) = 0.029 is not small against s, and DDIM's last step
 * returns E[x0 | x_0], whose standard deviation is s^2 / sqrt(s^2 + 0.029^2) = 0.96 s even with infinitely many steps.
 */
class DdimGaussianConvergenceTest {
    private static final DiscreteSchedule SCHEDULE = DiscreteSchedule.of(DiscreteSchedule.Kind.SCALED_LINEAR, 1000);
    private static final int[] STEPS = {10, 20, 50, 100, 1000};
    /** 65,536 independent scalars: the relative sampling error of a standard deviation is 1 / sqrt(2 N) = 0.28 %. */
    private static final Shape SHAPE = new Shape(4096, 1, 4, 4);

    @Test
    void etaZeroConvergesToTheDataDistributionAtUnitScale() {
        double[] sdError = converge(0.5, 1.0, 0.0);
        assertTrue(sdError[3] < 0.015, "DDIM-100, eta 0: relative sd error " + sdError[3]);
        assertTrue(sdError[4] < 0.002, "DDIM-1000, eta 0: relative sd error " + sdError[4]);
    }

    @Test
    void etaOneConvergesToTheDataDistributionAtUnitScale() {
        double[] sdError = converge(0.5, 1.0, 1.0);
        assertTrue(sdError[3] < 0.035, "DDIM-100, eta 1: relative sd error " + sdError[3]);
        assertTrue(sdError[4] < 0.006, "DDIM-1000, eta 1: relative sd error " + sdError[4]);
    }

    @Test
    void bothConvergeAtTheLatentScaleOfNotebook05() {
        double[] deterministic = converge(0.05, 0.1, 0.0);
        double[] stochastic = converge(0.05, 0.1, 1.0);
        assertTrue(deterministic[3] < 0.18, "DDIM-100, eta 0: relative sd error " + deterministic[3]);
        assertTrue(deterministic[4] < 0.06, "DDIM-1000, eta 0: relative sd error " + deterministic[4]);
        for (int i = 0; i < STEPS.length; i++) {
            // with the exact predictor, the stochastic sampler is the less accurate one at every step count
            assertTrue(stochastic[i] > deterministic[i], STEPS[i] + " steps: eta 1 " + stochastic[i] + ", eta 0 " + deterministic[i]);
        }
    }

    /**
     * Samples N(mu, s^2) with DDIM at every step count of {@link #STEPS}, checks each result against the closed form and
     * the mean against mu, and checks that the standard deviation's error shrinks with the number of steps.
     *
     * @return |sd / s - 1| of the samples at each step count
     */
    private static double[] converge(double mu, double s, double eta) {
        double[] sdError = new double[STEPS.length];
        Denoiser exact = exactEpsilon(mu, s);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < STEPS.length; i++) {
                DdimSampler ddim = new DdimSampler(SCHEDULE, STEPS[i], eta);
                double[] expected = closedForm(STEPS[i], mu, s, eta);
                // x_T from the exact marginal at the first timestep, z standardised so that its sample moments are exact
                Engine.getInstance().setRandomSeed(11);
                NDArray z = m.randomNormal(SHAPE, DataType.FLOAT64);
                z = z.sub(z.mean()).div(z.sub(z.mean()).square().mean().sqrt()).toType(DataType.FLOAT32, false);
                double aBar = SCHEDULE.alphaBar(ddim.timesteps()[0]);
                NDArray xT = z.mul((float) Math.sqrt(aBar * s * s + 1 - aBar)).add((float) (Math.sqrt(aBar) * mu));
                Engine.getInstance().setRandomSeed(12);
                NDArray x0 = SamplingLoop.run(exact, ddim, xT).x0().toType(DataType.FLOAT64, false);
                double mean = x0.mean().getDouble();
                double sd = Math.sqrt(x0.sub(mean).square().mean().getDouble());
                System.out.printf("DDIM-%d, eta %.0f, x0 ~ N(%.2f, %.2f^2): mean %.5f (closed form %.5f), sd %.5f (closed form"
                        + " %.5f, relative error to s %+.4f)%n", STEPS[i], eta, mu, s, mean, expected[0], sd, expected[1], sd / s - 1);
                if (eta == 0) {
                    // an affine map of x_T, whose sample moments are exact: only float32 rounding is left
                    assertEquals(expected[0], mean, 2e-5 * (Math.abs(mu) + s), "mean at " + STEPS[i] + " steps");
                    assertEquals(expected[1], sd, 2e-5 * s, "sd at " + STEPS[i] + " steps");
                } else {
                    // fresh noise at every step: five standard errors of the sample mean and sd
                    double n = SHAPE.size();
                    assertEquals(expected[0], mean, 5 * expected[1] / Math.sqrt(n), "mean at " + STEPS[i] + " steps");
                    assertEquals(expected[1], sd, 5 * expected[1] / Math.sqrt(2 * n), "sd at " + STEPS[i] + " steps");
                }
                // the exact predictor keeps the mean at every step count
                assertEquals(mu, expected[0], 1e-9 * (Math.abs(mu) + s));
                sdError[i] = Math.abs(sd / s - 1);
                double closedError = Math.abs(expected[1] / s - 1);
                if (i > 0) {
                    double previous = Math.abs(closedForm(STEPS[i - 1], mu, s, eta)[1] / s - 1);
                    assertTrue(closedError < previous, "the sd error shrinks from " + STEPS[i - 1] + " to " + STEPS[i] + " steps");
                    assertTrue(sdError[i] < sdError[i - 1], "sampled: the sd error shrinks from " + STEPS[i - 1] + " to "
                            + STEPS[i] + " steps");
                }
            }
        }
        return sdError;
    }

    /** eps*(x_t, t) = sqrt(1 - aBar_t) (x_t - sqrt(aBar_t) mu) / (aBar_t s^2 + 1 - aBar_t). */
    private static Denoiser exactEpsilon(double mu, double s) {
        return (xt, step) -> {
            double aBar = SCHEDULE.alphaBar(step);
            double gain = Math.sqrt(1 - aBar) / (aBar * s * s + 1 - aBar);
            return xt.sub((float) (Math.sqrt(aBar) * mu)).mul((float) gain);
        };
    }

    /**
     * The mean and standard deviation of DDIM's output with the exact predictor after {@code steps} steps on the timesteps
     * (n-1) r, ..., r, 0 with r = T / n, from x_t ~ N(sqrt(aBar) mu, v) at the first: each step is x_prev = A x_t + B + sigma noise with eps* = c (x_t - sqrt(aBar_t) mu),
     * c = sqrt(1 - aBar_t) / v_t, x0' = (x_t - sqrt(1 - aBar_t) eps*) / sqrt(aBar_t) and
     * x_prev = sqrt(aBar_prev) x0' + sqrt(1 - aBar_prev - sigma^2) eps* + sigma noise (Eq. (12)).
     */
    private static double[] closedForm(int steps, double mu, double s, double eta) {
        int ratio = SCHEDULE.numSteps() / steps;
        double a0 = SCHEDULE.alphaBar((steps - 1) * ratio);
        double mean = Math.sqrt(a0) * mu;
        double variance = a0 * s * s + 1 - a0;
        for (int t = (steps - 1) * ratio; t >= 0; t -= ratio) {
            double a = SCHEDULE.alphaBar(t);
            double aPrev = t >= ratio ? SCHEDULE.alphaBar(t - ratio) : 1.0;
            double c = Math.sqrt(1 - a) / (a * s * s + 1 - a);
            double sigma = eta * Math.sqrt((1 - aPrev) / (1 - a)) * Math.sqrt(Math.max(0, 1 - a / aPrev));
            double k = Math.sqrt(1 - aPrev - sigma * sigma);
            // x0' = (1 - sqrt(1 - a) c) / sqrt(a) x_t + sqrt(1 - a) c mu; eps* = c x_t - c sqrt(a) mu
            double slope = Math.sqrt(aPrev) * (1 - Math.sqrt(1 - a) * c) / Math.sqrt(a) + k * c;
            double offset = Math.sqrt(aPrev) * Math.sqrt(1 - a) * c * mu - k * c * Math.sqrt(a) * mu;
            mean = slope * mean + offset;
            variance = slope * slope * variance + sigma * sigma;
        }
        return new double[] {mean, Math.sqrt(variance)};
    }
}
