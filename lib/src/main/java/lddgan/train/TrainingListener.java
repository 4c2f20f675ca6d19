package lddgan.train;

import java.nio.file.Path;

/** Receives a run's progress (of a {@link GanTrainer} or an {@link AutoencoderTrainer}): a progress bar, a JSON-lines log, a live chart in a notebook. */
public interface TrainingListener {
    /**
     * Called once before the first step of a {@code train} call.
     *
     * @param trainer the trainer (its configuration, step and epoch)
     * @param budget the budget of this call
     */
    default void onStart(Trainer trainer, TrainingBudget budget) {
    }

    /** Called after every step. */
    void onStep(StepMetrics record);

    /** Called after a checkpoint was written. */
    default void onCheckpoint(Path directory, long step) {
    }

    /** Called when {@code train} returns or fails. */
    default void onEnd(TrainingSummary summary) {
    }
}
