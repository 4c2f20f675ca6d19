package lddgan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import lddgan.space.SpaceKind;
import lddgan.config.Profile;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.GeneratorSpec;
import lddgan.config.JsonPresets;
import lddgan.loss.ReconstructionWeighting;
import lddgan.optim.LearningRateSchedule;

/**
 * Everything that defines a training run of DDGAN, WDDGAN or LDDGAN (REFERENCE-CODE.md sections 0, 2, 4, 5;
 * LDDGAN Table 10). One loop ({@link GanTrainer}) trains all three; they differ in {@link #space}, the networks and
 * {@link #reconstruction}.
 *
 * <p>Presets live in {@code presets/training/<name>.json}: the paper's values, with the generator and discriminator
 * named by their presets and a {@code profiles} object giving the {@link ProfileScale} of the smaller profiles. A preset
 * may {@code "extends"} another and list only what differs (the U-ViT presets extend {@code lddgan-cifar10}).
 * The batch size is global (the reference code's is per GPU: 64 x 4 GPUs = 256 for DDGAN/WDDGAN CIFAR-10).
 *
 * @param name the preset name (checkpoints refuse another one)
 * @param description one line for people
 * @param space pixel (DDGAN), wavelet (WDDGAN) or latent (LDDGAN); presets write it in lower case
 * @param generator the generator configuration: the CNN (NCSN++) or the U-ViT backbone
 * @param discriminator the discriminator configuration
 * @param numSteps T, the number of denoising steps
 * @param batchSize global batch size
 * @param epochs N, the length of the per-epoch schedules (Weighted Learning, cosine learning rate)
 * @param lrG generator learning rate
 * @param lrD discriminator learning rate
 * @param beta1 Adam beta1 (0.5)
 * @param beta2 Adam beta2 (0.9)
 * @param lrSchedule constant (LDDGAN) or cosine per epoch (DDGAN, WDDGAN)
 * @param lrMin eta_min of the cosine schedule (1e-5)
 * @param emaDecay decay of the generator's exponential moving average
 * @param r1Gamma gamma of the R1 penalty, applied as (gamma / 2) mean ||grad_x D||^2
 * @param lazyReg R1 is applied on steps that are multiples of this
 * @param reconstruction the weighting of the L1 term of the generator loss
 * @param recWeight the fixed weight of {@link ReconstructionWeighting#FIXED}
 * @param wlDelta delta of Weighted Learning (6)
 * @param horizontalFlip random horizontal flips of the training images (DDGAN's CIFAR-10, CelebA and LSUN loaders)
 */
