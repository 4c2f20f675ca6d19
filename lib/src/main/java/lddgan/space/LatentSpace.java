package lddgan.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import lddgan.nn.MicroBatch;
import lddgan.nn.Scoped;

/**
 * Latent space, as in LDDGAN (Sec. 4.2; REFERENCE-CODE.md sections 4 and 6): the GAN works on the
 * latents of a pretrained autoencoder's {@link FirstStage}. encode = E(images) / scale, without
 * gradient (a fresh posterior sample each call for a KL encoder); decode = clamp(D(x * scale), -1,
 * 1). CIFAR-10: 3x32x32 -&gt; 4x16x16, scale 105.
 */
public final class LatentSpace implements DataSpace {
    private final FirstStage stage;

    /**
     * @param stage the autoencoder's first stage
     * @throws IllegalArgumentException when its scale factor is not a positive finite number
     */
    public LatentSpace(FirstStage stage) {
        this.stage = Objects.requireNonNull(stage, "stage");
        double scale = stage.scaleFactor();
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the scale factor must be positive and finite, got " + scale);
        }
    }

    /** The wrapped first stage. */
    public FirstStage stage() {
        return stage;
    }

    /**
     * E(images) / {@link #scaleFactor()}, detached from any gradient (REFERENCE-CODE.md section 4:
     * "latents encoded without gradient").
     */
    @Override
    public NDArray encode(NDArray images) {
        Shapes.checkImages(images.getShape());
        return Scoped.apply(images, (in, scope) -> stage.encode(in).div(stage.scaleFactor()).stopGradient());
    }

    /** clamp(D(x * {@link #scaleFactor()}), -1, 1), in {@link MicroBatch micro-batches} of the device. */
    @Override
    public NDArray decode(NDArray x) {
        return Scoped.apply(x, (in, scope) -> MicroBatch.on(in.getDevice()).apply(new NDArray[] {in},
                part -> stage.decode(part[0].mul(stage.scaleFactor())).clip(-1f, 1f)));
    }

    /** The first stage's latent shape. */
    @Override
    public Shape spaceShape(Shape imageShape) {
        return stage.latentShape(imageShape);
    }

    @Override
    public String name() {
        return "latent";
    }

    /** The first stage's scale factor. */
    @Override
    public double scaleFactor() {
        return stage.scaleFactor();
    }

    /** Whether the first stage samples a posterior. */
    @Override
    public boolean isStochastic() {
        return stage.isStochastic();
    }

    /** {@inheritDoc} "name (weights identity), scale factor s". */
    @Override
    public String firstStage() {
        return stage.name() + " (" + stage.weightsIdentity() + "), scale factor " + stage.scaleFactor();
    }

    @Override
    public String toString() {
        return "LatentSpace(" + stage.name() + ", scale " + stage.scaleFactor() + ")";
    }
}
