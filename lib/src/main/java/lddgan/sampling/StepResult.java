package lddgan.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * What one sampler step returns (the diffusers {@code prev_sample}, {@code pred_original_sample}).
 *
 * @param xPrev x_{t-1}, the next sample of the loop
 * @param predictedX0 x0', the step's estimate of the clean sample
 */
public record StepResult(NDArray xPrev, NDArray predictedX0) {
    /** Validates that no part is missing. */
    public StepResult {
        Objects.requireNonNull(xPrev, "xPrev");
        Objects.requireNonNull(predictedX0, "predictedX0");
    }
}
