package lddgan.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.function.Function;
import lddgan.nn.MicroBatch;
import lddgan.nn.Scoped;
import lddgan.sampling.Denoiser;

/**
 * An epsilon network as a {@link Denoiser}, with classifier-free guidance (Ho &amp; Salimans 2022, Eq. (6)):
 * eps = eps(x_t, t, null) + w (eps(x_t, t, y) - eps(x_t, t, null)). w = 1 is the plain conditional model; w = 0 the
 * unconditional one; for any other w both branches run in one forward pass of a doubled batch, so one guided
 * evaluation costs one network call on 2N samples (counted as one NFE, as the literature does), while w = 0 and w = 1
 * cost one call on N samples. An unconditional network is wrapped with
 * {@link #unconditional}.
 */
public final class ClassifierFreeGuidance implements Denoiser {
    private final EpsilonUNet network;
    private final NDArray labels;
    private final double scale;
    /** The network's forward pass on (x, t[, y]). */
    private final Function<NDArray[], NDArray> epsilon;

    private ClassifierFreeGuidance(EpsilonUNet network, NDArray labels, double scale) {
        this.network = Objects.requireNonNull(network, "network");
        this.labels = labels;
        this.scale = scale;
        this.epsilon = MicroBatch.inference(network);
    }

    /**
     * Guided sampling of classes {@code labels} at guidance scale w.
     *
     * @param labels (N,) int32 class labels on the sampling device, one per sample of the batch being denoised
     * @param scale w &gt;= 0 (1: conditional; the sweep of notebook 05 goes 1..6)
     */
    public static ClassifierFreeGuidance guided(EpsilonUNet network, NDArray labels, double scale) {
        if (!network.config().conditional()) {
            throw new IllegalArgumentException("network '" + network.config().name() + "' is unconditional: no guidance");
        }
        if (!(scale >= 0)) {
            throw new IllegalArgumentException("guidance scale must be >= 0, got " + scale);
        }
        if (Objects.requireNonNull(labels, "labels").getDataType() != DataType.INT32) {
            throw new IllegalArgumentException("labels must be int32, got " + labels.getDataType());
        }
        return new ClassifierFreeGuidance(network, labels, scale);
    }

    /** An unconditional network as a denoiser (a conditional one is run with the null label). */
    public static ClassifierFreeGuidance unconditional(EpsilonUNet network) {
        return new ClassifierFreeGuidance(network, null, 0);
    }

    /** {@inheritDoc} The network runs in {@link MicroBatch micro-batches} of the device (a guided pair together). */
    @Override
    public NDArray predict(NDArray xt, int step) {
        return Scoped.apply(xt, (x, scope) -> {
            long n = x.getShape().get(0);
            NDArray t = scope.full(new Shape(n), step, DataType.INT32);
            MicroBatch micro = MicroBatch.on(x.getDevice());
            if (!network.config().conditional()) {
                return micro.apply(new NDArray[] {x, t}, epsilon);
            }
            NDArray nullLabels = scope.full(new Shape(n), network.config().nullLabel(), DataType.INT32);
            if (labels == null || scale == 0) {
                return micro.apply(new NDArray[] {x, t, nullLabels}, epsilon);
            }
            if (scale == 1) {
                // w = 1 is the conditional model itself: the unconditional branch would be multiplied by zero
                return micro.apply(new NDArray[] {x, t, labels}, epsilon);
            }
            return micro.apply(new NDArray[] {x, t, labels, nullLabels}, this::guided);
        });
    }

    /** Eq. (6) on (x, t, y, null) from one call on [x; x] with [y; null]. */
    private NDArray guided(NDArray[] in) {
        NDArray x = in[0];
        NDArray t = in[1];
        long n = x.getShape().get(0);
        NDArray both = epsilon.apply(new NDArray[] {x.concat(x, 0), t.concat(t, 0), in[2].concat(in[3], 0)});
        NDArray conditional = both.get("0:" + n);
        NDArray unconditional = both.get(n + ":");
        return unconditional.add(conditional.sub(unconditional).mul(x.getManager().full(new Shape(), (float) scale)));
    }
}
