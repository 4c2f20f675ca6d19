/**
 * Building blocks shared by the networks (generators, discriminators, autoencoder, epsilon network), written as DJL
 * blocks, and the DJL helpers every network needs.
 *
 * <ul>
 *   <li>Norms: {@link lddgan.nn.GroupNorm} (DJL has none) and {@link lddgan.nn.AdaptiveGroupNorm}, the paper's
 *       "adaptive group normalisation" driven by the z embedding; {@link lddgan.nn.AdaptiveLayerNorm}, its token
 *       counterpart for the ViT generator; {@link lddgan.nn.PixelNorm}, the first layer of the z mapping network.
 *   <li>Time: {@link lddgan.nn.SinusoidalEmbedding} and {@link lddgan.nn.TimestepEmbedding}, the timestep k as a
 *       vector.
 *   <li>Resampling: {@link lddgan.nn.Fir} and {@link lddgan.nn.FirConvDownsample}, FIR with the kernel [1, 3, 3, 1];
 *       {@link lddgan.nn.Resample}, a residual block's option.
 *   <li>Attention: {@link lddgan.nn.AttentionBlock} (single head over pixels: NCSN++'s {@code AttnBlockpp} and LDM's
 *       {@code AttnBlock}) and {@link lddgan.nn.MultiHeadSelfAttention} (U-ViT's, over tokens).
 *   <li>Layers and initialisation: {@link lddgan.nn.Layers} and {@link lddgan.nn.VarianceScaling}, convolutions and
 *       dense layers with the reference initialisations; {@link lddgan.nn.Nonlinearity};
 *       {@link lddgan.nn.ActivationPattern}, LeakyReLU slopes recorded and replayed (what the R1 penalty needs).
 *   <li>Structure and cost: {@link lddgan.nn.ComposedBlock}, a network whose layout is fixed when it is built;
 *       {@link lddgan.nn.NetworkStats}, parameter counts and analytic multiply-accumulates (Table 2's "FLOPs").
 *   <li>DJL hygiene: {@link lddgan.nn.Scoped} (one memory scope per computation), {@link lddgan.nn.Scalars}
 *       (constants that are safe under autograd), {@link lddgan.nn.TorchScript} (loading exported networks: the FID
 *       Inception network, LPIPS).
 * </ul>
 *
 * <p>Paper: Table 8 (generator), Table 9 (discriminator), Table 2 (cost). Reference code: REFERENCE-CODE.md sections 2
 * (generator blocks, "Init", "Attention", FIR), 3 (discriminator), 6 (autoencoder) and 8 (U-ViT); the reference
 * modules are {@code layers.py}, {@code layerspp.py}, {@code dense_layer.py} and {@code up_or_down_sampling.py} of
 * DDGAN/score_sde.
 *
 * <p>Layer 2 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config} (and the JDK, DJL, Jackson, Tablesaw,
 * XChart, EJML); not {@code schedule} or {@code data}, its neighbours in layer 2.
 */
package lddgan.nn;
