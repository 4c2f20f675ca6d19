package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pixel normalisation of StyleGAN, the first layer of the z mapping network (REFERENCE-CODE.md
 * section 2): z / sqrt(mean(z^2 over axis 1) + 1e-8). No parameters; output of the input's shape.
 */
public final class PixelNorm extends AbstractBlock {
    /** The epsilon under the square root. */
    public static final float EPS = 1e-8f;

    /** Normalises each row of an (N, D, ...) array to unit mean square over axis 1. */
    public static NDArray normalize(NDArray z) {
        return z.div(z.square().mean(new int[] {1}, true).add(EPS).sqrt());
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        // 1. z / sqrt(mean(z^2) + 1e-8)
        return new NDList(normalize(inputs.singletonOrThrow()));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
