package lddgan.discriminator;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import lddgan.config.JsonPresets;

/**
 * Configuration of the time-dependent discriminator (REFERENCE-CODE.md section 3; LDDGAN Table 9).
 * Presets are JSON resources under {@code presets/discriminator/}, one per generator preset.
 *
 * <p>Channel plan with base width ngf (64 in every preset): a 1x1 convolution 2C -> 2 ngf, then
 *
 * <ul>
 *   <li>{@link Variant#SMALL} ({@code Discriminator_small}, CIFAR-10): block 0 keeps 2 ngf and the
 *       resolution; block i >= 1 downsamples to min(2 ngf 2^i, 8 ngf): 128, 256, 512, 512;
 *   <li>{@link Variant#LARGE} ({@code Discriminator_large}, 256 px): block i downsamples to
 *       min(2 ngf 2^(i+1), 8 ngf): 256, 512, 512, 512, ...
 * </ul>
 *
 * then minibatch std, conv3x3 (8 ngf + 1 -> 8 ngf), LReLU, sum over space, Linear(8 ngf -> 1).
 *
 * @param name the preset name, used in messages
 * @param description where the values come from
 * @param channels C of one input x (D sees concat(x_k, x_{k+1}), 2C channels)
 * @param resolution H = W of x
 * @param variant small or large
 * @param numBlocks number of DownConvBlocks (LDDGAN: 3 small / 4 large; DDGAN: 4 small / 6 large)
 * @param ngf base width (64)
 * @param tEmbDim width of the time embedding (256)
 */
public record DiscriminatorConfig(
        String name,
        String description,
        int channels,
        int resolution,
        Variant variant,
        int numBlocks,
        int ngf,
        int tEmbDim) {

    /** The two discriminators of DDGAN. */
    public enum Variant {
        /** {@code Discriminator_small}: first block keeps the resolution. */
        SMALL,
        /** {@code Discriminator_large}: every block downsamples. */
        LARGE
    }

    /**
     * All preset names: one discriminator per generator preset ({@link lddgan.generator.GeneratorConfig#PRESETS}).
     * LDDGAN CIFAR-10: small, 3 blocks on 4x16x16 latents (7.63M); CelebA-HQ and LSUN: large, 4 blocks (17.51M);
     * DDGAN CIFAR-10: small, 4 blocks on pixels (12.74M); DDGAN CelebA-HQ 256: large, 6 blocks (27.74M); WDDGAN
     * CIFAR-10: small, 3 blocks on 12x16x16 wavelet coefficients.
     */
    public static final List<String> PRESETS = lddgan.generator.GeneratorConfig.PRESETS;

    /** Validates the configuration. */
    public DiscriminatorConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        description = description == null ? "" : description;
        String where = "discriminator config '" + name + "': ";
        if (variant == null) {
            throw new IllegalArgumentException(where + "variant must be SMALL or LARGE");
        }
        if (channels < 1) {
            throw new IllegalArgumentException(where + "channels must be >= 1, got " + channels);
        }
        if (numBlocks < 1) {
            throw new IllegalArgumentException(where + "numBlocks must be >= 1, got " + numBlocks);
        }
        if (ngf < 1) {
            throw new IllegalArgumentException(where + "ngf must be >= 1, got " + ngf);
        }
        if (tEmbDim < 4 || tEmbDim % 2 != 0) {
            throw new IllegalArgumentException(where + "tEmbDim must be even and >= 4, got " + tEmbDim);
        }
        int downs = variant == Variant.SMALL ? numBlocks - 1 : numBlocks;
        if (resolution < 1 << downs || resolution % (1 << downs) != 0) {
            throw new IllegalArgumentException(where + "resolution must be divisible by 2^" + downs + " = " + (1 << downs)
                    + " (" + numBlocks + " " + variant + " blocks), got " + resolution);
        }
    }

    /**
     * Loads a preset from {@code presets/discriminator/<name>.json}.
     *
     * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
     */
    public static DiscriminatorConfig preset(String name) {
        return JsonPresets.loadResource("presets/discriminator", name, DiscriminatorConfig.class,
                lddgan.generator.GeneratorConfig.ALL);
    }

    /** Reads a configuration from JSON; unknown or missing keys and invalid values are rejected. */
    public static DiscriminatorConfig fromJson(String json) {
        return JsonPresets.fromJson(json, DiscriminatorConfig.class, "JSON");
    }

    /** This configuration as JSON. */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    /** Width after the 1x1 input convolution: 2 ngf. */
    public int startChannels() {
        return 2 * ngf;
    }

    /** Output channels of each block, in order. */
    public List<Integer> blockChannels() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < numBlocks; i++) {
            int doublings = variant == Variant.SMALL ? i : i + 1;
            out.add((int) Math.min((long) startChannels() << Math.min(doublings, 20), 8L * ngf));
        }
        return out;
    }

    /** Whether block i downsamples. */
    public boolean blockDownsamples(int i) {
        return variant == Variant.LARGE || i > 0;
    }

    /** The shape (N, C, H, W) of each of the two x inputs. */
    public Shape xShape(long batch) {
        return new Shape(batch, channels, resolution, resolution);
    }

    /** The three input shapes of the forward contract: x_k, t (N,), x_{k+1}. */
    public Shape[] inputShapes(long batch) {
        return new Shape[] {xShape(batch), new Shape(batch), xShape(batch)};
    }

    /** A copy with another name. */
    public DiscriminatorConfig withName(String name) {
        return new DiscriminatorConfig(name, description, channels, resolution, variant, numBlocks, ngf, tEmbDim);
    }

    /** A copy with another base width ngf (all widths scale with it), e.g. 8 for CPU profiles. */
    public DiscriminatorConfig withNgf(int ngf) {
        return new DiscriminatorConfig(name, description, channels, resolution, variant, numBlocks, ngf, tEmbDim);
    }

    /** A copy for inputs with another channel count. */
    public DiscriminatorConfig withChannels(int channels) {
        return new DiscriminatorConfig(name, description, channels, resolution, variant, numBlocks, ngf, tEmbDim);
    }

    /** A copy for inputs of another resolution. */
    public DiscriminatorConfig withResolution(int resolution) {
        return new DiscriminatorConfig(name, description, channels, resolution, variant, numBlocks, ngf, tEmbDim);
    }

    /** A copy with another number of blocks. */
    public DiscriminatorConfig withNumBlocks(int numBlocks) {
        return new DiscriminatorConfig(name, description, channels, resolution, variant, numBlocks, ngf, tEmbDim);
    }

    /** A copy of the other variant. */
    public DiscriminatorConfig withVariant(Variant variant) {
        return new DiscriminatorConfig(name, description, channels, resolution, variant, numBlocks, ngf, tEmbDim);
    }

    /** A copy with another time-embedding width. */
    public DiscriminatorConfig withTEmbDim(int tEmbDim) {
        return new DiscriminatorConfig(name, description, channels, resolution, variant, numBlocks, ngf, tEmbDim);
    }
}
