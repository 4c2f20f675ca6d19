package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Adaptive group normalisation (LDDGAN section 3, "every GroupNorm replaced by adaptive GroupNorm";
 * REFERENCE-CODE.md section 2, "AdaGN"): out = gamma * GN(x) + beta, where GN has no affine part
 * ({@code min(C/4, 32)} groups, eps 1e-6) and [gamma, beta] = Linear(zemb_dim -> 2C)(zemb).
 *
 * <p>The style layer uses the {@code dense_layer} initialisation ({@link VarianceScaling#fanOut}); its
 * bias starts at gamma = 1, beta = 0, so at initialisation the block only depends on z through the
 * random style weights. Inputs: {@code NDList(x (N, C, H, W), zemb (N, zemb_dim))}; output x's shape.
 */
public final class AdaptiveGroupNorm extends AbstractBlock {
    private final int channels;
    private final int groups;
    private final Linear style;

    /**
     * Builds an adaptive group normalisation over {@code channels} channels.
     *
     * @param channels the channel count C (a multiple of 4; of 32 when at least 128)
     */
    public AdaptiveGroupNorm(int channels) {
        this.channels = channels;
        this.groups = GroupNorm.ncsnppGroups(channels);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("AdaptiveGroupNorm: " + groups + " groups must divide " + channels
                    + " channels (C must be a multiple of 4, and of 32 when C >= 128)");
        }
        style = addChildBlock("style", Layers.denseFanOut(2 * channels));
        style.setInitializer(unitGammaZeroBeta(channels), Parameter.Type.BIAS);
    }

    /** The bias initialiser [1 (C times), 0 (C times)] of the style layer: gamma = 1, beta = 0. */
    static Initializer unitGammaZeroBeta(int channels) {
        return (NDManager manager, Shape shape, DataType dataType) -> {
            float[] values = new float[(int) shape.size()];
            java.util.Arrays.fill(values, 0, channels, 1f);
            return manager.create(values, shape).toType(dataType, false);
        };
    }

    /** The channel count. */
    public int channels() {
        return channels;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        // 1. group-normalise x without affine parameters; 2. modulate: gamma * GN(x) + beta, each (N, C, 1, 1)
        return modulate(style, parameterStore, inputs.get(1), training, GroupNorm.normalize(x, groups, GroupNorm.NCSNPP_EPS),
                new Shape(x.getShape().get(0), channels, 1, 1));
    }

    /**
     * gamma * normalized + beta with [gamma, beta] = style(zemb), each reshaped to {@code broadcast}: the modulation
     * shared by the adaptive group norm and the adaptive layer norm.
     */
    static NDList modulate(Linear style, ParameterStore ps, NDArray zemb, boolean training, NDArray normalized,
            Shape broadcast) {
        NDList gammaBeta = style.forward(ps, new NDList(zemb), training).singletonOrThrow().split(2, 1);
        NDArray gamma = gammaBeta.get(0).reshape(broadcast);
        NDArray beta = gammaBeta.get(1).reshape(broadcast);
        // the product is not saved by autograd (mul saves its operands): beta is added in place
        return new NDList(normalized.mul(gamma).addi(beta));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != 2 || inputShapes[0].get(1) != channels) {
            throw new IllegalArgumentException("AdaptiveGroupNorm over " + channels
                    + " channels expects (x (N, " + channels + ", H, W), zemb (N, D)), got " + java.util.Arrays.toString(inputShapes));
        }
        style.initialize(manager, dataType, inputShapes[1]);
    }
}
