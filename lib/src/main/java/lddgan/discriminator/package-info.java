/**
 * Discriminators. The time-dependent discriminator D(x_k, k, x_{k+1}) of DDGAN, used unchanged by WDDGAN and LDDGAN
 * (LDDGAN Table 9; DDGAN {@code discriminator.py}; REFERENCE-CODE.md section 3).
 *
 * <ul>
 *   <li>{@link lddgan.discriminator.DiscriminatorConfig}: small (CIFAR-10) and large (256 px) variants
 *       and their presets.
 *   <li>{@link lddgan.discriminator.Discriminator}: the network, returning one logit per sample.
 *   <li>{@link lddgan.discriminator.DownConvBlock}: the residual block with an optional FIR downsample.
 *   <li>{@link lddgan.discriminator.MinibatchStd}: StyleGAN's minibatch standard-deviation channel.
 * </ul>
 *
 * <p>The autoencoder's adversarial loss has its own discriminator (LDM / taming-transformers; REFERENCE-CODE.md
 * section 6):
 * <ul>
 *   <li>{@link lddgan.discriminator.PatchGanDiscriminator}: taming's {@code NLayerDiscriminator} (PatchGAN with
 *       BatchNorm), one logit per patch;
 *   <li>{@link lddgan.discriminator.HingeLoss}: taming's {@code hinge_d_loss} and the generator's -mean D(x').
 * </ul>
 */
package lddgan.discriminator;