public record TrainingConfig(
        String name,
        String description,
        SpaceKind space,
        GeneratorSpec generator,
        DiscriminatorConfig discriminator,
        int numSteps,
        int batchSize,
        int epochs,
        double lrG,
        double lrD,
        double beta1,
        double beta2,
        LearningRateSchedule lrSchedule,
        double lrMin,
        double emaDecay,
        double r1Gamma,
        int lazyReg,
        ReconstructionWeighting reconstruction,
        double recWeight,
        double wlDelta,
        boolean horizontalFlip) {

    /** LDDGAN CIFAR-10 (latent 4x16x16, Weighted Learning, constant LR). */
    public static final String LDDGAN_CIFAR10 = "lddgan-cifar10";
    /** DDGAN CIFAR-10 (pixels, no reconstruction term, cosine LR). */
    public static final String DDGAN_CIFAR10 = "ddgan-cifar10";
    /** WDDGAN CIFAR-10 (Haar wavelet 12x16x16, fixed reconstruction weight 1, cosine LR). */
    public static final String WDDGAN_CIFAR10 = "wddgan-cifar10";
    /** All training presets. */
    public static final List<String> PRESETS = List.of(LDDGAN_CIFAR10, DDGAN_CIFAR10, WDDGAN_CIFAR10,
            "lddgan-celebahq", "lddgan-lsun", "ddgan-celebahq", "lddgan-cifar10-vit-tiny", "lddgan-cifar10-vit-mid",
            "lddgan-cifar10-vit-large", GeneratorConfig.LDDGAN_CIFAR10_F4, GeneratorConfig.LDDGAN_CIFAR10_F8);

    private static final String DIR = "presets/training";

    /** Validates the configuration; messages name the preset and the field. */
    public TrainingConfig {
        String where = "training config '" + name + "': ";
        check(name != null && !name.isBlank(), "training config: name must not be blank");
        description = description == null ? "" : description;
        check(space != null, where + "key 'space' must be one of " + SpaceKind.NAMES + ", got null");
        check(generator != null && discriminator != null, where + "generator and discriminator are required");
        check(generator.channels() == discriminator.channels() && generator.resolution() == discriminator.resolution(),
                where + "generator works on " + generator.channels() + "x" + generator.resolution() + "x"
                        + generator.resolution() + " but the discriminator on " + discriminator.channels() + "x"
                        + discriminator.resolution() + "x" + discriminator.resolution());
        check(numSteps >= 1, where + "numSteps must be >= 1, got " + numSteps);
        check(batchSize >= 1, where + "batchSize must be >= 1, got " + batchSize);
        check(batchSize <= 4 || batchSize % 4 == 0,
                where + "batchSize must be a multiple of 4 (the minibatch-std group) when above 4, got " + batchSize);
        check(epochs >= 1, where + "epochs must be >= 1, got " + epochs);
        check(lrG > 0 && lrD > 0, where + "learning rates must be > 0, got lrG " + lrG + ", lrD " + lrD);
        check(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, where + "Adam betas must be in [0, 1)");
        check(lrSchedule != null && reconstruction != null, where + "lrSchedule and reconstruction are required");
        check(lrMin >= 0 && lrMin <= Math.min(lrG, lrD), where + "lrMin must be in [0, min(lrG, lrD)], got " + lrMin);
        check(emaDecay >= 0 && emaDecay < 1, where + "emaDecay must be in [0, 1), got " + emaDecay);
        check(r1Gamma >= 0, where + "r1Gamma must be >= 0, got " + r1Gamma);
        check(lazyReg >= 1, where + "lazyReg must be >= 1, got " + lazyReg);
        check(recWeight >= 0 && wlDelta > 0, where + "recWeight must be >= 0 and wlDelta > 0");
    }

    /**
     * The preset {@code name} at the paper's scale.
     *
     * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
     */
    public static TrainingConfig preset(String name) {
        return preset(name, Profile.PAPER);
    }

    /**
     * The preset {@code name} for a profile: {@link Profile#PAPER} is the paper's configuration; smaller profiles
     * apply the preset's {@link ProfileScale} for that profile.
     *
     * @throws IllegalArgumentException when the preset is unknown or has no scale for the profile
     */
    public static TrainingConfig preset(String name, Profile profile) {
        ObjectNode tree = readPreset(name);
        JsonNode profiles = tree.remove("profiles");
        ObjectMapper mapper = new ObjectMapper();
        tree.set("generator", mapper.valueToTree(GeneratorSpec.preset(tree.path("generator").asText())));
        tree.set("discriminator", mapper.valueToTree(DiscriminatorConfig.preset(tree.path("discriminator").asText())));
        TrainingConfig paper = JsonPresets.fromJson(tree.toString(), TrainingConfig.class, "preset " + DIR + "/" + name + ".json");
        if (profile == Profile.PAPER) {
            return paper;
        }
        JsonNode scale = profiles == null ? null : profiles.get(profile.id());
        if (scale == null) {
            throw new IllegalArgumentException("training preset '" + name + "' has no '" + profile.id()
                    + "' profile: it is meant for the paper profile on a GPU");
        }
        return paper.scaled(JsonPresets.fromJson(scale.toString(), ProfileScale.class,
                "preset " + DIR + "/" + name + " profiles." + profile.id()), profile);
    }

    /** Reads a configuration from JSON (a checkpoint manifest); strict like the presets. */
    public static TrainingConfig fromJson(String json) {
        return JsonPresets.fromJson(json, TrainingConfig.class, "JSON");
    }

    /** This configuration as JSON. */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    /** This configuration shrunk by {@code scale}; the name gains the profile ("ddgan-cifar10@cpu"). */
    public TrainingConfig scaled(ProfileScale scale, Profile profile) {
        String suffix = "@" + profile.id();
        GeneratorSpec g = generator.withName(generator.name() + suffix).scaled(scale.nf(), scale.numResBlocks());
        DiscriminatorConfig d = discriminator.withName(discriminator.name() + suffix).withNgf(scale.ngf());
        return new TrainingConfig(name + suffix, description + " [" + profile.id() + " profile: " + scale + "]", space, g,
                d, numSteps, scale.batchSize(), scale.epochs(), lrG, lrD, beta1, beta2, lrSchedule, lrMin,
                scale.emaDecay(), r1Gamma, lazyReg, reconstruction, recWeight, wlDelta, horizontalFlip);
    }

    /** A copy with another R1 interval (benchmarks use 1 to exercise R1 on every step). */
    public TrainingConfig withLazyReg(int newLazyReg) {
        return new TrainingConfig(name, description, space, generator, discriminator, numSteps, batchSize, epochs, lrG,
                lrD, beta1, beta2, lrSchedule, lrMin, emaDecay, r1Gamma, newLazyReg, reconstruction, recWeight, wlDelta,
                horizontalFlip);
    }

    /** A copy with another batch size (a profile of the paper's networks at a batch this machine can run). */
    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(name, description, space, generator, discriminator, numSteps, newBatchSize, epochs, lrG,
                lrD, beta1, beta2, lrSchedule, lrMin, emaDecay, r1Gamma, lazyReg, reconstruction, recWeight, wlDelta,
                horizontalFlip);
    }

    /** A copy with another reconstruction weighting (the loss ablation of Table 6). */
    public TrainingConfig withReconstruction(ReconstructionWeighting newReconstruction) {
        return new TrainingConfig(name, description, space, generator, discriminator, numSteps, batchSize, epochs, lrG,
                lrD, beta1, beta2, lrSchedule, lrMin, emaDecay, r1Gamma, lazyReg, newReconstruction, recWeight, wlDelta,
                horizontalFlip);
    }

    /** A copy with another name and reconstruction weighting (a variant of the loss ablation, Table 6). */
    public TrainingConfig withReconstruction(String newName, ReconstructionWeighting newReconstruction) {
        return new TrainingConfig(newName, description, space, generator, discriminator, numSteps, batchSize, epochs, lrG,
                lrD, beta1, beta2, lrSchedule, lrMin, emaDecay, r1Gamma, lazyReg, newReconstruction, recWeight, wlDelta,
                horizontalFlip);
    }

    /** A copy with another name (a variant with its own checkpoints). */
    public TrainingConfig withName(String newName) {
        return withReconstruction(newName, reconstruction);
    }

    /**
     * A copy with another N, the length in epochs of the per-epoch schedules (Weighted Learning's lambda, the cosine
     * learning rate): a short run sets it to its own length so that lambda sweeps as it does over the paper's run.
     */
    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(name, description, space, generator, discriminator, numSteps, batchSize, newEpochs, lrG,
                lrD, beta1, beta2, lrSchedule, lrMin, emaDecay, r1Gamma, lazyReg, reconstruction, recWeight, wlDelta,
                horizontalFlip);
    }

    /** The generator's loss weight w in an epoch ({@link ReconstructionWeighting#weight}). */
    public double reconstructionWeight(int epoch) {
        return reconstruction.weight(epoch, epochs, recWeight, wlDelta);
    }

    /**
     * The generator's loss weight w at a step of a run ({@link ReconstructionWeighting#weightAtStep}): per epoch over N
     * as the reference code when {@code runSteps} = 0, else from the fraction of the run done (the reduced profiles,
     * {@link #runSteps(Profile, long)}).
     *
     * @param step the 0-based step about to be taken
     * @param stepsPerEpoch steps of one epoch
     * @param runSteps the run's length in steps, or 0 for per-epoch weights
     */
    public double reconstructionWeight(long step, int stepsPerEpoch, long runSteps) {
        return reconstruction.weightAtStep(step, stepsPerEpoch, epochs, runSteps, recWeight, wlDelta);
    }

    /**
     * The {@code runSteps} of {@link #reconstructionWeight(long, int, long)} for a run of {@code steps} steps at a
     * profile: 0 (per epoch, as the reference code) at the paper profile, the run's length below it.
     */
    public static long runSteps(Profile profile, long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a run has at least one step, got " + steps);
        }
        return profile == Profile.PAPER ? 0 : steps;
    }

    /** The generator's learning rate in an epoch. */
    public double generatorLearningRate(int epoch) {
        return lrSchedule.at(epoch, epochs, lrG, lrMin);
    }

    /** The discriminator's learning rate in an epoch. */
    public double discriminatorLearningRate(int epoch) {
        return lrSchedule.at(epoch, epochs, lrD, lrMin);
    }

    /** The preset's JSON with its {@code extends} chain resolved: the base's keys, overridden by the preset's. */
    private static ObjectNode readPreset(String name) {
        ObjectNode tree = readPresetFile(name);
        JsonNode base = tree.remove("extends");
        if (base == null) {
            return tree;
        }
        if (base.asText().equals(name)) {
            throw new IllegalArgumentException("training preset " + DIR + "/" + name + ".json: 'extends' names itself");
        }
        ObjectNode merged = readPreset(base.asText());
        merged.setAll(tree);
        return merged;
    }

    private static ObjectNode readPresetFile(String name) {
        return JsonPresets.readTree(DIR, name, PRESETS, "training");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s, T=%d, batch %d, lr G/D %.3g/%.3g %s, EMA %s, R1 %s every %d, %s)",
                name, space, numSteps, batchSize, lrG, lrD, lrSchedule.name().toLowerCase(Locale.ROOT), emaDecay,
                r1Gamma, lazyReg, reconstruction.paperName());
    }
}
