package lddgan.generator;

import java.util.ArrayList;
import java.util.List;
import lddgan.config.JsonPresets;

/**
 * Configuration of the NCSN++ generator with adaptive group norm (REFERENCE-CODE.md section 2;
 * LDDGAN Table 8). Presets are JSON resources under {@code presets/generator/} ({@link #preset});
 * {@code withX} methods give modified copies (e.g. a narrow width for CPU profiles).
 *
 * @param name the preset name, used in messages (e.g. {@code lddgan-cifar10})
 * @param description where the values come from
 * @param channels C of the input and output x (latent, pixel or wavelet channels)
 * @param resolution H = W of x
 * @param nf base width ({@code num_channels_dae}; 128 in the paper)
 * @param chMult channel multiplier per resolution level
 * @param numResBlocks residual blocks per level on the down path (the up path has one more)
 * @param attnResolutions resolutions with self-attention (the bottleneck attention always exists)
 * @param nz dimension of the latent z
 * @param zEmbDim width of the z mapping network (256)
 * @param nMlp hidden layers of the z mapping network after the first
 * @param dropout dropout rate in the residual blocks (0 in every preset)
 */
public record GeneratorConfig(
        String name,
        String description,
        int channels,
        int resolution,
        int nf,
        List<Integer> chMult,
        int numResBlocks,
        List<Integer> attnResolutions,
        int nz,
        int zEmbDim,
        int nMlp,
        double dropout) implements GeneratorSpec {

    /** The reference's default base width {@code num_channels_dae} (REFERENCE-CODE.md section 2): the paper's nf. */
    public static final int PAPER_NF = 128;

    /** LDDGAN, CIFAR-10 latent 4x16x16 (33.33M parameters). */
    public static final String LDDGAN_CIFAR10 = "lddgan-cifar10";
    /** LDDGAN, CelebA-HQ 256 latent 3x64x64. */
    public static final String LDDGAN_CELEBAHQ = "lddgan-celebahq";
    /** LDDGAN, LSUN Church 256 latent 4x32x32. */
    public static final String LDDGAN_LSUN = "lddgan-lsun";
    /** DDGAN, CIFAR-10 pixels 3x32x32 (48.43M). */
    public static final String DDGAN_CIFAR10 = "ddgan-cifar10";
    /** DDGAN, CelebA-HQ 256 pixels 3x256x256 (39.73M). */
    public static final String DDGAN_CELEBAHQ = "ddgan-celebahq";
    /** WDDGAN, CIFAR-10 wavelet coefficients 12x16x16 (33.37M). */
    public static final String WDDGAN_CIFAR10 = "wddgan-cifar10";

    /** All preset names of the paper (Tables 2 and 9), in its order. */
    public static final List<String> PRESETS = List.of(LDDGAN_CIFAR10, LDDGAN_CELEBAHQ, LDDGAN_LSUN, DDGAN_CIFAR10,
            DDGAN_CELEBAHQ, WDDGAN_CIFAR10);
    /** LDDGAN on the 4x8x8 latent of the f = 4 first stage (compression study). */
    public static final String LDDGAN_CIFAR10_F4 = "lddgan-cifar10-f4";
    /** LDDGAN on the 4x4x4 latent of the f = 8 first stage (compression study). */
    public static final String LDDGAN_CIFAR10_F8 = "lddgan-cifar10-f8";
    /**
     * The generators of the compression-factor study (LDM Sec. 4.1 at CIFAR scale), not in the paper's tables; with
     * their discriminators of the same names.
     */
    public static final List<String> COMPRESSION_STUDY = List.of(LDDGAN_CIFAR10_F4, LDDGAN_CIFAR10_F8);
    /** The paper's presets, then the study's: every name {@link #preset} loads. */
    public static final List<String> ALL = java.util.stream.Stream.concat(PRESETS.stream(), COMPRESSION_STUDY.stream())
            .toList();

    /** Validates the configuration. */
    public GeneratorConfig {
        require(name != null && !name.isBlank(), "name", "must not be blank");
        description = description == null ? "" : description;
        String where = "generator config '" + name + "': ";
        require(channels >= 1, where + "channels", "must be >= 1, got " + channels);
        require(nf >= 4 && nf % 4 == 0, where + "nf", "must be a positive multiple of 4 (GroupNorm uses min(C/4, 32) groups), got " + nf);
        require(chMult != null && !chMult.isEmpty(), where + "chMult", "must list at least one level");
        chMult = List.copyOf(chMult);
        for (int m : chMult) {
            require(m >= 1, where + "chMult", "entries must be >= 1, got " + chMult);
        }
        int levels = chMult.size();
        require(resolution >= 1 << (levels - 1) && resolution % (1 << (levels - 1)) == 0, where + "resolution",
                "must be divisible by 2^(levels-1) = " + (1 << (levels - 1)) + " for " + levels + " levels, got " + resolution);
        require(numResBlocks >= 1, where + "numResBlocks", "must be >= 1, got " + numResBlocks);
        require(attnResolutions != null, where + "attnResolutions", "must be a list (may be empty)");
        attnResolutions = List.copyOf(attnResolutions);
        List<Integer> levelResolutions = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            levelResolutions.add(resolution >> i);
        }
        for (int r : attnResolutions) {
            require(levelResolutions.contains(r), where + "attnResolutions",
                    "entry " + r + " is not one of the level resolutions " + levelResolutions);
        }
        require(nz >= 1, where + "nz", "must be >= 1, got " + nz);
        require(zEmbDim >= 1, where + "zEmbDim", "must be >= 1, got " + zEmbDim);
        require(nMlp >= 0, where + "nMlp", "must be >= 0, got " + nMlp);
        require(dropout >= 0 && dropout < 1, where + "dropout", "must be in [0, 1), got " + dropout);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + message);
        }
    }

    /**
     * Loads a preset from {@code presets/generator/<name>.json}.
     *
     * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
     */
    public static GeneratorConfig preset(String name) {
        return JsonPresets.loadResource("presets/generator", name, GeneratorConfig.class, ALL);
    }

    /** Reads a configuration from JSON; unknown or missing keys and invalid values are rejected. */
    public static GeneratorConfig fromJson(String json) {
        return JsonPresets.fromJson(json, GeneratorConfig.class, "JSON");
    }

    /** This configuration as JSON (to save beside a run). */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    /** The number of resolution levels. */
    public int levels() {
        return chMult.size();
    }

    /** The width of the time embedding: 4 nf. */
    public int tembDim() {
        return 4 * nf;
    }

    /** {@inheritDoc} */
    @Override
    public String backbone() {
        return "cnn";
    }

    /** {@inheritDoc} */
    @Override
    public NcsnppGenerator build() {
        return new NcsnppGenerator(this);
    }

    /** {@inheritDoc} Every width scales with nf; chMult and the attention resolutions stay. */
    @Override
    public GeneratorConfig scaled(int newNf, int newNumResBlocks) {
        return withNf(newNf).withNumResBlocks(newNumResBlocks);
    }

    /** A copy with another name. */
    @Override
    public GeneratorConfig withName(String name) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with another base width nf (all widths scale with it), e.g. 16 for CPU profiles. */
    public GeneratorConfig withNf(int nf) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy for x with another channel count. */
    public GeneratorConfig withChannels(int channels) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy for x of another resolution (attention resolutions must still be level resolutions). */
    public GeneratorConfig withResolution(int resolution) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with other channel multipliers. */
    public GeneratorConfig withChMult(List<Integer> chMult) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with another number of residual blocks per level. */
    public GeneratorConfig withNumResBlocks(int numResBlocks) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with other attention resolutions. */
    public GeneratorConfig withAttnResolutions(List<Integer> attnResolutions) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with another z dimension. */
    public GeneratorConfig withNz(int nz) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with another z embedding width. */
    public GeneratorConfig withZEmbDim(int zEmbDim) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with another depth of the z mapping network. */
    public GeneratorConfig withNMlp(int nMlp) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }

    /** A copy with another dropout rate. */
    public GeneratorConfig withDropout(double dropout) {
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions,
                nz, zEmbDim, nMlp, dropout);
    }
}
