package lddgan.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The minibatch standard-deviation layer of StyleGAN (REFERENCE-CODE.md section 3): samples are split
 * into groups of G = min(N, 4) (sample n belongs to group n mod N/G); per group, the biased standard
 * deviation sqrt(var + 1e-8) of every feature over the group, averaged over C, H, W, is appended to each
 * of its samples as one constant channel. (N, C, H, W) -> (N, C + 1, H, W). One feature (stddev_feat 1).
 */
public final class MinibatchStd extends AbstractBlock {
    /** The largest group. */
    public static final int GROUP_SIZE = 4;
    /** Added to the variance. */
    public static final float EPS = 1e-8f;

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long group = groupSize(n);
        // 1. view as (G, N/G, C, H, W): sample n = g * (N/G) + m
        NDArray grouped = x.reshape(group, n / group, s.get(1), s.get(2), s.get(3));
        // 2. biased variance over the group, sqrt(var + eps)
        NDArray centred = grouped.sub(grouped.mean(new int[] {0}, true));
        NDArray std = centred.square().mean(new int[] {0}).add(EPS).sqrt();
        // 3. mean over C, H, W: one value per member index m, shape (N/G, 1, 1, 1)
        NDArray feature = std.reshape(n / group, -1).mean(new int[] {1}).reshape(n / group, 1, 1, 1);
        // 4. repeat over the groups and the pixels, append as a channel
        NDArray channel = feature.tile(new long[] {group, 1, s.get(2), s.get(3)});
        return new NDList(x.concat(channel, 1));
    }

    /** The group size for a batch of {@code n}; n must be a multiple of it. */
    static long groupSize(long n) {
        long group = Math.min(n, GROUP_SIZE);
        if (n % group != 0) {
            throw new IllegalArgumentException("minibatch std: batch " + n + " must be a multiple of min(N, "
                    + GROUP_SIZE + ") = " + group);
        }
        return group;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1) + 1, s.get(2), s.get(3))};
    }
}
