package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LDM's conditioning layer (Rombach et al. 2022, Sec. 3.3, Fig. 3; LDM's {@code SpatialTransformer}, depth 1): the
 * feature map attends to a domain-specific encoding tau_theta(y) of the condition.
 *
 * <ol>
 *   <li>h = GroupNorm(min(C/4, 32) groups, eps 1e-6)(x) (LDM: 32 groups, the same from C = 128 up; fewer at the
 *       reduced widths of the smaller profiles, as the U-Net's other norms); h = conv1x1(C -&gt; H d)(h), flattened to H W tokens of width H d;
 *   <li>h = {@link TransformerBlock}(h, context): self-attention, cross-attention, feed-forward;
 *   <li>out = x + conv1x1(H d -&gt; C)(h), the output convolution's weight and bias initialised to exactly zero (LDM's {@code zero_module}), so
 *       the layer starts as the identity.
 * </ol>
 *
 * The 1x1 convolutions have PyTorch's default initialisation. Inputs {@code NDList(x (N, C, H, W), context (N, M,
 * D_c))}; output x's shape.
 */
public final class SpatialTransformer extends ComposedBlock {
    private final int channels;
    private final int resolution;
    private final int contextTokens;
    private final int contextFeatures;
    private final int inner;
    private final GroupNorm norm;
    private final Conv2d projectIn;
    private final TransformerBlock block;
    private final Conv2d projectOut;

    /**
     * @param channels C
     * @param resolution H = W
     * @param contextTokens M, tokens of the context
     * @param contextFeatures D_c, the context's width
     * @param headChannels d, features per head; the heads are C / d (LDM's {@code num_head_channels})
     */
    public SpatialTransformer(int channels, int resolution, int contextTokens, int contextFeatures, int headChannels) {
        if (headChannels < 1 || channels % headChannels != 0) {
            throw new IllegalArgumentException("spatial transformer: head channels " + headChannels
                    + " must divide the channels " + channels);
        }
        this.channels = channels;
        this.resolution = resolution;
        this.contextTokens = contextTokens;
        this.contextFeatures = contextFeatures;
        int heads = channels / headChannels;
        this.inner = heads * headChannels;
        int tokens = resolution * resolution;
        Shape x = new Shape(channels, resolution, resolution);
        norm = addChild("norm", GroupNorm.ncsnpp(channels), x);
        projectIn = addChild("proj_in", Layers.torchConv(inner, channels, 1, 1, 0), x);
        block = addChild("transformer", new TransformerBlock(tokens, inner, contextTokens, contextFeatures, heads,
                headChannels), new Shape(tokens, inner), new Shape(contextTokens, contextFeatures));
        projectOut = addChild("proj_out", Layers.zeroConv1x1(channels), new Shape(inner, resolution, resolution));
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, channels, resolution, resolution),
            new Shape(batch, contextTokens, contextFeatures)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("spatial transformer expects 2 inputs (x, context), got " + inputs.size());
        }
        NDArray x = inputs.get(0);
        long n = x.getShape().get(0);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        // 1. norm, project in, (N, C', H, W) -> (N, H W, C')
        NDArray tokens = run(projectIn, ps, training, run(norm, ps, training, x)).reshape(n, inner, h * w)
                .transpose(0, 2, 1);
        // 2. transformer block with the context
        tokens = run(block, ps, training, tokens, inputs.get(1));
        // 3. back to a map, project out, residual
        NDArray map = tokens.transpose(0, 2, 1).reshape(n, inner, h, w);
        return new NDList(x.add(run(projectOut, ps, training, map)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
