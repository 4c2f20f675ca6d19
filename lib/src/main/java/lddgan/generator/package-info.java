/**
 * The generator of LDDGAN, DDGAN and WDDGAN: NCSN++ (Song et al., 2021) with adaptive group
 * normalisation driven by a z mapping network (LDDGAN section 3, Table 8; DDGAN
 * {@code ncsnpp_generator_adagn.py}; REFERENCE-CODE.md section 2).
 *
 * <ul>
 *   <li>{@link lddgan.generator.GeneratorConfig}: the configuration record and its presets.
 *   <li>{@link lddgan.generator.NcsnppGenerator}: the network, x0' = G(x_{k+1}, k, z).
 *   <li>{@link lddgan.generator.ResBlock}: the BigGAN++ residual block with options.
 *   <li>{@link lddgan.nn.AttentionBlock}: single-head self-attention ({@code AttnBlockpp}).
 *   <li>{@link lddgan.generator.MappingNetwork}: z -> zemb.
 * </ul>
 */
package lddgan.generator;
