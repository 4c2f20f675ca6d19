package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Supplier;

/**
 * Single-head self-attention over the pixels: h = GroupNorm(x); q, k, v = 1x1(h);
 * w = softmax_j(q_i . k_j / sqrt(C)); h = 1x1_out(sum_j w_ij v_j); out = (x + h) * r. Input and output (N, C, H, W).
 * Two variants differ only in options (the diffusers idiom of one block with options):
 *
 * <ul>
 *   <li>{@link #ncsnpp}: the generator's {@code layerspp.AttnBlockpp} (REFERENCE-CODE.md section 2, "Attention"):
 *       min(C/4, 32) groups, NIN init scale 0.1 (output 0), r = 1/sqrt(2).
 *   <li>{@link #ldm}: the autoencoder's {@code AttnBlock} of LDM / taming-transformers (REFERENCE-CODE.md section 6):
 *       32 groups, PyTorch's default 1x1 convolution init, r = 1.
 * </ul>
 * GroupNorm eps is 1e-6 in both.
 */
public final class AttentionBlock extends AbstractBlock implements NetworkStats.OwnCost {
    private final int channels;
    private final GroupNorm norm;
    private final Conv2d query;
    private final Conv2d key;
    private final Conv2d value;
    private final Conv2d output;

    private final double residualScale;

    /** The attention weights held at once: 2^24 numbers, 64 MiB in float32 ({@link #attend}). */
    static final long WEIGHTS_CHUNK = 1L << 24;

    /**
     * @param names the child names of the q, k, v and output convolutions
     * @param qkv makes each of the q, k, v convolutions
     */
    private AttentionBlock(int channels, GroupNorm norm, String[] names, Supplier<Conv2d> qkv, Conv2d output,
                           double residualScale) {
        this.channels = channels;
        this.residualScale = residualScale;
        this.norm = addChildBlock("norm", norm);
        query = addChildBlock(names[0], qkv.get());
        key = addChildBlock(names[1], qkv.get());
        value = addChildBlock(names[2], qkv.get());
        this.output = addChildBlock(names[3], output);
    }

    /** NCSN++'s {@code AttnBlockpp} over {@code channels} channels (the generator's attention). */
    public static AttentionBlock ncsnpp(int channels) {
        return new AttentionBlock(channels, GroupNorm.ncsnpp(channels), new String[] {"nin_q", "nin_k", "nin_v", "nin_out"},
                () -> Layers.conv1x1(channels, 0.1), Layers.conv1x1(channels, 0.0), 1 / Math.sqrt(2));
    }

    /** LDM's {@code AttnBlock} over {@code channels} channels (the autoencoder's attention; 32 groups). */
    public static AttentionBlock ldm(int channels) {
        Supplier<Conv2d> conv = () -> Layers.torchConv(channels, channels, 1, 1, 0);
        return new AttentionBlock(channels, GroupNorm.ldm(channels), new String[] {"q", "k", "v", "proj_out"},
                conv, conv.get(), 1.0);
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
        // 3, 4. softmax weights and the weighted sum of the values, (N, C, HW_i)
        NDArray attended = attend(q, k, v, 1 / Math.sqrt(channels), WEIGHTS_CHUNK).reshape(s);
        // 5. output projection and (rescaled) residual
        NDArray out = output.forward(ps, new NDList(attended), training).singletonOrThrow();
        NDArray sum = x.add(out);
        return new NDList(residualScale == 1.0 ? sum : Scalars.timesInPlace(sum, residualScale));
    }

    /**
     * The attention of every query position: sum_j w_ij v_j with w_ij = softmax_j(scale q_i . k_j). The weights of all
     * positions at once are (N, HW, HW), 512 MiB at batch 8 for the 64x64 latent of the 256x256 first stages (their
     * middle block), held up to three times (logits, softmax, its transposed copy); so where they would hold more
     * than {@code chunk} numbers they are computed for a block of query positions at a time, each block's weights freed
     * before the next. Every row of w is the same softmax either way (the sums over j are the same products; only the
     * matrix kernels' blocking may round differently).
     *
     * @param q queries (N, C, HW)
     * @param k keys (N, C, HW)
     * @param v values (N, C, HW)
     * @param scale the logits' factor, 1/sqrt(C)
     * @param chunk the largest number of attention weights held at once
     * @return (N, C, HW) in q's manager
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, double scale, long chunk) {
        Shape s = q.getShape();
        long positions = s.get(2);
        long rows = Math.max(1, chunk / (s.get(0) * positions));
        NDArray qT = q.transpose(0, 2, 1);
        if (rows >= positions) {
            NDArray w = Scalars.timesInPlace(qT.matMul(k), scale).softmax(2);
            return v.matMul(w.transpose(0, 2, 1));
        }
        NDList blocks = new NDList();
        for (long start = 0; start < positions; start += rows) {
            String block = ":, " + start + ":" + Math.min(positions, start + rows);
            blocks.add(Scoped.apply(new NDArray[] {qT, k, v}, scope -> {
                NDArray w = Scalars.timesInPlace(qT.get(block).matMul(k), scale).softmax(2);
                return v.matMul(w.transpose(0, 2, 1));
            }));
        }
        NDArray attended = NDArrays.concat(blocks, 2);
        blocks.close();
        return attended;
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
