package lddgan.diffusion;

import java.util.List;
import lddgan.generator.GeneratorConfig;
import lddgan.config.JsonPresets;
import lddgan.schedule.DiscreteSchedule;

/**
 * Configuration of the epsilon-prediction U-Net of the Gaussian diffusion baseline ({@link EpsilonUNet}): the NCSN++
 * body of a generator preset without z, plus the class conditioning for classifier-free guidance (Ho &amp; Salimans
 * 2022) and the training schedule.
 *
 * @param name the preset name
 * @param description where the values come from
 * @param channels C of x
 * @param resolution H = W of x
 * @param nf base width
 * @param chMult channel multiplier per level
 * @param numResBlocks residual blocks per level
 * @param attnResolutions resolutions with self-attention (the bottleneck always has one)
 * @param dropout dropout in the residual blocks
 * @param numClasses classes of the conditioning label, 0 for an unconditional network
 * @param labelDropout probability of replacing a training label by the null label (CFG; 0.1 in Ho &amp; Salimans)
 * @param schedule the training schedule's family
 * @param timesteps the training schedule's T (1000)
 * @param conditioning how the class reaches the network ({@link Conditioning}); EMBEDDING for an unconditional one
 * @param contextDim width D_c of the class encoder's token tau_theta(y) (cross-attention only, else 0)
 * @param headChannels features per attention head of the spatial transformers (cross-attention only, else 0)
 */
