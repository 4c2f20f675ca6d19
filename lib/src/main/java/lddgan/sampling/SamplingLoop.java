package lddgan.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * The sampling loop joining a {@link Denoiser} and a {@link Sampler} (LDDGAN Algorithm 1 for the
 * {@link PosteriorSampler}): x_T ~ N(0, I); for each step s of {@code sampler.timesteps()}:
 * model output = denoiser(x_t, s), x_t = sampler.step(...).xPrev. Each step runs in its own
 * NDManager scope; only the new x_t is attached outward, so memory stays flat over the steps.
 */
public final class SamplingLoop {
    private SamplingLoop() {
    }

    /**
     * Samples from x_T ~ N(0, I) of the given shape, drawn from {@code manager} (seed with
     * {@code Engine.getInstance().setRandomSeed}).
     *
     * @param shape (N, C, H, W) of the GAN's space (e.g. 4x16x16 latents for LDDGAN CIFAR-10)
     * @return the final sample (attached to {@code manager}) and the NFE
     */
    public static SamplingResult run(Denoiser denoiser, Sampler sampler, NDManager manager, Shape shape) {
        NDArray xT = manager.randomNormal(shape, DataType.FLOAT32);
        SamplingResult result = run(denoiser, sampler, xT);
        xT.close();
        return result;
    }

    /**
     * Samples from the given x_T (left untouched, still owned by the caller).
     *
     * @return the final sample (attached to {@code xT}'s manager) and the NFE
     */
    public static SamplingResult run(Denoiser denoiser, Sampler sampler, NDArray xT) {
        Objects.requireNonNull(denoiser, "denoiser");
        Objects.requireNonNull(xT, "xT");
        int[] timesteps = sampler.timesteps();
        if (timesteps.length == 0) {
            throw new IllegalArgumentException("the sampler visits no step");
        }
        NDManager out = xT.getManager();
        NDArray xt = xT;
        int nfe = 0;
        for (int step : timesteps) {
            try (NDManager scope = out.newSubManager()) {
                // 1. scope the current sample: the caller's x_T only temporarily, our own x_t for good
                if (xt == xT) {
                    xt.tempAttach(scope);
                } else {
                    xt.attach(scope);
                }
                // 2. predict (one network evaluation), 3. step
                NDArray modelOutput = denoiser.predict(xt, step);
                nfe++;
                NDArray xPrev = sampler.step(modelOutput, step, xt).xPrev();
                // 4. only x_{t-1} leaves the scope
                xPrev.attach(out);
                xt = xPrev;
            }
        }
        return new SamplingResult(xt, nfe);
    }
}
