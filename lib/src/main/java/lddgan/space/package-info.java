/**
 * Data spaces: where the GAN diffuses and denoises. Images are (N, 3, H, W) in [-1, 1]; a
 * {@link lddgan.space.DataSpace} maps them to the space of the generator ({@code encode}, for training) and back
 * ({@code decode}, after sampling).
 *
 * <ul>
 *   <li>{@link lddgan.space.PixelSpace}: DDGAN, the identity.
 *   <li>{@link lddgan.space.WaveletSpace}: WDDGAN, a one-level orthonormal Haar transform
 *       ({@link lddgan.space.HaarWavelet}) divided by 2.
 *   <li>{@link lddgan.space.LatentSpace}: LDDGAN, x0 = E(X0) / scale, X0 = D(x0'), with the
 *       {@link lddgan.space.FirstStage} of a pretrained autoencoder (implemented by {@code lddgan.autoencoder});
 *       its encoder may be stochastic (a KL posterior sample).
 *   <li>{@link lddgan.space.SpaceKind}: which of the three a preset names; {@link lddgan.space.Shapes}: shared shape
 *       checks.
 * </ul>
 *
 * <p>Paper: Sec. 4 and 4.2 (diffusion in the latent space of an autoencoder, x0 = E(X0)); Algorithm 1 (X0 =
 * Decoder(x0')); Table 2 (LDDGAN's cost includes the decoder). Reference code: REFERENCE-CODE.md sections 0 (the
 * spaces of the three models), 4 (latents encoded without gradient, divided by the scale factor), 5 (WDDGAN's
 * wavelets) and 6 (the autoencoders).
 *
 * <p>Layer 3 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 3.
 */
package lddgan.space;
