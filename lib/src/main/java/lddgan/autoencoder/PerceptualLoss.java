package lddgan.autoencoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The perceptual term of the autoencoder's reconstruction loss (LDM, Rombach et al. 2022, Sec. 3 and Appendix G:
 * "a combination of a perceptual loss and a patch-based adversarial objective"; taming-transformers' {@code
 * LPIPSWithDiscriminator} / {@code VQLPIPSWithDiscriminator}, REFERENCE-CODE.md section 6): a distance between an
 * image and its reconstruction, per sample.
 *
 * <p>Two implementations, chosen by the configuration value {@code perceptual} ({@link #fromConfig}):
 * <ul>
 *   <li>{@value #LPIPS}: {@link Lpips}, the reference's LPIPS-VGG16 (Zhang et al. 2018), from a TorchScript file
 *       the user exports once (README "Perceptual loss (LPIPS)");
 *   <li>{@value #NO_PERCEPTUAL}: {@link #NONE}, a zero distance, for machines without that file. A model trained so
 *       is not the reference's (only L1 + adversarial + KL terms); every result names the choice ({@link #name()}).
 * </ul>
 *
 * <p>Implementations are differentiable with respect to both images, as the training loss needs (gradients flow to
 * the reconstruction {@code y}; lib/DEVELOPMENT.md "Gradients through TorchScript").
 */
public interface PerceptualLoss extends AutoCloseable {
    /** Configuration value selecting {@link Lpips}. */
    String LPIPS = "lpips";
    /** Configuration value selecting {@link #NONE}. */
    String NO_PERCEPTUAL = "none";
    /** The valid configuration values. */
    List<String> VALUES = List.of(LPIPS, NO_PERCEPTUAL);

    /** No perceptual term: every distance is 0 (the explicit {@code perceptual: none} setting). */
    PerceptualLoss NONE = new PerceptualLoss() {
        @Override
        public NDArray distance(NDArray x, NDArray y) {
            long n = PerceptualLoss.checkImages(x, y);
            return x.getManager().zeros(new Shape(n), x.getDataType());
        }

        @Override
        public String name() {
            return NO_PERCEPTUAL;
        }

        @Override
        public String toString() {
            return NO_PERCEPTUAL;
        }
    };

    /**
     * The perceptual distance of each pair of images.
     *
     * @param x images (N, 3, H, W) in [-1, 1] (the inputs in taming's loss)
     * @param y images of the same shape in [-1, 1] (the reconstructions)
     * @return (N) distances, differentiable with respect to {@code x} and {@code y}, in {@code x}'s manager
     * @throws IllegalArgumentException when the shapes differ or are not (N, 3, H, W)
     */
    NDArray distance(NDArray x, NDArray y);

    /** The configuration value that selects this loss ({@value #LPIPS} or {@value #NO_PERCEPTUAL}), for results. */
    String name();

    /** Releases native resources (the TorchScript module); nothing for {@link #NONE}. */
    @Override
    default void close() {
    }

    /**
     * The loss named by a configuration value, LPIPS from its configured file ({@link Lpips.Weights#configured()}).
     *
     * @param value {@value #LPIPS} or {@value #NO_PERCEPTUAL} (case and surrounding blanks ignored)
     * @param device where LPIPS runs
     * @throws IllegalArgumentException for any other value, listing the valid ones
     * @throws IOException when LPIPS is asked for and its file is missing or wrong (the message says how to get it)
     */
    static PerceptualLoss fromConfig(String value, Device device) throws IOException {
        return fromConfig(value, null, device);
    }

    /**
     * The loss named by a configuration value, LPIPS from the given file.
     *
     * @param value {@value #LPIPS} or {@value #NO_PERCEPTUAL} (case and surrounding blanks ignored)
     * @param weights the LPIPS file and its digest; null for {@link Lpips.Weights#configured()}
     * @param device where LPIPS runs
     * @throws IllegalArgumentException for any other value, listing the valid ones
     * @throws IOException when LPIPS is asked for and its file is missing or wrong (the message says how to get it)
     */
    static PerceptualLoss fromConfig(String value, Lpips.Weights weights, Device device) throws IOException {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case LPIPS -> Lpips.load(weights != null ? weights : Lpips.Weights.configured(), device);
            case NO_PERCEPTUAL -> NONE;
            default -> throw new IllegalArgumentException("perceptual loss must be one of " + VALUES + ", got "
                    + (value == null ? "nothing" : "'" + value + "'") + " (without the LPIPS file, set perceptual: "
                    + NO_PERCEPTUAL + "; README \"Perceptual loss (LPIPS)\")");
        };
    }

    /**
     * Checks that {@code x} and {@code y} are two batches of RGB images of one shape (N, 3, H, W).
     *
     * @return N
     * @throws IllegalArgumentException naming both shapes otherwise
     */
    static long checkImages(NDArray x, NDArray y) {
        Shape sx = x.getShape();
        Shape sy = y.getShape();
        if (sx.dimension() != 4 || sx.get(1) != 3 || !sx.equals(sy)) {
            throw new IllegalArgumentException("perceptual distance: expected two image batches (N, 3, H, W) of one shape,"
                    + " got " + sx + " and " + sy);
        }
        return sx.get(0);
    }
}
