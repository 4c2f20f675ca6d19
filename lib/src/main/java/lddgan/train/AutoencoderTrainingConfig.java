package lddgan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import lddgan.autoencoder.AutoencoderConfig;
import lddgan.autoencoder.PerceptualLoss;
import lddgan.autoencoder.Regularizer;
import lddgan.config.Profile;
import lddgan.config.JsonPresets;

/**
 * A training run of an LDM-style first stage (LDDGAN Sec. 4.2 and 5.1.3; REFERENCE-CODE.md section 6; LDM's
 * {@code LPIPSWithDiscriminator} / {@code VQLPIPSWithDiscriminator}). The reference repository ships no
 * autoencoder training code; these are LDM's losses with the values REFERENCE-CODE.md lists.
 *
 * <p>Presets live in {@code presets/autoencoder-training/<name>.json}: the paper's values, and a {@code profiles}
 * object whose entries replace fields for the smaller profiles (the name gains "@cpu" / "@smoke").
 *
 * @param name the preset name (checkpoints refuse another one)
 * @param description one line for people
 * @param autoencoder the architecture (its {@code ch} replaced by {@link #ch}, its regulariser by {@link #regularizer})
 * @param regularizer KL, VQ or NONE (the KL net without the KL term: the paper's "no KL", Table 7)
 * @param ch the base width (128 in every paper preset)
 * @param batchSize images per step (32 for CIFAR-10)
 * @param learningRate Adam learning rate of the autoencoder and the patch discriminator (LDM: base 4.5e-6 x batch)
 * @param beta1 Adam beta1 (0.5)
 * @param beta2 Adam beta2 (0.9)
 * @param klWeight weight of the batch-mean KL(q(z|x) || N(0, I)) (1e-6; ignored unless KL)
 * @param perceptual "lpips" or "none" ({@link PerceptualLoss})
 * @param perceptualWeight weight of the perceptual distance inside the per-pixel reconstruction loss (1)
 * @param discWeight the adaptive weight's factor ({@code disc_weight}: 0.5 KL, 0.75 VQ)
 * @param discStart the step from which the adversarial terms are on ({@code disc_start}: 50001 CIFAR-10)
 * @param discLayers layers of the patch discriminator (3)
 * @param discNdf base width of the patch discriminator (64)
 * @param codebookWeight weight of the VQ loss (1; ignored unless VQ)
 * @param flipProbability probability of a horizontal flip of each training image (0.15 for CIFAR-10)
 */
