package lddgan.generator;

import java.util.List;
import lddgan.config.JsonPresets;

/**
 * Configuration of the U-ViT generator with adaptive layer norms ({@link UViTGenerator}; LDDGAN Appendix C, Tables
 * 11-12; REFERENCE-CODE.md section 8). The reference repository has no ViT code, so the three sizes are ours: U-ViT's
 * layout (patch 2, time as a token, long skips, no qkv bias) with the widths and depths that come closest to Table
 * 11's parameter counts (lib/GENERATORS.md lists the search and the residual differences).
 *
 * @param name the preset name (e.g. {@code vit-tiny})
 * @param description where the values come from
 * @param channels C of x (4 for the CIFAR-10 latent)
 * @param resolution H = W of x
 * @param patchSize p: x is cut into (H / p)^2 patches of p x p x C values
 * @param embedDim D, the token width
 * @param depth in-blocks + out-blocks (even); the mid block comes on top, so there are depth + 1 blocks and depth / 2
 *     long skips (U-ViT's convention: its "depth 12" has 13 blocks)
 * @param numHeads attention heads (must divide D)
 * @param mlpRatio hidden width of each block's MLP over D
 * @param qkvBias whether q, k, v have a bias (U-ViT: false)
 * @param nz dimension of z
 * @param zEmbDim width of the z mapping network (256, as the CNN)
 * @param nMlp hidden layers of the z mapping network after the first (4, as LDDGAN CIFAR-10)
 */
public record UViTConfig(
        String name,
        String description,
        int channels,
        int resolution,
        int patchSize,
        int embedDim,
        int depth,
        int numHeads,
        double mlpRatio,
        boolean qkvBias,
        int nz,
        int zEmbDim,
        int nMlp) implements GeneratorSpec {

    /** Table 11's "ViT Tiny" (28.01M published). */
    public static final String VIT_TINY = "vit-tiny";
    /** Table 11's "ViT Mid" (43.32M published). */
    public static final String VIT_MID = "vit-mid";
    /** Table 11's "ViT Large" (56.17M published). */
    public static final String VIT_LARGE = "vit-large";
    /** The U-ViT presets, smallest first. */
    public static final List<String> PRESETS = List.of(VIT_TINY, VIT_MID, VIT_LARGE);

    /** Validates the configuration; messages name the preset and the field. */
    public UViTConfig {
        String where = "U-ViT config '" + name + "': ";
        check(name != null && !name.isBlank(), "U-ViT config: name must not be blank");
        description = description == null ? "" : description;
        check(channels >= 1, where + "channels must be >= 1, got " + channels);
        check(patchSize >= 1 && resolution >= patchSize && resolution % patchSize == 0,
                where + "resolution must be a positive multiple of patchSize, got " + resolution + " and " + patchSize);
        check(numHeads >= 1 && embedDim >= 4 && embedDim % numHeads == 0,
                where + "embedDim must be >= 4 and divisible by numHeads, got " + embedDim + " and " + numHeads);
        check(depth >= 2 && depth % 2 == 0, where + "depth (in-blocks + out-blocks) must be even and >= 2, got " + depth);
        check(mlpRatio > 0 && embedDim * mlpRatio >= 1, where + "mlpRatio must be > 0, got " + mlpRatio);
        check(nz >= 1 && zEmbDim >= 1 && nMlp >= 0, where + "nz and zEmbDim must be >= 1 and nMlp >= 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Loads a preset from {@code presets/generator/<name>.json}.
     *
     * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
     */
    public static UViTConfig preset(String name) {
        return JsonPresets.loadResource("presets/generator", name, UViTConfig.class, PRESETS);
    }

    /** Reads a configuration from JSON; unknown or missing keys and invalid values are rejected. */
    public static UViTConfig fromJson(String json) {
        return JsonPresets.fromJson(json, UViTConfig.class, "JSON");
    }

    /** This configuration as JSON. */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    /** {@inheritDoc} */
    @Override
    public String backbone() {
        return "vit";
    }

    /** {@inheritDoc} */
    @Override
    public UViTGenerator build() {
        return new UViTGenerator(this);
    }

    /** The number of patch tokens (H / p)^2; the sequence has one more, the time token. */
    public int patchTokens() {
        int side = resolution / patchSize;
        return side * side;
    }

    /** In-blocks (= out-blocks = long skips): depth / 2. */
    public int halfDepth() {
        return depth / 2;
    }

    /** {@inheritDoc} */
    @Override
    public UViTConfig withName(String newName) {
        return new UViTConfig(newName, description, channels, resolution, patchSize, embedDim, depth, numHeads, mlpRatio,
                qkvBias, nz, zEmbDim, nMlp);
    }

    /** A copy with another token width D (the heads stay; D must remain divisible by them). */
    public UViTConfig withEmbedDim(int newEmbedDim) {
        return new UViTConfig(name, description, channels, resolution, patchSize, newEmbedDim, depth, numHeads, mlpRatio,
                qkvBias, nz, zEmbDim, nMlp);
    }

    /**
     * {@inheritDoc} The token width scales by nf / {@link GeneratorConfig#PAPER_NF}: the cpu profile's nf 32 turns D 448
     * into 112 (7 heads of 16); depth, MLP ratio and heads stay, so the three sizes keep their ratios.
     *
     * @throws IllegalArgumentException when the scaled width is not a whole multiple of the heads
     */
    @Override
    public UViTConfig scaled(int nf, int numResBlocks) {
        long scaled = (long) embedDim * nf;
        if (scaled % GeneratorConfig.PAPER_NF != 0 || (scaled / GeneratorConfig.PAPER_NF) % numHeads != 0) {
            throw new IllegalArgumentException("U-ViT config '" + name + "': width " + embedDim + " x " + nf + " / "
                    + GeneratorConfig.PAPER_NF + " is not a whole multiple of " + numHeads + " heads");
        }
        return withEmbedDim((int) (scaled / GeneratorConfig.PAPER_NF));
    }
}
