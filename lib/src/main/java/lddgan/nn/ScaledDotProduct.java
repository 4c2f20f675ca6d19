package lddgan.nn;

import ai.djl.ndarray.NDArray;

/**
 * Scaled dot-product attention (Vaswani et al. 2017, Eq. (1)), per head: softmax(q k^T / sqrt(d)) v, shared by the
 * U-ViT's self-attention ({@link MultiHeadSelfAttention}) and LDM's cross-attention ({@link CrossAttention}).
 */
public final class ScaledDotProduct {
    private ScaledDotProduct() {
    }

    /**
     * Attends queries to keys and values.
     *
     * @param q (N, H, L, d) queries
     * @param k (N, H, M, d) keys
     * @param v (N, H, M, d) values
     * @return (N, H, L, d) the values weighted by softmax_j(q_i . k_j / sqrt(d))
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v) {
        long d = q.getShape().get(q.getShape().dimension() - 1);
        return Scalars.times(q.matMul(k.transpose(0, 1, 3, 2)), 1 / Math.sqrt(d)).softmax(-1).matMul(v);
    }

    /** Multiply-accumulates of q k^T and of the weighted sum of v: 2 L M D per sample, D = H d. */
    public static long multiplyAccumulates(long batch, long queries, long keys, long width) {
        return 2 * batch * queries * keys * width;
    }
}
