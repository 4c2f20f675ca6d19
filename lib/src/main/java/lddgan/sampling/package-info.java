/**
 * Sampling: networks predict, samplers step (the diffusers/EDM split, STYLE.md).
 *
 * <ul>
 *   <li>{@link lddgan.sampling.Denoiser}: a network wrapped as "model output for x_t at step s"
 *       (the GAN generator's x0' with a fresh z per call: {@link lddgan.sampling.GanDenoiser};
 *       later an epsilon network for DDPM/DDIM).
 *   <li>{@link lddgan.sampling.Sampler}: one algorithm's update x_t -&gt; x_{t-1} from a model
 *       output ({@link lddgan.sampling.PosteriorSampler} for DDGAN/WDDGAN/LDDGAN; later DDPM and
 *       DDIM samplers implement the same contract).
 *   <li>{@link lddgan.sampling.SamplingLoop}: the few-line loop joining them, one NDManager scope per
 *       step, counting network evaluations (NFE).
 * </ul>
 *
 * Source: LDDGAN Algorithm 1 (Sec. 4); DDGAN Sec. 3 (sampling by the posterior of a predicted x0);
 * REFERENCE-CODE.md section 1 "Sampling". Names follow the glossary of {@link lddgan.schedule}.
 */
package lddgan.sampling;
