package lddgan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import lddgan.config.Profile;
import lddgan.diffusion.EpsilonUNetConfig;
import lddgan.config.JsonPresets;
import lddgan.schedule.DiscreteSchedule;

/**
 * A training run of the Gaussian latent diffusion baseline ({@link DiffusionTrainer}; LDDGAN Table 3's DDPM / DDIM
 * rows, trained here in the same latent as LDDGAN): the epsilon network and the simple objective's optimiser. Presets in
 * {@code presets/diffusion-training/<name>.json} name the network preset and give, per smaller profile, a
 * {@link Scale}.
 *
 * @param name the preset name (checkpoints refuse another one)
 * @param description one line for people
 * @param network the epsilon U-Net
 * @param batchSize global batch size
 * @param epochs the run's nominal length (budgets are given in steps or epochs by the caller)
 * @param lr Adam learning rate (constant)
 * @param beta1 Adam beta1
 * @param beta2 Adam beta2
 * @param emaDecay decay of the network's exponential moving average (the one sampled)
 * @param horizontalFlip random horizontal flips of the training images
 */
public record DiffusionTrainingConfig(String name, String description, EpsilonUNetConfig network, int batchSize,
        int epochs, double lr, double beta1, double beta2, double emaDecay, boolean horizontalFlip) {

    /** The CIFAR-10 latent baseline. */
    public static final String LATENT_CIFAR10 = "eps-latent-cifar10";
    /** The cross-attention study's baseline: class embedding, self-attention at 8x8 and 4x4. */
    public static final String LATENT_CIFAR10_ATTN8 = "eps-latent-cifar10-attn8";
    /** The cross-attention study's network: spatial transformers attending to tau_theta(y) at the same places. */
    public static final String LATENT_CIFAR10_XATTN = "eps-latent-cifar10-xattn";
    /** The ImageNet-100 128x128 baseline of the latent DDPM/DDIM project (the imagenet100-f8 latent). */
    public static final String LATENT_IMAGENET100 = "eps-latent-imagenet100";
    /** All presets. */
    public static final List<String> PRESETS = List.of(LATENT_CIFAR10, LATENT_CIFAR10_ATTN8, LATENT_CIFAR10_XATTN,
            LATENT_IMAGENET100);
    private static final String DIR = "presets/diffusion-training";

    /**
     * How a preset shrinks for a smaller profile (as {@link ProfileScale} for the GANs).
     *
     * @param nf base width of the U-Net
     * @param numResBlocks residual blocks per level
     * @param batchSize global batch size
     * @param epochs nominal length
     * @param emaDecay EMA decay
     */
    public record Scale(int nf, int numResBlocks, int batchSize, int epochs, double emaDecay) {
    }

    /** Validates the values; messages name the preset and the field. */
    public DiffusionTrainingConfig {
        String where = "diffusion training config '" + name + "': ";
        if (network == null || batchSize < 1 || epochs < 1 || !(lr > 0) || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1) || !(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException(where + "needs a network, batchSize >= 1, epochs >= 1, lr > 0, betas and"
                    + " emaDecay in [0, 1); got batch " + batchSize + ", epochs " + epochs + ", lr " + lr + ", betas "
                    + beta1 + "/" + beta2 + ", EMA " + emaDecay);
        }
        description = description == null ? "" : description;
    }

    /**
     * The preset for a profile ({@link Profile#PAPER}: as written; smaller profiles apply the preset's {@link Scale}).
     *
     * @throws IllegalArgumentException naming the valid presets, or the missing profile
     */
    public static DiffusionTrainingConfig preset(String name, Profile profile) {
        String path = DIR + "/" + name + ".json";
        ObjectNode tree = JsonPresets.readTree(DIR, name, PRESETS, "diffusion training");
        JsonNode profiles = tree.remove("profiles");
        tree.set("network", new ObjectMapper().valueToTree(EpsilonUNetConfig.preset(tree.path("network").asText())));
        DiffusionTrainingConfig paper = JsonPresets.fromJson(tree.toString(), DiffusionTrainingConfig.class, "preset " + path);
        if (profile == Profile.PAPER) {
            return paper;
        }
        JsonNode scale = profiles == null ? null : profiles.get(profile.id());
        if (scale == null) {
            throw new IllegalArgumentException("diffusion training preset '" + name + "' has no '" + profile.id() + "' profile");
        }
        Scale s = JsonPresets.fromJson(scale.toString(), Scale.class, "preset " + path + " profiles." + profile.id());
        String suffix = "@" + profile.id();
        return new DiffusionTrainingConfig(name + suffix, paper.description + " [" + profile.id() + " profile: " + s + "]",
                paper.network.scaled(suffix, s.nf(), s.numResBlocks()), s.batchSize(), s.epochs(), paper.lr, paper.beta1,
                paper.beta2, s.emaDecay(), paper.horizontalFlip);
    }

    /**
     * A copy whose network trains (and samples) with another schedule family (notebook 07's schedule comparison), named
     * {@code <preset>-<schedule>[@<profile>]} so that its checkpoints are its own.
     */
    public DiffusionTrainingConfig withSchedule(DiscreteSchedule.Kind schedule) {
        String renamed = JsonPresets.variantName(name, "-" + schedule.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return new DiffusionTrainingConfig(renamed, description + " [" + schedule.name().toLowerCase(Locale.ROOT)
                + " schedule]", network.withSchedule(renamed, schedule), batchSize, epochs, lr, beta1, beta2, emaDecay,
                horizontalFlip);
    }

    /** Reads a configuration from JSON (a checkpoint manifest). */
    public static DiffusionTrainingConfig fromJson(String json) {
        return JsonPresets.fromJson(json, DiffusionTrainingConfig.class, "JSON");
    }

    /** This configuration as JSON. */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (epsilon U-Net nf %d, %s, T %d, %s, batch %d, lr %.3g, EMA %s)", name,
                network.nf(), network.schedule().name().toLowerCase(Locale.ROOT), network.timesteps(),
                network.conditional() ? network.numClasses() + " classes by " + (network.crossAttends()
                        ? "cross-attention" : "embedding") + ", label dropout " + network.labelDropout()
                        : "unconditional", batchSize, lr, emaDecay);
    }
}
