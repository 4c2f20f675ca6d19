/**
 * Data spaces: where the GAN diffuses and denoises. Images are (N, 3, H, W) in [-1, 1]; a
 * {@link lddgan.space.DataSpace} maps them to the space of the generator and back.
 *
 * <ul>
 *   <li>{@link lddgan.space.PixelSpace}: DDGAN, the identity.
 *   <li>{@link lddgan.space.WaveletSpace}: WDDGAN, a one-level orthonormal Haar transform
 *       ({@link lddgan.space.HaarWavelet}) divided by 2 (REFERENCE-CODE.md section 5).
 *   <li>{@link lddgan.space.LatentSpace}: LDDGAN Sec. 4.2, x0 = E(X0) / scale, X0 = D(x0'), with
 *       the {@link lddgan.space.FirstStage} of a pretrained autoencoder; its encoder may be
 *       stochastic (a KL posterior sample, REFERENCE-CODE.md sections 4 and 6).
 * </ul>
 */
package lddgan.space;
