package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head attention of queries from tokens x to keys and values from a context (LDM, Rombach et al. 2022, Sec. 3.3
 * and Eq. (3)): Q = W_Q x, K = W_K tau(y), V = W_V tau(y), Attention(Q, K, V) = softmax(Q K^T / sqrt(d)) V per head
 * of d = {@code headChannels} features, heads concatenated and projected back by a Linear with bias. W_Q, W_K, W_V
 * have no bias; every Linear has PyTorch's default initialisation (LDM's {@code CrossAttention}). Without a context
 * (a self-attention layer of the transformer block) K and V come from x.
 *
 * <p>Input {@code NDList(x (N, L, D))} or {@code NDList(x, context (N, M, D_c))}; output (N, L, D).
 */
public final class CrossAttention extends ComposedBlock implements NetworkStats.OwnCost {
    private final int tokens;
    private final int features;
    private final int contextTokens;
    private final int contextFeatures;
    private final int heads;
    private final int headChannels;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    /**
     * @param tokens L
     * @param features D of x
     * @param contextTokens M of the context, or 0 for self-attention
     * @param contextFeatures D_c of the context (ignored for self-attention)
     * @param heads attention heads
     * @param headChannels d, features per head
     */
    public CrossAttention(int tokens, int features, int contextTokens, int contextFeatures, int heads, int headChannels) {
        if (heads < 1 || headChannels < 1) {
            throw new IllegalArgumentException("attention needs heads >= 1 and head channels >= 1, got " + heads + ", "
                    + headChannels);
        }
        this.tokens = tokens;
        this.features = features;
        this.contextTokens = contextTokens;
        this.contextFeatures = contextTokens > 0 ? contextFeatures : features;
        this.heads = heads;
        this.headChannels = headChannels;
        int inner = heads * headChannels;
        Shape x = new Shape(tokens, features);
        Shape context = contextTokens > 0 ? new Shape(contextTokens, contextFeatures) : x;
        query = addChild("to_q", Layers.torchDense(inner, features, false), x);
        key = addChild("to_k", Layers.torchDense(inner, this.contextFeatures, false), context);
        value = addChild("to_v", Layers.torchDense(inner, this.contextFeatures, false), context);
        output = addChild("to_out", Layers.torchDense(features, inner, true), new Shape(tokens, inner));
    }

    /** Whether keys and values come from a context rather than from x. */
    public boolean crossAttends() {
        return contextTokens > 0;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        Shape x = new Shape(batch, tokens, features);
        return crossAttends() ? new Shape[] {x, new Shape(batch, contextTokens, contextFeatures)} : new Shape[] {x};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int expected = crossAttends() ? 2 : 1;
        if (inputs.size() != expected) {
            throw new IllegalArgumentException((crossAttends() ? "cross" : "self") + "-attention expects " + expected
                    + " input(s) (x" + (crossAttends() ? ", context" : "") + "), got " + inputs.size());
        }
        NDArray x = inputs.get(0);
        NDArray context = crossAttends() ? inputs.get(1) : x;
        long n = x.getShape().get(0);
        long l = x.getShape().get(1);
        long m = context.getShape().get(1);
        // 1. per-head q (N, H, L, d), k and v (N, H, M, d)
        NDArray q = heads(run(query, ps, training, x), n, l);
        NDArray k = heads(run(key, ps, training, context), n, m);
        NDArray v = heads(run(value, ps, training, context), n, m);
        // 2. softmax(q k^T / sqrt(d)) v, heads concatenated
        NDArray h = ScaledDotProduct.attend(q, k, v).transpose(0, 2, 1, 3).reshape(n, l, (long) heads * headChannels);
        // 3. output projection
        return new NDList(run(output, ps, training, h));
    }

    private NDArray heads(NDArray x, long n, long length) {
        return x.reshape(n, length, heads, headChannels).transpose(0, 2, 1, 3);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** The attention's own products ({@link ScaledDotProduct#multiplyAccumulates}) over M keys of width H d. */
    @Override
    public long ownMultiplyAccumulates(Shape[] inputShapes) {
        long keys = crossAttends() ? inputShapes[1].get(1) : inputShapes[0].get(1);
        return ScaledDotProduct.multiplyAccumulates(inputShapes[0].get(0), inputShapes[0].get(1), keys,
                (long) heads * headChannels);
    }
}
