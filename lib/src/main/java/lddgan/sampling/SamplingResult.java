package lddgan.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * The outcome of a {@link SamplingLoop}.
 *
 * @param x0 the final sample (in the GAN's space: pixels, wavelet bands or latents; decode it with
 *     a {@code lddgan.space.DataSpace})
 * @param nfe the number of network evaluations (LDDGAN Table 3 "NFE"; T for Algorithm 1)
 */
public record SamplingResult(NDArray x0, int nfe) {
    /** Validates the fields. */
    public SamplingResult {
        Objects.requireNonNull(x0, "x0");
        if (nfe < 0) {
            throw new IllegalArgumentException("nfe must be >= 0, got " + nfe);
        }
    }
}
