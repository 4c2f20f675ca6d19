package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Adaptive layer normalisation of tokens, the transformer counterpart of {@link AdaptiveGroupNorm} for the ViT
 * generator (LDDGAN Appendix C, "adaptive group norm in the transformer blocks controlled by z"; REFERENCE-CODE.md
 * section 8): out = gamma * LN(x) + beta, where LN normalises each token over its D features without affine
 * parameters (eps 1e-5, PyTorch's {@code nn.LayerNorm} default) and [gamma, beta] = Linear(zemb_dim -> 2D)(zemb).
 *
 * <p>Initialised to the identity modulation: the style layer's weight is zero and its bias is [1 (D times), 0 (D
 * times)], so at initialisation the block is a plain LayerNorm and z's influence is learned from there. (The CNN's
 * AdaGN starts from random fan_out weights instead; a transformer with random per-sample scales on every norm starts
 * far from the U-ViT it is built on.) Inputs: {@code NDList(x (N, L, D), zemb (N, zemb_dim))}; output x's shape.
 */
public final class AdaptiveLayerNorm extends AbstractBlock {
    /** The epsilon of PyTorch's {@code nn.LayerNorm}, used by U-ViT. */
    public static final float EPS = 1e-5f;

    private final int features;
    private final Linear style;

    /**
     * Builds an adaptive layer normalisation over {@code features} features per token.
     *
     * @param features the token width D
     */
    public AdaptiveLayerNorm(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("AdaptiveLayerNorm needs features >= 1, got " + features);
        }
        this.features = features;
        style = addChildBlock("style", Layers.dense(2 * features, VarianceScaling.fanOut(1.0)));
        style.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
        style.setInitializer(AdaptiveGroupNorm.unitGammaZeroBeta(features), Parameter.Type.BIAS);
    }

    /** The token width D. */
    public int features() {
        return features;
    }

    /**
     * LN(x) over the last axis without affine parameters.
     *
     * @param x (..., D)
     * @return x's shape, each row with mean 0 and biased variance 1 / (1 + eps / var)
     */
    public static NDArray normalize(NDArray x) {
        long d = x.getShape().get(x.getShape().dimension() - 1);
        NDManager m = x.getManager();
        try (NDArray ones = m.ones(new Shape(d), x.getDataType()); NDArray zeros = m.zeros(new Shape(d), x.getDataType())) {
            return LayerNorm.layerNorm(x, new Shape(d), ones, zeros, EPS).singletonOrThrow();
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        // 1. layer-normalise every token without affine parameters; 2. modulate: gamma * LN(x) + beta, each (N, 1, D)
        return AdaptiveGroupNorm.modulate(style, parameterStore, inputs.get(1), training, normalize(x),
                new Shape(x.getShape().get(0), 1, features));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes.length == 2 ? inputShapes[0] : null;
        if (x == null || x.dimension() != 3 || x.get(2) != features) {
            throw new IllegalArgumentException("AdaptiveLayerNorm over " + features + " features expects (x (N, L, "
                    + features + "), zemb (N, D)), got " + Arrays.toString(inputShapes));
        }
        style.initialize(manager, dataType, inputShapes[1]);
    }
}
