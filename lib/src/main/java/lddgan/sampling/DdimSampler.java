package lddgan.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Objects;
import lddgan.schedule.DiscreteSchedule;

/**
 * DDIM (Song et al. 2021, Eq. (12)) for an epsilon-prediction network on a sub-sequence of the training timesteps:
 * with n steps, step ratio r = T / n (integer division), timesteps (n-1) r, ..., r, 0 (diffusers' "leading" spacing,
 * offset 0), and at each t with previous timestep t - r (alphaBar = 1 below 0):
 *
 * <pre>
 * x0'    = (x_t - sqrt(1 - aBar_t) eps) / sqrt(aBar_t)
 * sigma  = eta sqrt((1 - aBar_prev) / (1 - aBar_t)) sqrt(1 - aBar_t / aBar_prev)
 * x_prev = sqrt(aBar_prev) x0' + sqrt(1 - aBar_prev - sigma^2) eps + sigma noise
 * </pre>
 *
 * eta = 0 is deterministic (the DDIM of LDDGAN Table 3, 50 NFE); eta = 1 with every timestep is DDPM's ancestral
 * sampler (same mean and variance; {@code DiscreteSamplersTest} checks both).
 */
public final class DdimSampler implements Sampler {
    private final DiscreteSchedule schedule;
    private final int numSteps;
    private final double eta;
    private final int ratio;

    /**
     * A DDIM sampler.
     *
     * @param schedule the training schedule (T timesteps)
     * @param numSteps n, the number of network evaluations, 1..T
     * @param eta the stochasticity, 0 (deterministic) .. 1 (DDPM-like)
     */
    public DdimSampler(DiscreteSchedule schedule, int numSteps, double eta) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (numSteps < 1 || numSteps > schedule.numSteps()) {
            throw new IllegalArgumentException("DDIM steps must be in [1, " + schedule.numSteps() + "], got " + numSteps);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("DDIM eta must be in [0, 1], got " + eta);
        }
        this.numSteps = numSteps;
        this.eta = eta;
        this.ratio = schedule.numSteps() / numSteps;
    }

    /** (n-1) r, ..., r, 0. */
    @Override
    public int[] timesteps() {
        int[] t = new int[numSteps];
        for (int i = 0; i < numSteps; i++) {
            t[i] = (numSteps - 1 - i) * ratio;
        }
        return t;
    }

    /** alphaBar of the timestep after {@code step} in sampling order (1 past the clean end). */
    double alphaBarPrev(int step) {
        int prev = step - ratio;
        return prev >= 0 ? schedule.alphaBar(prev) : 1.0;
    }

    /** sigma_t of the update (0 when eta = 0). */
    double sigma(int step) {
        double a = schedule.alphaBar(step);
        double aPrev = alphaBarPrev(step);
        return eta * Math.sqrt((1 - aPrev) / (1 - a)) * Math.sqrt(Math.max(0, 1 - a / aPrev));
    }

    /** One DDIM update from the epsilon output (Eq. (12)). */
    @Override
    public StepResult step(NDArray modelOutput, int step, NDArray xt) {
        NDArray x0 = schedule.predictX0(xt, modelOutput, step);
        double aPrev = alphaBarPrev(step);
        double sigma = sigma(step);
        NDManager out = xt.getManager();
        try (NDManager scope = out.newSubManager()) {
            NDArray xPrev = x0.mul(scalar(scope, Math.sqrt(aPrev)))
                    .add(modelOutput.mul(scalar(scope, Math.sqrt(Math.max(0, 1 - aPrev - sigma * sigma)))));
            if (sigma > 0) {
                xPrev = xPrev.add(scope.randomNormal(xt.getShape(), DataType.FLOAT32).mul(scalar(scope, sigma)));
            }
            xPrev.attach(out);
            return new StepResult(xPrev, x0);
        }
    }

    private static NDArray scalar(NDManager scope, double value) {
        return scope.full(new Shape(), (float) value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DDIM, %d steps (ratio %d), eta %.2f", numSteps, ratio, eta);
    }
}
