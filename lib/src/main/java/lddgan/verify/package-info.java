/**
 * Reviewer verification ({@code make verify}, {@link lddgan.verify.Verify}): the paper's claims that the notebooks
 * test ({@code results/claims.json}, {@link lddgan.verify.ClaimSet} of {@link lddgan.verify.Claim}s: exact, ordering
 * or band), checked against a fresh re-execution and the committed reference results of the same profile
 * ({@link lddgan.verify.ClaimChecker}, values found by a {@link lddgan.verify.ResultLocator}, within a
 * {@link lddgan.verify.Tolerance}, giving a {@link lddgan.verify.Verdict}), a comparison of every number the two runs
 * wrote ({@link lddgan.verify.NumberComparison}), and the report ({@link lddgan.verify.VerificationReport}).
 *
 * <p>Paper: each claim in {@code results/claims.json} names the table or section it tests (Tables 1-3, 6, 7, 11 and 12
 * today); the package itself is paper-independent. Reference code: none.
 *
 * <p>Layer 8 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule},
 * {@code data}, {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss},
 * {@code checkpoint}, {@code autoencoder}, {@code diffusion}, {@code discriminator}, {@code report}, {@code train},
 * {@code experiment} (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not {@code bench}, its neighbour in layer 8.
 */
package lddgan.verify;
