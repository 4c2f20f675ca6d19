package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication and division by a constant that are safe under automatic differentiation.
 *
 * <p>DJL 0.36's {@code NDArray.mul(Number)} and {@code div(Number)} wrap the constant in a scalar array whose memory
 * is a Java direct buffer borrowed by the engine ({@code torch::from_blob}, no copy, on the CPU), and close that
 * array as soon as the operation returns. PyTorch saves the other operand of a product or quotient for the backward
 * pass, so the saved scalar then points into a buffer that the garbage collector may free before the backward pass:
 * the gradients intermittently become garbage (NaN in about one of ten short training runs, with finite losses; see
 * lib/TRAINING.md). These helpers make the scalar with {@code full}, whose memory the engine owns and reference-counts.
 * Use them wherever the array may require a gradient.
 */
public final class Scalars {
    private Scalars() {
    }

    /** x * value, with an engine-owned scalar. */
    public static NDArray times(NDArray x, double value) {
        try (NDArray scalar = scalar(x, value)) {
            return x.mul(scalar);
        }
    }

    /**
     * x *= value in place, with an engine-owned scalar; returns x. Safe under autograd when x itself is not saved for a
     * backward pass (a sum, as a residual connection's, is not).
     */
    public static NDArray timesInPlace(NDArray x, double value) {
        try (NDArray scalar = scalar(x, value)) {
            return x.muli(scalar);
        }
    }

    /**
     * A constant array whose memory the engine owns: {@code NDManager.create(float[])} lends the engine a Java
     * buffer (no copy), which may be freed once the array is closed, even though an operation that saved it for its
     * backward pass (a convolution's kernel) still points into it. With every block in a memory scope of its own
     * ({@link ComposedBlock#run}), such a constant is closed before the backward pass runs: garbage gradients, NaN
     * losses (seen in the training benchmark at step 2). Use this for any constant an operation under autograd
     * consumes.
     */
    public static NDArray constant(NDManager manager, float[] values, Shape shape, DataType type) {
        try (NDArray borrowed = manager.create(values, shape); NDArray typed = borrowed.toType(type, false)) {
            // toType may return the same storage (same type, or DJL's to() without a copy): clone into engine memory
            return typed.duplicate();
        }
    }

    /** x / value, with an engine-owned scalar. */
    public static NDArray over(NDArray x, double value) {
        try (NDArray scalar = scalar(x, value)) {
            return x.div(scalar);
        }
    }

    private static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
