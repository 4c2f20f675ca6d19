/**
 * The training loops: one step of each model, the loop around it, their configurations, and what a step reports.
 *
 * <ul>
 *   <li>Loops: {@link lddgan.train.GanTrainer} (DDGAN, WDDGAN and LDDGAN: one loop, the data space and the
 *       reconstruction weighting differ; it samples with {@link lddgan.train.Algorithm1Sampler}, the one sampler of a
 *       trained or loaded GAN), {@link lddgan.train.AutoencoderTrainer} (the first
 *       stage, with LDM's losses), {@link lddgan.train.DiffusionTrainer} (the Gaussian baseline's epsilon network).
 *       {@link lddgan.train.TrainerBase} is their shared loop (budget, listeners, checkpoints, divergence check),
 *       {@link lddgan.train.Trainer} what listeners see of it. Internals: {@code Network} (a network with its
 *       parameter store and Adam), {@code DiscriminatorCritic} (D as {@link lddgan.loss.R1Penalty.Critic}),
 *       {@code TrainingRandomness} (all randomness a function of (seed, step) and (seed, epoch), so a resumed run
 *       draws what an uninterrupted one would).
 *   <li>Configurations: {@link lddgan.train.TrainingConfig} ({@code presets/training/}, shrunk per profile by
 *       {@link lddgan.train.ProfileScale}), {@link lddgan.train.AutoencoderTrainingConfig}
 *       ({@code presets/autoencoder-training/}), {@link lddgan.train.DiffusionTrainingConfig}
 *       ({@code presets/diffusion-training/}).
 *   <li>How long and how it ended: {@link lddgan.train.TrainingBudget} (steps, epochs or time),
 *       {@link lddgan.train.TrainingSummary} (also the {@link lddgan.metrics.TrainingExtent} an evaluation reports),
 *       {@link lddgan.train.TrainingDivergedException}.
 *   <li>Step records and listeners: {@link lddgan.train.StepRecord}, {@link lddgan.train.AutoencoderStepRecord},
 *       {@link lddgan.train.DiffusionStepRecord} ({@link lddgan.train.StepMetrics}); a
 *       {@link lddgan.train.TrainingListener} receives them: {@link lddgan.train.ProgressBar},
 *       {@link lddgan.train.LiveLossChart}, {@link lddgan.train.JsonLinesLog}.
 * </ul>
 * What a loop uses lives below: losses, R1 and Weighted Learning in {@code lddgan.loss}; Adam, EMA, learning-rate
 * schedules and data parallelism in {@code lddgan.optim}; the checkpoint store and resume in
 * {@code lddgan.checkpoint} (each loop's {@code saveCheckpoint} says what it saves). What a notebook or
 * {@code make train} calls (one run with its data, data space and evaluation) is {@code lddgan.experiment}.
 *
 * <p>Paper: Sec. 4.3 and Eq. (5)-(9) (the GAN step), Table 10 (training hyper-parameters), Sec. 4.2 (the first
 * stage), Table 3's DDPM/DDIM rows (the baseline). Reference code: REFERENCE-CODE.md section 4 (training loop),
 * sections 0, 2 and 5 (per-model values the presets hold), section 6 (autoencoder training, which the reference
 * repository lacks; this follows latent-diffusion).
 *
 * <p>Layer 6 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule},
 * {@code data}, {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss},
 * {@code checkpoint}, {@code autoencoder}, {@code diffusion}, {@code discriminator}, {@code report} (and the JDK, DJL,
 * Jackson, Tablesaw, XChart, EJML).
 */
package lddgan.train;
