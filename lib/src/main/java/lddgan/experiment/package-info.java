/**
 * What a notebook or {@code make train} calls: one run of a paper section with its setup and per-profile budget,
 * from the data set and the data space to the trained, evaluated model.
 *
 * <ul>
 *   <li>Setup: {@link lddgan.experiment.TrainingSetup}, the CIFAR-10 training set of the profile (real, the shared
 *       subset, or synthetic on the smoke profile) and the data space of a configuration (a latent space's first
 *       stage comes from a {@link lddgan.experiment.TrainingSetup.FirstStageSource}).
 *   <li>First-stage runs: {@link lddgan.experiment.FirstStageRuns}, where notebook 01 leaves the trained
 *       autoencoders and how the later notebooks find and load them (checkpoint, identity, latent cache).
 *   <li>Model runs: {@link lddgan.experiment.ModelRun}, train a preset for a budget, then evaluate its EMA generator
 *       and draw its sample grids (running again resumes, or only re-evaluates); {@link lddgan.experiment.TrainRun},
 *       {@code make train MODEL=... STEPS=...}.
 *   <li>The authors' checkpoints: {@link lddgan.experiment.ReleasedModel} (the released files of LDDGAN, DDGAN and
 *       WDDGAN and the paper's numbers for them), {@link lddgan.experiment.ReleasedCheckpoints} (found under
 *       {@code LDDGAN_PRETRAINED_DIR}, each missing file named, or stand-ins exported in the reference layout; loaded
 *       strictly as samplers), {@link lddgan.experiment.ReleasedEvaluation} (Tables 1, 3-5 from them; notebook 06).
 *   <li>Per-profile budgets: the experiment presets per notebook and profile ({@code presets/experiments/}), how
 *       long each run trains at {@code smoke}, {@code cpu} and {@code paper} size.
 * </ul>
 *
 * <p>Paper: the experiments of the notebooks: Sec. 4.2, Table 1 and Sec. 5.3.2, Table 7 (first stages, KL vs no KL);
 * Tables 3 and 6 and Figures 3-5 (main comparison, Weighted Learning); Tables 11-12 (CNN vs ViT generator); Table 3's
 * DDPM and DDIM rows (the Gaussian baseline); Tables 1, 3, 4 and 5 from the released weights. Reference code: REFERENCE-CODE.md sections 2 and 4 (the per-dataset runs
 * the presets follow), section 7 (the evaluation protocol).
 *
 * <p>Layer 7 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule},
 * {@code data}, {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss},
 * {@code checkpoint}, {@code autoencoder}, {@code diffusion}, {@code discriminator}, {@code report}, {@code interop},
 * {@code train}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML).
 */
package lddgan.experiment;
