/**
 * Reporting: results with the conditions they were produced under, and their display.
 *
 * <ul>
 *   <li>{@link lddgan.report.Results}: JSON (Jackson) and CSV (Tablesaw) results under {@code results/}, written
 *       atomically, each stamped with its {@link lddgan.report.Conditions} (profile, dataset, device, seed,
 *       versions, feature extractor, samples).
 *   <li>{@link lddgan.report.Tables}, {@link lddgan.report.Charts}, {@link lddgan.report.Histograms},
 *       {@link lddgan.report.ImageGrid}: tables, XChart figures, histograms of latents, sample grids.
 *   <li>{@link lddgan.report.Show}: display in notebooks on any of the supported kernels (text outside a kernel),
 *       including items updated in place.
 *   <li>{@link lddgan.report.PaperTables}: the paper's printed numbers beside ours, never on one axis with them.
 * </ul>
 *
 * <p>Paper: {@code PaperTables} holds Tables 3, 6 and 12 as printed and Table 12's convergence epochs, and draws
 * Figure 2 (the lambda curve) and Figure 3 (FID against sampling time); {@code ImageGrid} the grids of Figures 4/5;
 * {@code Histograms} the latent diagnostics of the KL ablation (Sec. 5.3.2, Table 7). Reference code: none.
 *
 * <p>Layer 5 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule},
 * {@code data}, {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss},
 * {@code checkpoint}, {@code autoencoder}, {@code diffusion}, {@code discriminator} (and the JDK, DJL, Jackson,
 * Tablesaw, XChart, EJML).
 */
package lddgan.report;