public record EpsilonUNetConfig(String name, String description, int channels, int resolution, int nf,
        List<Integer> chMult, int numResBlocks, List<Integer> attnResolutions, double dropout, int numClasses,
        double labelDropout, DiscreteSchedule.Kind schedule, int timesteps, Conditioning conditioning, int contextDim,
        int headChannels) {

    /** How the class label conditions the network. */
    public enum Conditioning {
        /** A learned class embedding added to the time embedding (guided diffusion's {@code label_emb}). */
        EMBEDDING,
        /**
         * A class encoder tau_theta(y) (a learned token per class) attended to by spatial transformers at the attention
         * places, nothing added to the time embedding (LDM Sec. 3.3, its class-conditional ImageNet model).
         */
        CROSS_ATTENTION
    }

    /** The CIFAR-10 latent baseline (4x16x16, class-conditional). */
    public static final String LATENT_CIFAR10 = "eps-latent-cifar10";
    /** The same body with self-attention at 8x8 too, class embedding: the baseline of the cross-attention study. */
    public static final String LATENT_CIFAR10_ATTN8 = "eps-latent-cifar10-attn8";
    /** The same body with spatial transformers (cross-attention to tau_theta(y)) at 8x8 and in the middle. */
    public static final String LATENT_CIFAR10_XATTN = "eps-latent-cifar10-xattn";
    /** ImageNet-100 at 128x128 in the 4x16x16 imagenet100-f8 latent: the attn8 body with 100 classes. */
    public static final String LATENT_IMAGENET100 = "eps-latent-imagenet100";
    /** All presets. */
    public static final List<String> PRESETS = List.of(LATENT_CIFAR10, LATENT_CIFAR10_ATTN8, LATENT_CIFAR10_XATTN,
            LATENT_IMAGENET100);

    /** Validates the values (the body's own checks run in {@link #body()}). */
    public EpsilonUNetConfig {
        String where = "epsilon U-Net config '" + name + "': ";
        if (numClasses < 0 || !(labelDropout >= 0 && labelDropout < 1) || timesteps < 2 || schedule == null) {
            throw new IllegalArgumentException(where + "needs numClasses >= 0, labelDropout in [0, 1), timesteps >= 2 and"
                    + " a schedule; got " + numClasses + ", " + labelDropout + ", " + timesteps + ", " + schedule);
        }
        if (numClasses == 0 && labelDropout > 0) {
            throw new IllegalArgumentException(where + "labelDropout needs class labels (numClasses > 0)");
        }
        if (conditioning == null) {
            throw new IllegalArgumentException(where + "needs a conditioning (EMBEDDING or CROSS_ATTENTION)");
        }
        if (conditioning == Conditioning.CROSS_ATTENTION) {
            if (numClasses == 0 || contextDim < 1 || headChannels < 1) {
                throw new IllegalArgumentException(where + "cross-attention needs class labels, contextDim >= 1 and"
                        + " headChannels >= 1; got numClasses " + numClasses + ", contextDim " + contextDim
                        + ", headChannels " + headChannels);
            }
            for (int mult : chMult) {
                if (nf * mult % headChannels != 0) {
                    throw new IllegalArgumentException(where + "headChannels " + headChannels + " must divide every"
                            + " level's width nf * chMult = " + nf * mult);
                }
            }
        } else if (contextDim != 0 || headChannels != 0) {
            throw new IllegalArgumentException(where + "contextDim and headChannels belong to CROSS_ATTENTION; with "
                    + conditioning + " they must be 0, got " + contextDim + ", " + headChannels);
        }
        body(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions, dropout);
    }

    private static GeneratorConfig body(String name, String description, int channels, int resolution, int nf,
            List<Integer> chMult, int numResBlocks, List<Integer> attnResolutions, double dropout) {
        // the z fields of a generator config are not used by the body
        return new GeneratorConfig(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions, 1, 1,
                0, dropout);
    }

    /** The U-Net body's configuration (a generator config whose z fields are unused). */
    public GeneratorConfig body() {
        return body(name, description, channels, resolution, nf, chMult, numResBlocks, attnResolutions, dropout);
    }

    /** The training schedule. */
    public DiscreteSchedule trainingSchedule() {
        return DiscreteSchedule.of(schedule, timesteps);
    }

    /** The shape (N, C, H, W) of x_t and of the predicted noise. */
    public ai.djl.ndarray.types.Shape xShape(long batch) {
        return new ai.djl.ndarray.types.Shape(batch, channels, resolution, resolution);
    }

    /** Whether the class reaches the network through cross-attention to tau_theta(y). */
    public boolean crossAttends() {
        return conditioning == Conditioning.CROSS_ATTENTION;
    }

    /** Whether the network takes class labels. */
    public boolean conditional() {
        return numClasses > 0;
    }

    /** The label that stands for "no class" (classifier-free guidance's unconditional branch): numClasses. */
    public int nullLabel() {
        return numClasses;
    }

    /**
     * Loads a preset from {@code presets/diffusion/<name>.json}.
     *
     * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
     */
    public static EpsilonUNetConfig preset(String name) {
        return JsonPresets.loadResource("presets/diffusion", name, EpsilonUNetConfig.class, PRESETS);
    }

    /** This configuration as JSON. */
    public String toJson() {
        return JsonPresets.toJson(this);
    }

    /**
     * A copy for a smaller profile: base width nf and residual blocks per level (the widths scale with nf, the
     * context's width and the head width too, so the number of heads stays).
     */
    public EpsilonUNetConfig scaled(String suffix, int newNf, int newNumResBlocks) {
        return new EpsilonUNetConfig(name + suffix, description, channels, resolution, newNf, chMult, newNumResBlocks,
                attnResolutions, dropout, numClasses, labelDropout, schedule, timesteps, conditioning,
                scaleWidth(contextDim, newNf), scaleWidth(headChannels, newNf));
    }

    /** A copy named {@code newName} that trains with another schedule family (the network itself is unchanged). */
    public EpsilonUNetConfig withSchedule(String newName, DiscreteSchedule.Kind newSchedule) {
        return new EpsilonUNetConfig(newName, description, channels, resolution, nf, chMult, numResBlocks,
                attnResolutions, dropout, numClasses, labelDropout, newSchedule, timesteps, conditioning, contextDim,
                headChannels);
    }

    private int scaleWidth(int width, int newNf) {
        return width == 0 ? 0 : Math.max(1, (int) ((long) width * newNf / nf));
    }
}
