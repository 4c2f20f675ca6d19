package lddgan.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Gathers per-sample coefficients from a schedule table: the reference code's
 * {@code extract(table, t, shape)} (REFERENCE-CODE.md section 1).
 */
final class CoefficientLookup {
    private CoefficientLookup() {
    }

    /**
     * Returns {@code table[step[i]]} shaped (N, 1, ..., 1) so that it broadcasts against {@code like}.
     *
     * @param table a schedule table (float32 values)
     * @param step (N,) integer indices into the table
     * @param like the (N, ...) array the result must broadcast against
     * @param manager where the result (and its temporaries) live
     */
    static NDArray extract(float[] table, NDArray step, NDArray like, NDManager manager) {
        Shape shape = like.getShape();
        if (step.getShape().dimension() != 1 || step.getShape().get(0) != shape.get(0)) {
            throw new IllegalArgumentException("step must have shape (" + shape.get(0) + ",) to match "
                    + shape + ", got " + step.getShape());
        }
        long[] broadcast = new long[shape.dimension()];
        Arrays.fill(broadcast, 1L);
        broadcast[0] = shape.get(0);
        NDArray values = manager.create(table);
        NDArray index = temporary(step.toType(DataType.INT64, false), step, manager);
        index = temporary(index.toDevice(values.getDevice(), false), index, manager);
        return values.take(manager, index).reshape(broadcast);
    }

    /**
     * a[index] x + b[index] noise per sample, attached to {@code x}'s manager: the forward process of every schedule
     * ({@code q_sample}).
     *
     * @throws IllegalArgumentException when {@code noise} does not have {@code x}'s shape
     */
    static NDArray affine(float[] a, float[] b, NDArray index, NDArray x, NDArray noise) {
        if (!x.getShape().equals(noise.getShape())) {
            throw new IllegalArgumentException("noise " + noise.getShape() + " must have the shape of x " + x.getShape());
        }
        NDManager out = x.getManager();
        try (NDManager scope = out.newSubManager()) {
            NDArray result = extract(a, index, x, scope).mul(x).add(extract(b, index, x, scope).mul(noise));
            result.attach(out);
            return result;
        }
    }

    /** Moves {@code converted} into {@code manager} when it is a new array (never the caller's own). */
    private static NDArray temporary(NDArray converted, NDArray original, NDManager manager) {
        if (converted != original) {
            converted.attach(manager);
        }
        return converted;
    }

    /** Checks that {@code step} is in {0..numSteps-1}. */
    static int checkStep(int step, int numSteps) {
        if (step < 0 || step >= numSteps) {
            throw new IllegalArgumentException("step must be in [0, " + (numSteps - 1) + "], got " + step);
        }
        return step;
    }
}
