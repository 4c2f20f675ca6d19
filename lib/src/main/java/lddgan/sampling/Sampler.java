package lddgan.sampling;

import ai.djl.ndarray.NDArray;

/**
 * One sampling algorithm: which steps it visits and how it turns a model output into x_{t-1}
 * (the diffusers scheduler contract: {@code timesteps}, {@code step(model_output, t, sample)}).
 * Swapping samplers is a one-line change in the caller; the network never knows which one runs.
 */
public interface Sampler {

    /**
     * The sampler steps in the order they are visited, noisiest first (T-1, ..., 0 for
     * LDDGAN Algorithm 1). Every value is a valid {@code step} for {@link #step}. A fresh copy.
     */
    int[] timesteps();

    /**
     * One update x_t -&gt; x_{t-1}.
     *
     * @param modelOutput the {@link Denoiser}'s output for {@code xt} at {@code step}
     * @param step the current step, one of {@link #timesteps()}
     * @param xt (N, C, H, W) the current sample
     * @return x_{t-1}, attached to {@code xt}'s manager, and the predicted x0 (which may be
     *     {@code modelOutput} itself), both with the shape of {@code xt}
     */
    StepResult step(NDArray modelOutput, int step, NDArray xt);
}
