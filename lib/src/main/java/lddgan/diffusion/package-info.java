/**
 * The Gaussian latent diffusion baseline beside LDDGAN (the LDM line of work, Rombach et al. 2022): an
 * epsilon-prediction U-Net ({@link lddgan.diffusion.EpsilonUNet}, configured by
 * {@link lddgan.diffusion.EpsilonUNetConfig}: the NCSN++ body without z) trained with the simple objective
 * E ||eps - eps_theta(x_t, t, y)||^2 in the same latent space, optionally class-conditional with label dropout for
 * classifier-free guidance ({@link lddgan.diffusion.ClassifierFreeGuidance}, the network as a
 * {@link lddgan.sampling.Denoiser}). Its schedules are {@link lddgan.schedule.DiscreteSchedule}; its samplers
 * {@link lddgan.sampling.DdpmSampler} and {@link lddgan.sampling.DdimSampler}; its training loop
 * {@code lddgan.train.DiffusionTrainer}.
 *
 * <p>Paper: Table 3's DDPM (1000 NFE) and DDIM (50 NFE) rows, trained here in LDDGAN's latent. Reference code: not
 * in REFERENCE-CODE.md, except the NCSN++ body (section 2). Predecessors: DDPM Eq. (14); Ho &amp; Salimans 2022
 * (guidance).
 *
 * <p>Layer 4 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data},
 * {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss}, {@code checkpoint}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 4.
 */
package lddgan.diffusion;
