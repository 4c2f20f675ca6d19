package lddgan.autoencoder;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import lddgan.config.JsonPresets;

/**
 * Architecture of an LDM-style first stage (REFERENCE-CODE.md section 6; LDDGAN Sec. 4.2 and Table 1): the
 * {@link Encoder} and {@link Decoder} of latent-diffusion's {@code ddconfig}, the 1x1 {@code quant_conv} and
 * {@code post_quant_conv}, and the regulariser. Presets are JSON resources under {@code presets/autoencoder/}.
 *
 * @param name the preset name (e.g. {@code cifar10-f2})
 * @param description where the values come from
 * @param regularizer KL, VQ (quantise in the decoder) or NONE (KL net without the KL term)
 * @param resolution input H = W
 * @param inChannels image channels (3)
 * @param outChannels decoded image channels (3)
 * @param ch base width
 * @param chMult channel multiplier per level; f = 2^(levels - 1)
 * @param numResBlocks ResNet blocks per encoder level (the decoder has one more)
 * @param attnResolutions resolutions with self-attention after every ResNet block (the middle attention always exists)
 * @param dropout dropout in the ResNet blocks
 * @param zChannels encoder output channels (doubled for a Gaussian posterior when {@code doubleZ})
 * @param doubleZ whether the encoder emits mean and log-variance (KL, NONE)
 * @param embedDim latent channels after quant_conv ({@code embed_dim})
 * @param nEmbed VQ codebook size (0 for KL / NONE)
 * @param beta VQ commitment weight (0 for KL / NONE)
 * @param tanhOut whether the decoder ends with tanh
 * @param scaleFactor the reference's divisor of raw latents for the diffusion (105 / 6 / 60)
 */
