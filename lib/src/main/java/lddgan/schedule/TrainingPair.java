package lddgan.schedule;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A training pair (x_{t-1}, x_t) of the forward process and its step (DDGAN Sec. 3, Eq. (1);
 * LDDGAN Sec. 4: D judges (x_{t-1}, x_t, t)). In the reference code's names: x_k, x_{k+1}, k.
 *
 * @param xPrev (N, ...) x_{t-1} = x_k ~ q(x_k | x0)
 * @param xt (N, ...) x_t = x_{k+1} ~ q(x_{k+1} | x_k)
 * @param step (N,) integer step k in {0..T-1} per sample, the index G and D receive
 */
public record TrainingPair(NDArray xPrev, NDArray xt, NDArray step) {
    /** Validates that no part is missing. */
    public TrainingPair {
        Objects.requireNonNull(xPrev, "xPrev");
        Objects.requireNonNull(xt, "xt");
        Objects.requireNonNull(step, "step");
    }
}
