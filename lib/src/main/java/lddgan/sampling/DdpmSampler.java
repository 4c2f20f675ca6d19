package lddgan.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.stream.IntStream;
import lddgan.schedule.DiscreteSchedule;

/**
 * DDPM's ancestral sampler (Ho et al. 2020, Algorithm 2) for an epsilon-prediction network: at every timestep
 * t = T-1, ..., 0, x0' = (x_t - sqrt(1 - alphaBar_t) eps) / sqrt(alphaBar_t) and x_{t-1} ~ q(x_{t-1} | x_t, x0')
 * with the posterior variance beta-tilde_t (no noise at t = 0). T network evaluations: the 1000 NFE of LDDGAN
 * Table 3's DDPM row. No clipping of x0' (latent diffusion has no data range to clip to).
 */
public final class DdpmSampler implements Sampler {
    private final DiscreteSchedule schedule;

    /** The ancestral sampler of {@code schedule}. */
    public DdpmSampler(DiscreteSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** T-1, ..., 0. */
    @Override
    public int[] timesteps() {
        int n = schedule.numSteps();
        return IntStream.range(0, n).map(i -> n - 1 - i).toArray();
    }

    /** x_{t-1} = coef1_t x0' + coef2_t x_t + [t &gt; 0] sqrt(beta-tilde_t) noise, with x0' from the epsilon output. */
    @Override
    public StepResult step(NDArray modelOutput, int step, NDArray xt) {
        NDArray x0 = schedule.predictX0(xt, modelOutput, step);
        return new StepResult(schedule.posterior().samplePosterior(x0, xt, step), x0);
    }

    @Override
    public String toString() {
        return "DDPM ancestral, " + schedule.numSteps() + " steps";
    }
}
