/**
 * The first stage of LDDGAN: latent-diffusion's autoencoder, its perceptual loss, its evaluation, and the latent
 * cache.
 *
 * <ul>
 *   <li>{@link lddgan.autoencoder.AutoencoderConfig}: architecture presets {@code cifar10-f2} (KL, 14.65M),
 *       {@code celebahq-vq-f4} (VQ in the decoder, 55.32M), {@code lsun-kl-f8} (KL, 83.65M).
 *   <li>{@link lddgan.autoencoder.Autoencoder}: {@link lddgan.autoencoder.Encoder}, quant_conv, the
 *       {@link lddgan.autoencoder.Regularizer} ({@link lddgan.autoencoder.DiagonalGaussian} or
 *       {@link lddgan.autoencoder.VectorQuantizer}; NONE is the paper's "no KL"), post_quant_conv,
 *       {@link lddgan.autoencoder.Decoder}; built of {@link lddgan.autoencoder.ResnetBlock}s,
 *       {@link lddgan.autoencoder.Resampling} and {@link lddgan.nn.AttentionBlock#ldm}. It is a
 *       {@link lddgan.space.FirstStage}.
 *   <li>{@link lddgan.autoencoder.PerceptualLoss}: {@link lddgan.autoencoder.Lpips} (TorchScript, SHA-256 checked)
 *       or none. The other parts of the training loss live elsewhere: the adaptive weight in
 *       {@link lddgan.loss.AdaptiveWeight}, the patch discriminator and hinge loss in {@code lddgan.discriminator},
 *       the training loop in {@code lddgan.train.AutoencoderTrainer}.
 *   <li>{@link lddgan.autoencoder.ReconstructionEvaluation}: rFID, PSNR and
 *       {@link lddgan.autoencoder.LatentStatistics} (how far the latents are from N(0, I)).
 *   <li>{@link lddgan.autoencoder.LatentCache}: a dataset encoded once, tied to its autoencoder by
 *       {@link lddgan.autoencoder.AutoencoderIdentity}; production reads its header (the scale factor).
 * </ul>
 *
 * <p>Paper: Sec. 4.2 (VQGAN-style autoencoder, quantisation in the decoder, LPIPS and patch-adversarial losses, no
 * KL penalty), Table 1 (f, latent shape, rFID), Sec. 5.3.2 and Table 7 (KL vs no KL), Table 2 (the decoder counts in
 * LDDGAN's cost). Reference code: REFERENCE-CODE.md section 6 (the released configurations, which differ from the
 * paper: the CIFAR-10 one is an AutoencoderKL; see also section 0), section 4 (latents divided by the scale factor).
 *
 * <p>Layer 4 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data},
 * {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss}, {@code checkpoint}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 4.
 */
package lddgan.autoencoder;
