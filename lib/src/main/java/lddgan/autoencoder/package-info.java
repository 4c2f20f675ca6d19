/**
 * The first stage of LDDGAN (Sec. 4.2, Table 1; REFERENCE-CODE.md section 6): latent-diffusion's autoencoder, the
 * losses it is trained with, and the latent cache the diffusion GAN trains on.
 *
 * <ul>
 *   <li>{@link lddgan.autoencoder.AutoencoderConfig}: architecture presets {@code cifar10-f2} (KL, 14.65M),
 *       {@code celebahq-vq-f4} (VQ in the decoder, 55.32M), {@code lsun-kl-f8} (KL, 83.65M).
 *   <li>{@link lddgan.autoencoder.Autoencoder}: {@link lddgan.autoencoder.Encoder}, quant_conv, the
 *       {@link lddgan.autoencoder.Regularizer} ({@link lddgan.autoencoder.DiagonalGaussian} or
 *       {@link lddgan.autoencoder.VectorQuantizer}), post_quant_conv, {@link lddgan.autoencoder.Decoder}; built of
 *       {@link lddgan.autoencoder.ResnetBlock}s, {@link lddgan.autoencoder.Resampling} and
 *       {@link lddgan.nn.AttentionBlock#ldm}. It is a {@link lddgan.space.FirstStage}.
 *   <li>{@link lddgan.autoencoder.PerceptualLoss}: {@link lddgan.autoencoder.Lpips} (TorchScript, SHA-256 checked)
 *       or none. The patch discriminator and hinge loss are in {@code lddgan.discriminator}; the training loop is
 *       {@link lddgan.train.AutoencoderTrainer}.
 *   <li>{@link lddgan.autoencoder.ReconstructionEvaluation}: rFID, PSNR and {@link lddgan.autoencoder.LatentStatistics}.
 *   <li>{@link lddgan.autoencoder.LatentCache}: a dataset encoded once, tied to its autoencoder by
 *       {@link lddgan.autoencoder.AutoencoderIdentity}.
 * </ul>
 */
package lddgan.autoencoder;
