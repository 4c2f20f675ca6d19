package lddgan.sampling;

import ai.djl.ndarray.NDArray;

/**
 * A network seen by a sampler: the model output for x_t at a step (LDDGAN Algorithm 1:
 * x0' = G(x_t, z, t); for DDPM/DDIM an epsilon prediction). What the output means is the
 * {@link Sampler}'s business; a denoiser only predicts.
 */
@FunctionalInterface
public interface Denoiser {

    /**
     * Predicts the model output for the batch {@code xt} at sampler step {@code step}.
     *
     * @param xt (N, C, H, W) current sample x_t
     * @param step sampler step s in {0..T-1} (the index convention of {@link lddgan.schedule})
     * @return (N, C, H, W) model output (x0' for a GAN generator), in any manager; the
     *     {@link SamplingLoop} scopes it
     */
    NDArray predict(NDArray xt, int step);
}
