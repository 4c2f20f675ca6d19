package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.AdaptiveLayerNorm;
import lddgan.nn.ComposedBlock;
import lddgan.nn.Layers;
import lddgan.nn.MultiHeadSelfAttention;

/**
 * One pre-norm transformer block of the U-ViT generator (U-ViT's {@code Block}; LDDGAN Appendix C; REFERENCE-CODE.md
 * section 8), with both norms adaptive ({@link AdaptiveLayerNorm}, scale and shift from the z mapping):
 *
 * <ol>
 *   <li>out-blocks only, the long skip: x = Linear(2D -> D)(concat(x, skip));
 *   <li>x = x + Attention(AdaLN1(x, zemb));
 *   <li>x = x + Linear(rD -> D)(GELU(Linear(D -> rD)(AdaLN2(x, zemb)))), r the MLP ratio.
 * </ol>
 *
 * Inputs {@code NDList(x (N, L, D), zemb (N, zemb_dim))}, out-blocks also {@code skip (N, L, D)}; output x's shape.
 */
public final class UViTBlock extends ComposedBlock {
    private final int tokens;
    private final int features;
    private final int zEmbDim;
    private final Linear skipLinear;
    private final AdaptiveLayerNorm norm1;
    private final MultiHeadSelfAttention attention;
    private final AdaptiveLayerNorm norm2;
    private final Linear fc1;
    private final Linear fc2;

    /**
     * Builds a block.
     *
     * @param tokens the sequence length L
     * @param features the token width D
     * @param heads attention heads
     * @param mlpRatio hidden width of the MLP over D
     * @param qkvBias whether q, k, v have a bias (U-ViT: no)
     * @param zEmbDim width of the z embedding
     * @param skip whether this is an out-block with a long skip input
     */
    public UViTBlock(int tokens, int features, int heads, double mlpRatio, boolean qkvBias, int zEmbDim, boolean skip) {
        this.tokens = tokens;
        this.features = features;
        this.zEmbDim = zEmbDim;
        int hidden = (int) (features * mlpRatio);
        Shape x = new Shape(tokens, features);
        Shape z = new Shape(zEmbDim);
        skipLinear = skip ? addChild("skip_linear", Layers.vitDense(features, true),
                new Shape(tokens, 2L * features)) : null;
        norm1 = addChild("norm1", new AdaptiveLayerNorm(features), x, z);
        attention = addChild("attn", new MultiHeadSelfAttention(tokens, features, heads, qkvBias), x);
        norm2 = addChild("norm2", new AdaptiveLayerNorm(features), x, z);
        fc1 = addChild("mlp_fc1", Layers.vitDense(hidden, true), x);
        fc2 = addChild("mlp_fc2", Layers.vitDense(features, true), new Shape(tokens, hidden));
    }

    /** Whether this block takes a long skip (an out-block). */
    public boolean hasSkip() {
        return skipLinear != null;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        Shape x = new Shape(batch, tokens, features);
        Shape z = new Shape(batch, zEmbDim);
        return skipLinear == null ? new Shape[] {x, z} : new Shape[] {x, z, x};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int expected = skipLinear == null ? 2 : 3;
        if (inputs.size() != expected) {
            throw new IllegalArgumentException("U-ViT " + (skipLinear == null ? "in/mid" : "out") + "-block expects "
                    + expected + " inputs (x, zemb" + (skipLinear == null ? "" : ", skip") + "), got " + inputs.size());
        }
        NDArray x = inputs.get(0);
        NDArray zemb = inputs.get(1);
        // 1. long skip: Linear(2D -> D)(concat(x, skip))
        if (skipLinear != null) {
            x = run(skipLinear, ps, training, x.concat(inputs.get(2), 2));
        }
        // 2. x + Attention(AdaLN(x, z))
        x = x.add(run(attention, ps, training, run(norm1, ps, training, x, zemb)));
        // 3. x + MLP(AdaLN(x, z)), GELU between the layers
        NDArray hidden = Activation.gelu(run(fc1, ps, training, run(norm2, ps, training, x, zemb)));
        return new NDList(x.add(run(fc2, ps, training, hidden)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
