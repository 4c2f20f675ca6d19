package lddgan.train;

import java.nio.file.Path;

/**
 * A loss became NaN or infinite: training stops before the step's update and before writing anything, so the last
 * good checkpoint stays the newest one.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The newest checkpoint, or null when none was written. */
    private final transient Path lastCheckpoint;

    TrainingDivergedException(String message, Path lastCheckpoint) {
        super(message);
        this.lastCheckpoint = lastCheckpoint;
    }

    /** The newest good checkpoint, or null. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }
}