public record AutoencoderConfig(
        String name,
        String description,
        Regularizer regularizer,
        int resolution,
        int inChannels,
        int outChannels,
        int ch,
        List<Integer> chMult,
        int numResBlocks,
        List<Integer> attnResolutions,
        double dropout,
        int zChannels,
        boolean doubleZ,
        int embedDim,
        int nEmbed,
        double beta,
        boolean tanhOut,
        double scaleFactor) {

    /** CIFAR-10, AutoencoderKL f = 2, latent 4x16x16 (14.65M: encoder 6.02M, decoder 8.63M). */
    public static final String CIFAR10_F2 = "cifar10-f2";
    /** CelebA-HQ 256, VQ f = 4 quantised in the decoder, latent 3x64x64 (55.32M). */
    public static final String CELEBAHQ_VQ_F4 = "celebahq-vq-f4";
    /** LSUN Church 256, AutoencoderKL f = 8, latent 4x32x32 (83.65M). */
    public static final String LSUN_KL_F8 = "lsun-kl-f8";
    /** All presets of Table 1, in its order. */
    public static final List<String> PRESETS = List.of(CIFAR10_F2, CELEBAHQ_VQ_F4, LSUN_KL_F8);
    /** CIFAR-10, AutoencoderKL f = 4 (one level more than cifar10-f2), latent 4x8x8: LDM's compression study. */
    public static final String CIFAR10_F4 = "cifar10-f4";
    /** CIFAR-10, AutoencoderKL f = 8 (two levels more than cifar10-f2), latent 4x4x4: LDM's compression study. */
    public static final String CIFAR10_F8 = "cifar10-f8";
    /**
     * The first stages of the compression-factor study (LDM Sec. 4.1 at CIFAR scale; with cifar10-f2 and pixel space
     * as f = 1), not in Table 1.
     */
    public static final List<String> COMPRESSION_STUDY = List.of(CIFAR10_F4, CIFAR10_F8);
    /** ImageNet-100 at 128x128, AutoencoderKL f = 8 (LDM's kl-f8, the network of lsun-kl-f8), latent 4x16x16. */
    public static final String IMAGENET100_F8 = "imagenet100-f8";
    /** The first stages for the latent DDPM/DDIM project's datasets beyond CIFAR-10, not in Table 1. */
    public static final List<String> LATENT_DIFFUSION = List.of(IMAGENET100_F8);
    private static final List<String> ALL = java.util.stream.Stream.of(PRESETS, COMPRESSION_STUDY, LATENT_DIFFUSION)
            .flatMap(List::stream).toList();

    /** Validates the configuration. */
    public AutoencoderConfig {
        require(name != null && !name.isBlank(), "name", "must not be blank");
        description = description == null ? "" : description;
        String where = "autoencoder config '" + name + "': ";
        require(regularizer != null, where + "regularizer", "must be one of KL, VQ, NONE");
        require(inChannels >= 1 && outChannels >= 1, where + "inChannels/outChannels", "must be >= 1");
        require(ch >= 32 && ch % 32 == 0, where + "ch",
                "must be a positive multiple of 32 (every GroupNorm has 32 groups), got " + ch);
        require(chMult != null && !chMult.isEmpty(), where + "chMult", "must list at least one level");
        chMult = List.copyOf(chMult);
        for (int m : chMult) {
            require(m >= 1, where + "chMult", "entries must be >= 1, got " + chMult);
        }
        int f = 1 << (chMult.size() - 1);
        require(resolution >= f && resolution % f == 0, where + "resolution",
                "must be divisible by f = " + f + ", got " + resolution);
        require(numResBlocks >= 1, where + "numResBlocks", "must be >= 1, got " + numResBlocks);
        require(attnResolutions != null, where + "attnResolutions", "must be a list (may be empty)");
        attnResolutions = List.copyOf(attnResolutions);
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < chMult.size(); i++) {
            levels.add(resolution >> i);
        }
        require(levels.containsAll(attnResolutions), where + "attnResolutions",
                attnResolutions + " must be level resolutions " + levels);
        require(dropout >= 0 && dropout < 1, where + "dropout", "must be in [0, 1), got " + dropout);
        require(zChannels >= 1 && embedDim >= 1, where + "zChannels/embedDim", "must be >= 1");
        require(doubleZ == regularizer.gaussian(), where + "doubleZ",
                "must be " + regularizer.gaussian() + " for regularizer " + regularizer);
        if (regularizer == Regularizer.VQ) {
            require(nEmbed >= 2, where + "nEmbed", "a VQ codebook needs >= 2 entries, got " + nEmbed);
            require(beta >= 0, where + "beta", "must be >= 0, got " + beta);
        } else {
            require(nEmbed == 0 && beta == 0, where + "nEmbed/beta", "must be 0 without VQ, got " + nEmbed + "/" + beta);
        }
        require(scaleFactor > 0, where + "scaleFactor", "must be > 0, got " + scaleFactor);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + message);
        }
    }

    /**
     * Loads a preset from {@code presets/autoencoder/<name>.json}.
     *
     * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
     */
    public static AutoencoderConfig preset(String name) {
        return JsonPresets.loadResource("presets/autoencoder", name, AutoencoderConfig.class, ALL);
    }

    /** Reads a configuration from JSON; unknown or missing keys and invalid values are rejected. */
    public static AutoencoderConfig fromJson(String json) {
        return JsonPresets.fromJson(json, AutoencoderConfig.class, "JSON");
    }

    /** This configuration as JSON. */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    /** The spatial downsampling factor f = 2^(levels - 1) (Table 1). */
    public int factor() {
        return 1 << (chMult.size() - 1);
    }

    /** The latent resolution, resolution / f. */
    public int latentResolution() {
        return resolution / factor();
    }

    /** The latent shape (embedDim, resolution / f, resolution / f) with a leading batch axis. */
    public Shape latentShape(long batch) {
        return new Shape(batch, embedDim, latentResolution(), latentResolution());
    }

    /** The image shape (N, inChannels, resolution, resolution). */
    public Shape imageShape(long batch) {
        return new Shape(batch, inChannels, resolution, resolution);
    }

    /** A copy with another base width (CPU profiles). */
    public AutoencoderConfig withCh(int ch) {
        return new AutoencoderConfig(name, description, regularizer, resolution, inChannels, outChannels, ch, chMult,
                numResBlocks, attnResolutions, dropout, zChannels, doubleZ, embedDim, nEmbed, beta, tanhOut, scaleFactor);
    }

    /** A copy with another name and regulariser between KL and NONE (the KL ablation, Table 7). */
    public AutoencoderConfig withRegularizer(String name, Regularizer regularizer) {
        if (!this.regularizer.gaussian() || !regularizer.gaussian()) {
            throw new IllegalArgumentException("autoencoder config '" + this.name + "': only KL and NONE share a network;"
                    + " cannot switch " + this.regularizer + " to " + regularizer);
        }
        return new AutoencoderConfig(name, description, regularizer, resolution, inChannels, outChannels, ch, chMult,
                numResBlocks, attnResolutions, dropout, zChannels, doubleZ, embedDim, nEmbed, beta, tanhOut, scaleFactor);
    }
}
