/**
 * Discriminators: the time-dependent discriminator D(x_k, k, x_{k+1}) of DDGAN, used unchanged by WDDGAN and LDDGAN,
 * and the patch discriminator of the autoencoder's adversarial loss.
 *
 * <ul>
 *   <li>{@link lddgan.discriminator.DiscriminatorConfig}: small (CIFAR-10) and large (256 px) variants and their
 *       presets.
 *   <li>{@link lddgan.discriminator.Discriminator}: the network, returning one logit per sample; its forward takes
 *       an {@link lddgan.nn.ActivationPattern} (what the R1 penalty replays).
 *   <li>{@link lddgan.discriminator.DownConvBlock}: the residual block with an optional FIR downsample.
 *   <li>{@link lddgan.discriminator.MinibatchStd}: StyleGAN's minibatch standard-deviation channel.
 * </ul>
 * Its losses and the R1 penalty are in {@code lddgan.loss} ({@link lddgan.loss.GanLosses},
 * {@link lddgan.loss.R1Penalty}).
 *
 * <p>The autoencoder's adversarial loss has its own discriminator (LDM / taming-transformers):
 * <ul>
 *   <li>{@link lddgan.discriminator.PatchGanDiscriminator}: taming's {@code NLayerDiscriminator} (PatchGAN with
 *       BatchNorm), one logit per patch;
 *   <li>{@link lddgan.discriminator.HingeLoss}: taming's {@code hinge_d_loss} and the generator's -mean D(x').
 * </ul>
 *
 * <p>Paper: Table 9 (the time-dependent discriminator; 3 ResBlocks for CIFAR-10, 4 for CelebA-HQ and LSUN); Sec. 4.2
 * (the autoencoder's patch-based adversarial loss). Reference code: REFERENCE-CODE.md section 3 (DDGAN
 * {@code discriminator.py}), section 0 (the CIFAR-10 discriminator's blocks), section 6 (the patch discriminator:
 * hinge, 3 layers).
 *
 * <p>Layer 4 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data},
 * {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss}, {@code checkpoint}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 4.
 */
package lddgan.discriminator;
