package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over tokens, as U-ViT's {@code Attention} (Bao et al., "All are Worth Words"; REFERENCE-CODE.md
 * section 8): [q, k, v] = Linear(D -> 3D) (no bias, as U-ViT's {@code qkv_bias=False}), split into H heads of D / H;
 * softmax(q k^T / sqrt(D / H)) v per head; heads concatenated; Linear(D -> D) with bias. Weights start as U-ViT's
 * {@code trunc_normal_(std=0.02)} (its bounds are +-2 absolute, i.e. no truncation at this std), biases at 0.
 *
 * <p>Input {@code NDList(x (N, L, D))}; output the same shape.
 */
public final class MultiHeadSelfAttention extends ComposedBlock implements NetworkStats.OwnCost {
    private final int tokens;
    private final int features;
    private final int heads;
    private final Linear qkv;
    private final Linear projection;

    /**
     * Builds the attention.
     *
     * @param tokens the sequence length L
     * @param features the token width D
     * @param heads the number of heads H (must divide D)
     * @param qkvBias whether the q, k, v projection has a bias
     */
    public MultiHeadSelfAttention(int tokens, int features, int heads, boolean qkvBias) {
        if (heads < 1 || features % heads != 0) {
            throw new IllegalArgumentException("attention: " + heads + " heads must divide the width " + features);
        }
        this.tokens = tokens;
        this.features = features;
        this.heads = heads;
        Shape in = new Shape(tokens, features);
        qkv = addChild("qkv", Layers.vitDense(3 * features, qkvBias), in);
        projection = addChild("proj", Layers.vitDense(features, true), in);
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, tokens, features)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long n = shape.get(0);
        long l = shape.get(1);
        int headDim = features / heads;
        // 1. q, k, v as (3, N, H, L, D/H)
        NDArray qkvHeads = qkv.forward(ps, new NDList(x), training).singletonOrThrow()
                .reshape(n, l, 3, heads, headDim).transpose(2, 0, 3, 1, 4);
        NDArray q = qkvHeads.get(0);
        NDArray k = qkvHeads.get(1);
        NDArray v = qkvHeads.get(2);
        // 2. softmax(q k^T / sqrt(D/H)) per head, then the weighted values
        NDArray h = ScaledDotProduct.attend(q, k, v).transpose(0, 2, 1, 3).reshape(n, l, features);
        // 3. output projection
        return projection.forward(ps, new NDList(h), training);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** q k^T and weights x v ({@link ScaledDotProduct#multiplyAccumulates}): 2 L^2 D per sample. */
    @Override
    public long ownMultiplyAccumulates(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return ScaledDotProduct.multiplyAccumulates(x.get(0), x.get(1), x.get(1), x.get(2));
    }
}
