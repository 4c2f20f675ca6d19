package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The transformer block inside LDM's spatial transformer (Rombach et al. 2022, Sec. 3.3 and Appendix; LDM's
 * {@code BasicTransformerBlock}), pre-norm with three residual branches over tokens x (N, L, D):
 *
 * <ol>
 *   <li>x = x + SelfAttention(LN1(x));
 *   <li>x = x + CrossAttention(LN2(x), tau(y)) (queries from x, keys and values from the context);
 *   <li>x = x + FF(LN3(x)), FF the gated GELU feed-forward: [a, g] = Linear(D -&gt; 2 * 4D)(x), Linear(4D -&gt; D)(a *
 *       GELU(g)) (GEGLU, Shazeer 2020).
 * </ol>
 *
 * LayerNorms are affine with eps 1e-5 (PyTorch's default); every Linear has PyTorch's default initialisation.
 * Inputs {@code NDList(x (N, L, D), context (N, M, D_c))}; output x's shape.
 */
public final class TransformerBlock extends ComposedBlock {
    /** The feed-forward's hidden width over D. */
    public static final int FF_MULT = 4;

    private final int tokens;
    private final int features;
    private final int contextTokens;
    private final int contextFeatures;
    private final LayerNorm norm1;
    private final CrossAttention selfAttention;
    private final LayerNorm norm2;
    private final CrossAttention crossAttention;
    private final LayerNorm norm3;
    private final Linear ffIn;
    private final Linear ffOut;

    /**
     * @param tokens L
     * @param features D
     * @param contextTokens M
     * @param contextFeatures D_c
     * @param heads attention heads
     * @param headChannels features per head
     */
    public TransformerBlock(int tokens, int features, int contextTokens, int contextFeatures, int heads, int headChannels) {
        if (contextTokens < 1) {
            throw new IllegalArgumentException("a transformer block cross-attends to at least one context token, got "
                    + contextTokens);
        }
        this.tokens = tokens;
        this.features = features;
        this.contextTokens = contextTokens;
        this.contextFeatures = contextFeatures;
        Shape x = new Shape(tokens, features);
        Shape context = new Shape(contextTokens, contextFeatures);
        int hidden = FF_MULT * features;
        norm1 = addChild("norm1", layerNorm(), x);
        selfAttention = addChild("attn1", new CrossAttention(tokens, features, 0, 0, heads, headChannels), x);
        norm2 = addChild("norm2", layerNorm(), x);
        crossAttention = addChild("attn2", new CrossAttention(tokens, features, contextTokens, contextFeatures, heads,
                headChannels), x, context);
        norm3 = addChild("norm3", layerNorm(), x);
        ffIn = addChild("ff_in", Layers.torchDense(2 * hidden, features, true), x);
        ffOut = addChild("ff_out", Layers.torchDense(features, hidden, true), new Shape(tokens, hidden));
    }

    private static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(AdaptiveLayerNorm.EPS).build();
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, tokens, features), new Shape(batch, contextTokens, contextFeatures)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("transformer block expects 2 inputs (x, context), got " + inputs.size());
        }
        NDArray x = inputs.get(0);
        NDArray context = inputs.get(1);
        // 1. self-attention, 2. cross-attention to the context
        x = x.add(run(selfAttention, ps, training, run(norm1, ps, training, x)));
        x = x.add(run(crossAttention, ps, training, run(norm2, ps, training, x), context));
        // 3. GEGLU feed-forward: a * GELU(g)
        NDList gated = run(ffIn, ps, training, run(norm3, ps, training, x)).split(2, 2);
        NDArray hidden = gated.get(0).mul(Activation.gelu(gated.get(1)));
        return new NDList(x.add(run(ffOut, ps, training, hidden)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
