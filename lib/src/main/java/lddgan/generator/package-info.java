/**
 * The generators x0' = G(x_{k+1}, k, z) of LDDGAN, DDGAN and WDDGAN: NCSN++ (Song et al., 2021) with adaptive group
 * normalisation driven by a z mapping network, and the U-ViT generator of the backbone comparison.
 *
 * <ul>
 *   <li>{@link lddgan.generator.Generator}: the forward contract both backbones share, so the training loop, the EMA
 *       and the sampler work with either; {@link lddgan.generator.GeneratorSpec}: either configuration.
 *   <li>CNN: {@link lddgan.generator.GeneratorConfig} (the configuration record and its presets),
 *       {@link lddgan.generator.NcsnppGenerator} (the network), {@link lddgan.generator.NcsnppLayout} (the U-Net
 *       body, shared with the epsilon network of {@code lddgan.diffusion}), {@link lddgan.generator.ResBlock} (the
 *       BigGAN++ residual block with options), {@link lddgan.nn.AttentionBlock} ({@code AttnBlockpp}).
 *   <li>{@link lddgan.generator.MappingNetwork}: z -&gt; zemb, which drives every adaptive norm.
 *   <li>ViT: {@link lddgan.generator.UViTConfig} (the three sizes, ours: the reference has no ViT code),
 *       {@link lddgan.generator.UViTGenerator}, {@link lddgan.generator.UViTBlock}.
 * </ul>
 *
 * <p>Paper: the generator of the method (NCSN++ with every GroupNorm replaced by adaptive GroupNorm driven by z),
 * Table 8 (configurations), Table 2 (parameters and FLOPs), Tables 11-12 (CNN vs ViT). Reference code:
 * REFERENCE-CODE.md section 0 (where the code differs from Table 8), section 2 (NCSN++; DDGAN
 * {@code ncsnpp_generator_adagn.py}) and section 8 (U-ViT).
 *
 * <p>Layer 3 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 3.
 */
package lddgan.generator;
