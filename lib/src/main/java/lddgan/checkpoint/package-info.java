/**
 * Checkpoints: how a run's state is stored on disk and how a run resumes exactly. What each training loop puts in
 * its checkpoints (networks, EMA, Adam moments) is the loop's business ({@code lddgan.train}).
 *
 * <ul>
 *   <li>{@link lddgan.checkpoint.CheckpointStore}: the {@code step-NNNNNNNNNN/} directories of one run, written into a
 *       hidden temporary directory and renamed into place, older ones pruned only after; reading verifies every
 *       file's SHA-256.
 *   <li>{@link lddgan.checkpoint.CheckpointManifest}: the JSON beside the files: preset, full configuration, step,
 *       epoch, seed, dataset, data space, Adam step counts, and the SHA-256 of every file.
 *   <li>{@link lddgan.checkpoint.RunState}: the check that a checkpoint belongs to this run, and the loading of
 *       parameters and optimizer state. The randomness needs no dump: it is a function of (seed, step).
 * </ul>
 *
 * <p>Paper: none. Reference code: REFERENCE-CODE.md section 4 (checkpoints hold the EMA weights) and section 9 (the
 * reference's auto-resume restores neither optimizer nor EMA; this one restores everything).
 *
 * <p>Layer 3 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 3.
 */
package lddgan.checkpoint;
