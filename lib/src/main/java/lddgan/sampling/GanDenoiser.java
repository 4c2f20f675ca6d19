package lddgan.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Objects;
import lddgan.nn.MicroBatch;
import lddgan.nn.Scoped;

/**
 * The GAN generator as a {@link Denoiser}: x0' = G(x_t, t, z) with a fresh z ~ N(0, I) per call
 * (LDDGAN Algorithm 1, "z ~ N(0, I); x0' = G(x_t, z, t)"; REFERENCE-CODE.md section 1).
 *
 * <p>Generator contract: {@code block.forward(parameterStore, new NDList(x, t, z), false)} with
 * x (N, C, H, W) float32, t (N,) int32 steps, z (N, nz) float32, returning {@code NDList(x0')} of
 * shape (N, C, H, W). The block must be initialized (or loaded) by the caller.
 */
public final class GanDenoiser implements Denoiser {
    private final Block generator;
    private final int nz;

    /**
     * Wraps {@code generator}.
     *
     * @param nz the dimension of z (REFERENCE-CODE.md section 2: 50 for CIFAR-10 and LSUN, 100 for CelebA-HQ)
     */
    public GanDenoiser(Block generator, int nz) {
        this.generator = Objects.requireNonNull(generator, "generator");
        if (nz < 1) {
            throw new IllegalArgumentException("nz must be >= 1, got " + nz);
        }
        this.nz = nz;
    }

    /** The dimension of z. */
    public int nz() {
        return nz;
    }

    /**
     * x0' = G(x_t, t = step, z), z drawn from {@code xt}'s manager for the whole batch, the generator run in
     * {@link MicroBatch micro-batches} of the device; the generator's temporaries are freed before returning.
     *
     * @return (N, C, H, W) x0', attached to {@code xt}'s manager
     */
    @Override
    public NDArray predict(NDArray xt, int step) {
        return Scoped.apply(xt, (x, scope) -> {
            long n = x.getShape().get(0);
            NDArray t = scope.full(new Shape(n), step, DataType.INT32);
            NDArray z = scope.randomNormal(new Shape(n, nz), DataType.FLOAT32);
            return MicroBatch.on(x.getDevice()).apply(new NDArray[] {x, t, z}, MicroBatch.inference(generator));
        });
    }
}
