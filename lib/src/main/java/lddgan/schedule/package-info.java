/**
 * Noise schedules: the forward process q(x_t | x_{t-1}) and the posterior q(x_{t-1} | x_t, x0) as pure math in plain
 * Java arrays, plus the few DJL operations that use them ({@code qSample}, {@code qSamplePairs}, {@code posteriorMean},
 * {@code samplePosterior}).
 *
 * <ul>
 *   <li>{@link lddgan.schedule.FewStepVpSchedule}: the few-step VP schedule of DDGAN, WDDGAN and LDDGAN (T &lt;= 8,
 *       large betas), float32 as the reference; draws the training pairs ({@link lddgan.schedule.TrainingPair}).
 *   <li>{@link lddgan.schedule.Posterior}: coef1, coef2 and the variance of q(x_{t-1} | x_t, x0), the sampler's step.
 *   <li>{@link lddgan.schedule.DiscreteSchedule}: the 1000-step linear, scaled-linear and cosine schedules of the
 *       Gaussian diffusion baseline (DDPM, DDIM).
 *   <li>{@link lddgan.schedule.DiffusionSchedule}: what samplers see of either; {@code CoefficientLookup} is the
 *       reference's {@code extract(table, t, shape)}.
 * </ul>
 *
 * <p>Paper: LDDGAN Sec. 4 (few-step denoising in latent space, T &lt;= 8) and Algorithm 1; Table 10 (T per dataset);
 * Table 3's DDPM and DDIM rows for the discrete schedules. Reference code: REFERENCE-CODE.md section 1, identical for
 * DDGAN, WDDGAN and LDDGAN (with the values for T = 4 and T = 2). Predecessors: DDGAN (Xiao et al., ICLR 2022)
 * Sec. 3, Eq. (1)-(4); DDPM Eq. (4), (6)-(7).
 *
 * <p>Layer 2 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config} (and the JDK, DJL, Jackson, Tablesaw,
 * XChart, EJML); not {@code nn} or {@code data}, its neighbours in layer 2.
 *
 * <h2>Glossary (paper symbol -&gt; Java name)</h2>
 * <table>
 *   <caption>Names used across the library and the notebooks</caption>
 *   <tr><th>paper</th><th>code</th><th>meaning</th></tr>
 *   <tr><td>x_0</td><td>{@code x0}</td><td>clean data (pixels, wavelet bands or latents)</td></tr>
 *   <tr><td>x_0'</td><td>{@code predictedX0}</td><td>the generator's (or sampler's) estimate of x_0</td></tr>
 *   <tr><td>x_t</td><td>{@code xt}</td><td>the noisier sample of a pair, the sampler's current sample</td></tr>
 *   <tr><td>x_{t-1}</td><td>{@code xPrev}</td><td>the less noisy sample of a pair, the sampler's next sample</td></tr>
 *   <tr><td>beta_t</td><td>{@code beta}</td><td>variance of the transition x_{t-1} -&gt; x_t</td></tr>
 *   <tr><td>alpha_t = 1 - beta_t</td><td>{@code alpha}</td><td></td></tr>
 *   <tr><td>alpha-bar_t = prod alpha_s</td><td>{@code alphaBar}</td><td>signal power of x_t given x_0</td></tr>
 *   <tr><td>z</td><td>{@code z}</td><td>the generator's latent noise, z ~ N(0, I)</td></tr>
 *   <tr><td>epsilon</td><td>{@code noise}</td><td>Gaussian noise of the forward process</td></tr>
 *   <tr><td>t (index)</td><td>{@code int step}</td><td>a 0-based timestep index</td></tr>
 *   <tr><td>t (continuous)</td><td>{@code double time}</td><td>continuous time of the VP SDE, in [eps, 1]</td></tr>
 *   <tr><td>T</td><td>{@code numSteps}</td><td>number of denoising steps (NFE of the sampler)</td></tr>
 * </table>
 *
 * <h2>Step indices</h2>
 * A sampler {@code step} s in {0..T-1} is the index of x_t in the per-step tables of
 * {@link lddgan.schedule.Posterior}: x_t has signal power {@code alphaBar(s)} and the posterior at s
 * gives x_{t-1}. This is the reference code's convention (the paper's t = s + 1), the one the
 * generator and discriminator receive, and the one of 1000-step DDPM/DDIM schedules
 * (diffusers' timestep index). The few-step VP schedule additionally exposes the reference's
 * (T+1)-long tables indexed by {@code k = 0..T}, where k = 0 is the (almost) clean data; see
 * {@link lddgan.schedule.FewStepVpSchedule}.
 */
package lddgan.schedule;
