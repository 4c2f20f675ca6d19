package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The sinusoidal (transformer, "positional") embedding of an integer timestep k, as
 * {@code layers.get_timestep_embedding} (REFERENCE-CODE.md section 2): half = dim / 2,
 * freq_i = exp(-i ln(10000) / (half - 1)) for i = 0..half-1, embedding = [sin(k freq), cos(k freq)],
 * zero-padded by one column when dim is odd.
 */
public final class SinusoidalEmbedding {
    /** The "max_positions" constant of the reference. */
    public static final double MAX_POSITIONS = 10000.0;

    private SinusoidalEmbedding() {
    }

    /** The frequencies freq_i = exp(-i ln(10000) / (half - 1)), i = 0..half-1. */
    public static float[] frequencies(int dim) {
        int half = dim / 2;
        if (half < 2) {
            throw new IllegalArgumentException("sinusoidal embedding needs dim >= 4, got " + dim);
        }
        double logStep = Math.log(MAX_POSITIONS) / (half - 1);
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) Math.exp(-i * logStep);
        }
        return freqs;
    }

    /**
     * Embeds timesteps.
     *
     * @param steps (N,) timestep indices, any numeric type
     * @param dim the embedding dimension
     * @return (N, dim) float32
     */
    public static NDArray embed(NDArray steps, int dim) {
        if (steps.getShape().dimension() != 1) {
            throw new IllegalArgumentException("timesteps must have shape (N,), got " + steps.getShape());
        }
        NDManager manager = steps.getManager();
        float[] freqs = frequencies(dim);
        // 1. k * freq_i as an (N, half) array
        NDArray angles = steps.toType(DataType.FLOAT32, false).reshape(-1, 1)
                .mul(Scalars.constant(manager, freqs, new Shape(1, freqs.length), DataType.FLOAT32));
        // 2. [sin, cos] along the features
        NDArray embedding = angles.sin().concat(angles.cos(), 1);
        // 3. zero column when dim is odd
        if (dim % 2 == 1) {
            embedding = embedding.concat(manager.zeros(new Shape(steps.getShape().get(0), 1)), 1);
        }
        return embedding;
    }
}
