package lddgan.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.stream.IntStream;
import lddgan.schedule.DiffusionSchedule;
import lddgan.schedule.Posterior;

/**
 * The sampler of DDGAN, WDDGAN and LDDGAN (LDDGAN Algorithm 1; DDGAN Sec. 3; REFERENCE-CODE.md
 * section 1 "Sampling"): the model output is x0' and x_{t-1} ~ q(x_{t-1} | x_t, x0'), visiting
 * every step T-1, ..., 0; no noise at step 0, where x_{t-1} = x0' exactly.
 */
public final class PosteriorSampler implements Sampler {
    private final Posterior posterior;

    /** The sampler of {@code schedule}'s posterior (e.g. {@code FewStepVpSchedule.of(4)}). */
    public PosteriorSampler(DiffusionSchedule schedule) {
        this.posterior = Objects.requireNonNull(schedule, "schedule").posterior();
    }

    /** T-1, T-2, ..., 0. */
    @Override
    public int[] timesteps() {
        int n = posterior.numSteps();
        return IntStream.range(0, n).map(i -> n - 1 - i).toArray();
    }

    /**
     * x_{t-1} = coef1_s x0' + coef2_s x_t + [s &gt; 0] sigma_s noise (DDPM Eq. (7)), with
     * {@code modelOutput} = x0'.
     */
    @Override
    public StepResult step(NDArray modelOutput, int step, NDArray xt) {
        NDArray xPrev = posterior.samplePosterior(modelOutput, xt, step);
        return new StepResult(xPrev, modelOutput);
    }
}
