/**
 * Reviewer verification ({@code make verify}): the paper's claims that the notebooks test ({@code results/claims.json},
 * {@link lddgan.verify.Claim}), checked against a fresh re-execution and the committed reference results of the same
 * profile ({@link lddgan.verify.ClaimChecker}), a comparison of every number the two runs wrote
 * ({@link lddgan.verify.NumberComparison}), and the report ({@link lddgan.verify.VerificationReport}).
 */
package lddgan.verify;
