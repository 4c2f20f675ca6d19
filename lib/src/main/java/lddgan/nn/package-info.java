/**
 * Building blocks shared by the generator and the discriminator, written as DJL blocks
 * (REFERENCE-CODE.md sections 2 and 3; the reference modules are {@code layers.py},
 * {@code layerspp.py}, {@code dense_layer.py} and {@code up_or_down_sampling.py} of DDGAN/score_sde).
 *
 * <ul>
 *   <li>{@link lddgan.nn.GroupNorm} and {@link lddgan.nn.AdaptiveGroupNorm}: DJL has no GroupNorm;
 *       the adaptive one is the paper's "adaptive group normalisation" driven by the z embedding.
 *   <li>{@link lddgan.nn.SinusoidalEmbedding} and {@link lddgan.nn.TimestepEmbedding}: the
 *       timestep k as a vector.
 *   <li>{@link lddgan.nn.PixelNorm}: the first layer of the z mapping network.
 *   <li>{@link lddgan.nn.Fir} and {@link lddgan.nn.FirConvDownsample}: FIR resampling with the
 *       kernel [1, 3, 3, 1].
 *   <li>{@link lddgan.nn.Layers} and {@link lddgan.nn.VarianceScaling}: convolutions and dense
 *       layers with the reference initialisations.
 *   <li>{@link lddgan.nn.NetworkStats}: parameter counts and analytic FLOPs of a built network.
 * </ul>
 */
package lddgan.nn;
