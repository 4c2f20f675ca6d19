/**
 * The Gaussian latent diffusion baseline beside LDDGAN (LDDGAN Table 3's DDPM and DDIM rows; the LDM line of work,
 * Rombach et al. 2022): an epsilon-prediction U-Net ({@link lddgan.diffusion.EpsilonUNet}, the NCSN++ body without z)
 * trained with the simple objective E ||eps - eps_theta(x_t, t, y)||^2 in the same latent space, optionally
 * class-conditional with label dropout for classifier-free guidance ({@link lddgan.diffusion.ClassifierFreeGuidance}).
 * Its schedules are {@link lddgan.schedule.DiscreteSchedule}; its samplers {@link lddgan.sampling.DdpmSampler} and
 * {@link lddgan.sampling.DdimSampler}.
 */
package lddgan.diffusion;
