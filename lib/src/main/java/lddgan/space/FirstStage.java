package lddgan.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The first stage of LDDGAN: the pretrained autoencoder whose latent space the diffusion and the
 * GAN work in, as the diffusion sees it (LDDGAN Sec. 4.2: x0 = E(X0), X0 = D(x0');
 * REFERENCE-CODE.md sections 4 and 6). {@link LatentSpace} wraps it as a {@link DataSpace}, adding
 * the division by {@link #scaleFactor()} and the clamping of decoded images.
 *
 * <p>Images are (N, 3, H, W) float32 in [-1, 1]. Implementations put their results in the manager
 * of their input and free their temporaries (e.g. with {@link lddgan.nn.Scoped#apply}).
 */
public interface FirstStage {

    /**
     * Encodes images to the raw latent, before scaling (LDDGAN Sec. 4.2; REFERENCE-CODE.md section
     * 6 "KL encode" / "VQ encode"): a fresh posterior sample for a KL encoder (random numbers drawn
     * from the input's manager), the pre-quantisation output for a VQ encoder.
     *
     * @param images (N, 3, H, W) in [-1, 1]
     * @return (N, C', H', W') with (C', H', W') = {@link #latentShape} of the image shape; a new
     *     array in {@code images}' manager
     * @throws IllegalArgumentException when the image shape cannot be encoded
     */
    NDArray encode(NDArray images);

    /**
     * Decodes a raw (unscaled) latent to images (LDDGAN Algorithm 1, "X0 = Decoder(x0')";
     * REFERENCE-CODE.md section 6: a VQ decoder quantises first). The result is not clamped.
     *
     * @param latent (N, C', H', W')
     * @return (N, 3, H, W); a new array in {@code latent}'s manager
     */
    NDArray decode(NDArray latent);

    /**
     * The latent shape of an image shape, (C, H, W) or (N, C, H, W); the batch dimension, when
     * given, is kept (REFERENCE-CODE.md section 2: CIFAR-10 3x32x32 -&gt; 4x16x16).
     *
     * @throws IllegalArgumentException naming the shape when images of that shape cannot be encoded
     */
    Shape latentShape(Shape imageShape);

    /**
     * Whether {@link #encode} draws random numbers: true for a KL autoencoder's posterior sample,
     * false for a VQ one (REFERENCE-CODE.md sections 4 and 6).
     */
    boolean isStochastic();

    /** A short lower-case name of the autoencoder for files and tables (LDDGAN Sec. 4.2). */
    String name();

    /**
     * The factor the diffusion divides raw latents by so that they lie roughly in [-1, 1] (LDDGAN
     * Sec. 4.2; REFERENCE-CODE.md sections 2 and 4): 105 / 6 / 60 for the paper's CIFAR-10 /
     * CelebA-HQ / LSUN Church autoencoders.
     */
    double scaleFactor();

    /**
     * What identifies these weights: a trained autoencoder's checkpoint (the SHA-256 of its manifest, which lists
     * every weight file's SHA-256); by default the name (fixed or untrained weights). Checkpoints of models trained
     * in this latent record it, so that they are never resumed or decoded with another first stage.
     */
    default String weightsIdentity() {
        return name();
    }
}