public record AutoencoderTrainingConfig(
        String name,
        String description,
        AutoencoderConfig autoencoder,
        Regularizer regularizer,
        int ch,
        int batchSize,
        double learningRate,
        double beta1,
        double beta2,
        double klWeight,
        String perceptual,
        double perceptualWeight,
        double discWeight,
        long discStart,
        int discLayers,
        int discNdf,
        double codebookWeight,
        double flipProbability) {

    /** The CIFAR-10 f = 2 KL autoencoder of the reference (kl_weight 1e-6). */
    public static final String CIFAR10_F2 = "cifar10-f2";
    /** The same network without the KL term (the paper's choice, Table 7). */
    public static final String CIFAR10_F2_NOKL = "cifar10-f2-nokl";
    /** The CelebA-HQ VQ-f4 autoencoder. */
    public static final String CELEBAHQ_VQ_F4 = "celebahq-vq-f4";
    /** The LSUN Church KL-f8 autoencoder. */
    public static final String LSUN_KL_F8 = "lsun-kl-f8";
    /** The f = 4 network of the compression study, trained as cifar10-f2. */
    public static final String CIFAR10_F4 = "cifar10-f4";
    /** The f = 8 network of the compression study, trained as cifar10-f2. */
    public static final String CIFAR10_F8 = "cifar10-f8";
    /** The ImageNet-100 128x128 f = 8 KL autoencoder of the latent DDPM/DDIM project (LDM's kl-f8 recipe). */
    public static final String IMAGENET100_F8 = "imagenet100-f8";
    /** All presets. */
    public static final List<String> PRESETS = List.of(CIFAR10_F2, CIFAR10_F2_NOKL, CELEBAHQ_VQ_F4, LSUN_KL_F8,
            CIFAR10_F4, CIFAR10_F8, IMAGENET100_F8);
    private static final String DIR = "presets/autoencoder-training";

    /** Validates the configuration; messages name the preset and the field. */
    public AutoencoderTrainingConfig {
        String where = "autoencoder training config '" + name + "': ";
        check(name != null && !name.isBlank(), "autoencoder training config: name must not be blank");
        description = description == null ? "" : description;
        check(autoencoder != null && regularizer != null, where + "autoencoder and regularizer are required");
        check(regularizer.gaussian() == autoencoder.regularizer().gaussian(), where + "regularizer " + regularizer
                + " does not fit the " + autoencoder.regularizer() + " network of '" + autoencoder.name() + "'");
        check(batchSize >= 1, where + "batchSize must be >= 1, got " + batchSize);
        check(learningRate > 0, where + "learningRate must be > 0, got " + learningRate);
        check(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, where + "Adam betas must be in [0, 1)");
        check(klWeight >= 0 && perceptualWeight >= 0 && discWeight >= 0 && codebookWeight >= 0,
                where + "loss weights must be >= 0");
        check(perceptual != null && PerceptualLoss.VALUES.contains(perceptual),
                where + "perceptual must be one of " + PerceptualLoss.VALUES + ", got " + perceptual);
        check(discStart >= 0, where + "discStart must be >= 0, got " + discStart);
        check(discLayers >= 1 && discNdf >= 1, where + "discLayers and discNdf must be >= 1");
        check(flipProbability >= 0 && flipProbability <= 1, where + "flipProbability must be in [0, 1], got " + flipProbability);
        // the network as trained: the preset's architecture at this width and with this regulariser
        AutoencoderConfig net = autoencoder.withCh(ch);
        autoencoder = regularizer == net.regularizer() ? net : net.withRegularizer(net.name(), regularizer);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The preset at the paper's scale. */
    public static AutoencoderTrainingConfig preset(String name) {
        return preset(name, Profile.PAPER);
    }

    /**
     * The preset for a profile: the paper's values, with the profile's replacements for smaller profiles.
     *
     * @throws IllegalArgumentException when the preset is unknown or has no entry for the profile
     */
    public static AutoencoderTrainingConfig preset(String name, Profile profile) {
        String path = DIR + "/" + name + ".json";
        ObjectNode tree = JsonPresets.readTree(DIR, name, PRESETS, "autoencoder training");
        JsonNode profiles = tree.remove("profiles");
        if (profile != Profile.PAPER) {
            JsonNode changes = profiles == null ? null : profiles.get(profile.id());
            if (changes == null) {
                throw new IllegalArgumentException("autoencoder training preset '" + name + "' has no '" + profile.id()
                        + "' profile: it is meant for the paper profile on a GPU");
            }
            for (Iterator<String> it = changes.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!tree.has(key) || key.equals("name") || key.equals("autoencoder")) {
                    throw new IllegalArgumentException(path + " profiles." + profile.id() + ": cannot replace '" + key + "'");
                }
                tree.set(key, changes.get(key));
            }
            tree.put("name", name + "@" + profile.id());
        }
        tree.set("autoencoder", new ObjectMapper().valueToTree(AutoencoderConfig.preset(tree.path("autoencoder").asText())));
        return JsonPresets.fromJson(tree.toString(), AutoencoderTrainingConfig.class, "preset " + path);
    }

    /** Reads a configuration from JSON (a checkpoint manifest); strict like the presets. */
    public static AutoencoderTrainingConfig fromJson(String json) {
        return JsonPresets.fromJson(json, AutoencoderTrainingConfig.class, "JSON");
    }

    /** This configuration as JSON. */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    /**
     * A copy with another weight of the KL term (a VAE whose prior is usable needs a far larger one than LDDGAN's
     * 1e-6; notebook 07's sweep), named {@code <preset>-kl<weight>[@<profile>]} so that its checkpoints are its own.
     *
     * @throws IllegalArgumentException when the regulariser is not KL or the weight is negative or not finite
     */
    public AutoencoderTrainingConfig withKlWeight(double weight) {
        if (regularizer != Regularizer.KL || !(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("autoencoder training config '" + name + "': withKlWeight needs a KL"
                    + " regulariser and a finite weight >= 0, got " + regularizer + " and " + weight);
        }
        return new AutoencoderTrainingConfig(JsonPresets.variantName(name, "-kl" + klLabel(weight)), description + " [KL weight "
                + klLabel(weight) + "]", autoencoder, regularizer, ch, batchSize, learningRate, beta1, beta2, weight,
                perceptual, perceptualWeight, discWeight, discStart, discLayers, discNdf, codebookWeight, flipProbability);
    }

    /** A KL weight as names and tables print it: "1e-06", "0.01", "1". */
    public static String klLabel(double weight) {
        return weight == Math.rint(weight) && Math.abs(weight) < 1e6 ? Long.toString((long) weight)
                : weight >= 1e-3 ? java.math.BigDecimal.valueOf(weight).stripTrailingZeros().toPlainString()
                : String.format(java.util.Locale.ROOT, "%.0e", weight);
    }

    /** The weight of the KL term as applied: {@link #klWeight} for KL, 0 otherwise. */
    public double appliedKlWeight() {
        return regularizer == Regularizer.KL ? klWeight : 0;
    }
}
