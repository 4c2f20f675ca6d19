/**
 * Losses and their weights: where the R1 penalty, the GAN losses, Weighted Learning and the autoencoder's adaptive
 * weight are.
 *
 * <ul>
 *   <li>{@link lddgan.loss.GanLosses}: the non-saturating losses of D and G in their softplus form, sums divided by
 *       the global batch so data-parallel shards add up to the batch mean.
 *   <li>{@link lddgan.loss.R1Penalty}: (gamma / 2) mean ||grad_{x_k} D||^2 on real pairs every {@code lazy_reg}
 *       steps: the value exact, its parameter gradient a central difference by first-order passes (DJL has no
 *       double backpropagation that does not leak), 1.5e-4 relative to the exact gradient on the production D. It
 *       sees the discriminator through {@link lddgan.loss.R1Penalty.Critic}, which {@code lddgan.train} implements.
 *   <li>{@link lddgan.loss.ReconstructionWeighting}: the weight w of L_rec = mean |x0' - x0| in G's loss: none
 *       (DDGAN), fixed (WDDGAN), Weighted Learning's lambda (LDDGAN): per epoch as the reference code at the paper
 *       profile, per step from the fraction of the run done below it.
 *   <li>{@link lddgan.loss.AdaptiveWeight}: the weight of the first stage's adversarial term (taming's
 *       {@code calculate_adaptive_weight}). The autoencoder's hinge loss sits beside its patch discriminator in
 *       {@code lddgan.discriminator}; its perceptual loss in {@code lddgan.autoencoder}.
 * </ul>
 *
 * <p>Paper: Sec. 4.3, Eq. (5)-(6) (adversarial losses), Eq. (7) (L_rec), Eq. (8) (WDDGAN's fixed weight), Eq. (9)
 * (Weighted Learning, Fig. 2); Table 6 (its ablation); Table 10 (lazy regularisation). Reference code:
 * REFERENCE-CODE.md section 0 (Weighted Learning as the code has it: phi from -6 to +6, only L1 weighted), section 2
 * (r1_gamma per dataset), section 4 (D and G steps, R1 not multiplied by lazy_reg) and section 6 (adaptive weight).
 *
 * <p>Layer 3 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 3.
 */
package lddgan.loss;
