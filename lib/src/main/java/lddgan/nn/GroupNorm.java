package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He, 2018), as {@code torch.nn.GroupNorm}: the channels of each sample
 * are split into {@code groups} groups; each group is normalised by its own mean and biased variance,
 * y = (x - mean) / sqrt(var + eps), then optionally scaled and shifted per channel (gamma, beta).
 *
 * <p>The reference networks use {@code groups = min(C / 4, 32)}, eps 1e-6 ({@link #ncsnpp(int)}).
 * Input (N, C, ...) of any rank at least 2; output of the same shape.
 */
public final class GroupNorm extends AbstractBlock {
    /** The epsilon of every GroupNorm of NCSN++. */
    public static final float NCSNPP_EPS = 1e-6f;

    private final int channels;
    private final int groups;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;

    /**
     * Builds a group normalisation.
     *
     * @param channels the channel count C
     * @param groups the group count, dividing C
     * @param eps added to the variance
     * @param affine whether a learnt per-channel gamma (init 1) and beta (init 0) follow
     * @throws IllegalArgumentException when groups does not divide channels
     */
    public GroupNorm(int channels, int groups, float eps, boolean affine) {
        if (channels < 1 || groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + groups + " groups must divide " + channels
                    + " channels (NCSN++ uses min(C/4, 32) groups, so C must be a multiple of 4, and of 32 when C >= 128)");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("GroupNorm: eps must be > 0, got " + eps);
        }
        this.channels = channels;
        this.groups = groups;
        this.eps = eps;
        if (affine) {
            gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(channels)).build());
            beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                    .optShape(new Shape(channels)).build());
        } else {
            gamma = null;
            beta = null;
        }
    }

    /** NCSN++'s GroupNorm: {@link #ncsnppGroups(int)} groups, eps 1e-6, affine (attention and head). */
    public static GroupNorm ncsnpp(int channels) {
        return new GroupNorm(channels, ncsnppGroups(channels), NCSNPP_EPS, true);
    }

    /**
     * LDM / taming-transformers' {@code Normalize(C)}: 32 groups, eps 1e-6, affine (every norm of the autoencoder,
     * REFERENCE-CODE.md section 6).
     */
    public static GroupNorm ldm(int channels) {
        return new GroupNorm(channels, 32, NCSNPP_EPS, true);
    }

    /** The group count of NCSN++: {@code min(C / 4, 32)} (integer division). */
    public static int ncsnppGroups(int channels) {
        if (channels < 4) {
            throw new IllegalArgumentException("NCSN++ GroupNorm needs at least 4 channels, got " + channels);
        }
        return Math.min(channels / 4, 32);
    }

    /** The channel count. */
    public int channels() {
        return channels;
    }

    /** The group count. */
    public int groups() {
        return groups;
    }

    /**
     * Normalises (N, C, ...) per sample and group, without affine: (x - mean) / sqrt(var + eps) with
     * the biased variance, as {@code torch.nn.functional.group_norm}.
     *
     * <p>Computed as one fused {@code layer_norm} over the last axis of x viewed as (N, G, C/G * spatial), with unit
     * weight and zero bias: the same statistics over the same elements as {@code group_norm}, in one pass of the
     * engine's kernel instead of a chain of element-wise operations with a temporary each (lib/PERFORMANCE.md).
     */
    public static NDArray normalize(NDArray x, int groups, float eps) {
        Shape shape = x.getShape();
        // 1. group the channels: (N, G, C/G * spatial)
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        Shape row = new Shape(grouped.getShape().get(2));
        // 2. normalise each (sample, group) row by its mean and biased variance
        NDManager manager = x.getManager();
        try (NDArray ones = manager.ones(row, x.getDataType(), x.getDevice());
                NDArray zeros = manager.zeros(row, x.getDataType(), x.getDevice())) {
            NDArray normalized = LayerNorm.layerNorm(grouped, row, ones, zeros, eps).singletonOrThrow();
            // 3. back to the input shape
            return normalized.reshape(shape);
        }
    }

    /** Checks that an input has this block's channel count. */
    void checkChannels(Shape shape) {
        if (shape.dimension() < 2 || shape.get(1) != channels) {
            throw new IllegalArgumentException("GroupNorm over " + channels + " channels got input of shape " + shape);
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkChannels(x.getShape());
        // 1. normalise per group
        NDArray y = normalize(x, groups, eps);
        if (gamma == null) {
            return new NDList(y);
        }
        // 2. per-channel scale and shift, broadcast over (N, C, 1, ..., 1)
        long[] broadcast = new long[x.getShape().dimension()];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[1] = channels;
        NDArray g = parameterStore.getValue(gamma, x.getDevice(), training).reshape(broadcast);
        NDArray b = parameterStore.getValue(beta, x.getDevice(), training).reshape(broadcast);
        // the reshaped views would otherwise belong to the parameters' manager and outlive this call (a leak per step)
        g.attach(y.getManager());
        b.attach(y.getManager());
        // the product is not saved by autograd (mul saves its operands): b is added in place
        return new NDList(y.mul(g).addi(b));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        checkChannels(inputShapes[0]);
        super.beforeInitialize(inputShapes);
    }
}
