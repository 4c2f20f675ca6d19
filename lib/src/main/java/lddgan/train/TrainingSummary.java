package lddgan.train;

import java.nio.file.Path;
import lddgan.metrics.TrainingExtent;

/**
 * How a call of {@code train(TrainingBudget)} of a trainer ({@link TrainerBase}) ended (also the {@link TrainingExtent} an evaluation reports).
 *
 * @param config the run's preset name
 * @param startStep steps done before this call (after a resume)
 * @param steps steps done in total at the end
 * @param epoch the epoch at the end
 * @param wallSeconds training time of this call
 * @param stepsPerSecond steps of this call per second of it
 * @param reason why it stopped ("steps", "epochs", "time", or the divergence message)
 * @param lastCheckpoint the newest checkpoint on disk, or null
 */
public record TrainingSummary(String config, long startStep, long steps, int epoch, double wallSeconds,
                              double stepsPerSecond, String reason, Path lastCheckpoint)
        implements TrainingExtent {
}
