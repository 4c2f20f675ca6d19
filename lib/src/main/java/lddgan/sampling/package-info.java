/**
 * Sampling: networks predict, samplers step (the diffusers/EDM split, STYLE.md).
 *
 * <ul>
 *   <li>{@link lddgan.sampling.Denoiser}: a network wrapped as "model output for x_t at step s": the GAN generator's
 *       x0' with a fresh z per call ({@link lddgan.sampling.GanDenoiser}); the baseline's epsilon network is one
 *       too ({@code lddgan.diffusion.ClassifierFreeGuidance}).
 *   <li>{@link lddgan.sampling.Sampler}: one algorithm's update x_t -&gt; x_{t-1} from a model output
 *       ({@link lddgan.sampling.StepResult}): {@link lddgan.sampling.PosteriorSampler} for DDGAN/WDDGAN/LDDGAN,
 *       {@link lddgan.sampling.DdpmSampler} and {@link lddgan.sampling.DdimSampler} for the Gaussian baseline.
 *   <li>{@link lddgan.sampling.SamplingLoop}: the few-line loop joining them, one NDManager scope per step,
 *       counting network evaluations ({@link lddgan.sampling.SamplingResult}: x0 and the NFE).
 * </ul>
 *
 * <p>Paper: LDDGAN Algorithm 1; Table 3's NFE column (T for LDDGAN, 1000 for DDPM, 50 for DDIM). Reference code:
 * REFERENCE-CODE.md section 1 "Sampling". Predecessors: DDGAN Sec. 3 (sampling by the posterior of a predicted x0);
 * DDPM Algorithm 2; DDIM Eq. (12). Names follow the glossary of {@link lddgan.schedule}.
 *
 * <p>Layer 3 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 3.
 */
package lddgan.sampling;
