package lddgan.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * How images map to the space the GAN works in, and back (LDDGAN Sec. 4: diffusion in the latent
 * space of an autoencoder; DDGAN: pixels; WDDGAN: wavelet bands). Training encodes real images
 * to x0; sampling decodes the final x0' (LDDGAN Algorithm 1, "X0 = Decoder(x0')").
 *
 * <p>Images are (N, 3, H, W) float32 in [-1, 1]. Implementations put their results in the
 * manager of their input and free their temporaries.
 */
public interface DataSpace {

    /**
     * Maps images to the GAN's space, divided by {@link #scaleFactor()} so values lie roughly in
     * [-1, 1]. May draw random numbers when {@link #isStochastic()} (a KL encoder's posterior
     * sample, REFERENCE-CODE.md section 4), from the input's manager.
     *
     * @param images (N, 3, H, W) in [-1, 1]
     * @return (N, C', H', W') with (C', H', W') = {@link #spaceShape} of the image shape; a new
     *     array in {@code images}' manager
     */
    NDArray encode(NDArray images);

    /**
     * Maps a sample of the GAN's space back to images: multiplies by {@link #scaleFactor()},
     * inverts the transform and clamps to [-1, 1].
     *
     * @param x (N, C', H', W')
     * @return (N, 3, H, W) in [-1, 1]; a new array in {@code x}'s manager
     */
    NDArray decode(NDArray x);

    /**
     * The shape in the GAN's space of an image shape, (C, H, W) or (N, C, H, W); the batch
     * dimension, when given, is kept. E.g. CIFAR-10 3x32x32 -&gt; 12x16x16 (wavelet), 4x16x16 (latent).
     *
     * @throws IllegalArgumentException when the space cannot hold images of that shape
     */
    Shape spaceShape(Shape imageShape);

    /** A short lower-case name for files and tables ("pixel", "wavelet", "latent"). */
    String name();

    /**
     * The factor {@link #encode} divides by and {@link #decode} multiplies by (1 for pixels, 2 for
     * wavelets, 105 / 6 / 60 for the CIFAR-10 / CelebA-HQ / LSUN latents, REFERENCE-CODE.md
     * section 2).
     */
    double scaleFactor();

    /**
     * The first stage this space depends on, as a checkpoint of a model trained in it records it: its weights'
     * identity and the scale factor; null for spaces without one (pixels, wavelets).
     */
    default String firstStage() {
        return null;
    }

    /** Whether {@link #encode} draws random numbers (a KL autoencoder); false by default. */
    default boolean isStochastic() {
        return false;
    }
}
