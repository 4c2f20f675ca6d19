package lddgan.train;

/**
 * What a {@link TrainingListener} sees of a training loop: the diffusion GAN's {@link GanTrainer} or the first stage's
 * {@link AutoencoderTrainer}.
 */
public interface Trainer {
    /** The preset name of the run. */
    String name();

    /** Steps done. */
    long step();

    /** Steps in one epoch. */
    int stepsPerEpoch();

    /** Images per step. */
    int batchSize();
}
