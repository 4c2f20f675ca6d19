package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.GroupNorm;
import lddgan.nn.Layers;
import lddgan.nn.NetworkStats;
import lddgan.nn.Scalars;

/**
 * Single-head self-attention over the pixels ({@code layerspp.AttnBlockpp}; REFERENCE-CODE.md
 * section 2, "Attention"): h = GroupNorm(x) (plain, affine, min(C/4, 32) groups, eps 1e-6);
 * q, k, v = NIN(h) (1x1, init scale 0.1); w = softmax_j(q_i . k_j / sqrt(C)); h = NIN_3(sum_j w_ij v_j)
 * (init scale 0); out = (x + h) / sqrt(2). Input and output (N, C, H, W).
 */
public final class AttentionBlock extends AbstractBlock implements NetworkStats.OwnCost {
    private final int channels;
    private final GroupNorm norm;
    private final Conv2d query;
    private final Conv2d key;
    private final Conv2d value;
    private final Conv2d output;

    /** Builds the attention block over {@code channels} channels. */
    public AttentionBlock(int channels) {
        this.channels = channels;
        norm = addChildBlock("norm", GroupNorm.ncsnpp(channels));
        query = addChildBlock("nin_q", Layers.conv1x1(channels, 0.1));
        key = addChildBlock("nin_k", Layers.conv1x1(channels, 0.1));
        value = addChildBlock("nin_v", Layers.conv1x1(channels, 0.1));
        output = addChildBlock("nin_out", Layers.conv1x1(channels, 0.0));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long hw = s.get(2) * s.get(3);
        // 1. normalise
        NDList h = norm.forward(ps, new NDList(x), training);
        // 2. q, k, v by 1x1 convolutions, flattened to (N, C, HW)
        NDArray q = query.forward(ps, h, training).singletonOrThrow().reshape(n, channels, hw);
        NDArray k = key.forward(ps, h, training).singletonOrThrow().reshape(n, channels, hw);
        NDArray v = value.forward(ps, h, training).singletonOrThrow().reshape(n, channels, hw);
        // 3. attention weights softmax over j of q_i . k_j / sqrt(C): (N, HW_i, HW_j)
        NDArray w = Scalars.times(q.transpose(0, 2, 1).matMul(k), 1 / Math.sqrt(channels)).softmax(2);
        // 4. weighted sum of the values: (N, C, HW_i)
        NDArray attended = v.matMul(w.transpose(0, 2, 1)).reshape(s);
        // 5. output projection (initialised near zero) and rescaled residual
        NDArray out = output.forward(ps, new NDList(attended), training).singletonOrThrow();
        return new NDList(Scalars.times(x.add(out), 1 / Math.sqrt(2)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        query.initialize(manager, dataType, inputShapes[0]);
        key.initialize(manager, dataType, inputShapes[0]);
        value.initialize(manager, dataType, inputShapes[0]);
        output.initialize(manager, dataType, inputShapes[0]);
    }

    /** q^T k and w v: 2 C (HW)^2 per sample. */
    @Override
    public long ownMultiplyAccumulates(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long hw = s.get(2) * s.get(3);
        return 2 * s.get(0) * channels * hw * hw;
    }
}
