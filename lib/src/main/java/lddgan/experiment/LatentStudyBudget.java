package lddgan.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.metrics.TimingProtocol;

/**
 * Notebook 07's budget (the latent-diffusion study: LDM's compression factor and cross-attention conditioning, the
 * VAE baseline and the noise schedules of the latent DDPM/DDIM project), {@code presets/experiments/07-latent-diffusion-study.json}.
 *
 * @param seeds the training seeds of every compared model (first stages, GANs, epsilon networks; issue 23: 3 at cpu)
 * @param autoencoderSteps training steps of every first stage of the compression study (one budget: the same steps,
 *     batch and schedule for f = 2, 4 and 8)
 * @param validationLimit the first this many test images are the reconstruction validation set; 0: the whole split
 * @param ganSteps GAN training preset (one per compression factor) to its steps, calibrated so that the models train
 *     for the same measured time ({@link MatchedBudget}, {@link CompressionStudy#main})
 * @param samples generated images per evaluation, one count for every table
 * @param timing the sampling-time protocol of the GANs, the VAE and the schedule comparison
 * @param diffusionSteps epsilon-network training preset of the conditioning comparison to its steps (time-matched)
 * @param guidanceScales the classifier-free guidance scales w of the conditioning comparison
 * @param guidedSteps DDIM steps (eta = 1) of that sweep and of the schedule comparison
 * @param guidanceTiming the sweep's timing (its evaluation batches decide its sample count when they are timed)
 * @param vaeKlWeights the KL weights of the VAE sweep (1e-6 is LDDGAN's first stage)
 * @param vaeSteps training steps of each VAE of the sweep
 * @param scheduleSteps training steps of the epsilon network per noise schedule (one seed: a comparison of rows)
 */
public record LatentStudyBudget(List<Long> seeds, long autoencoderSteps, int validationLimit, Map<String, Long> ganSteps,
                                int samples, TimingProtocol timing, Map<String, Long> diffusionSteps,
                                List<Double> guidanceScales, int guidedSteps, TimingProtocol guidanceTiming,
                                List<Double> vaeKlWeights, long vaeSteps, long scheduleSteps) {
    /** The experiment preset's name (and notebook 07's results folder). */
    public static final String EXPERIMENT = "07-latent-diffusion-study";

    public LatentStudyBudget {
        seeds = Seeds.check(seeds);
        ganSteps = positiveSteps("ganSteps", ganSteps);
        diffusionSteps = positiveSteps("diffusionSteps", diffusionSteps);
        guidanceScales = List.copyOf(guidanceScales);
        vaeKlWeights = List.copyOf(vaeKlWeights);
        if (autoencoderSteps < 1 || validationLimit < 0 || samples < 1 || guidanceScales.isEmpty() || guidedSteps < 1
                || vaeKlWeights.isEmpty() || vaeSteps < 1 || scheduleSteps < 1) {
            throw new IllegalArgumentException("need positive steps and samples, validationLimit >= 0 and at least one"
                    + " guidance scale and KL weight; got autoencoderSteps " + autoencoderSteps + ", validationLimit "
                    + validationLimit + ", samples " + samples + ", guidanceScales " + guidanceScales + ", guidedSteps "
                    + guidedSteps + ", vaeKlWeights " + vaeKlWeights + ", vaeSteps " + vaeSteps + ", scheduleSteps "
                    + scheduleSteps);
        }
        if (vaeKlWeights.stream().anyMatch(w -> !(w >= 0) || w.isInfinite())) {
            throw new IllegalArgumentException("vaeKlWeights must be finite and >= 0, got " + vaeKlWeights);
        }
    }

    private static Map<String, Long> positiveSteps(String field, Map<String, Long> steps) {
        if (steps == null || steps.isEmpty() || steps.values().stream().anyMatch(s -> s == null || s < 1)) {
            throw new IllegalArgumentException("'" + field + "' must give every preset a positive step count, got " + steps);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** The step budget of a GAN training preset of the compression study. */
    public long ganSteps(String preset) {
        return stepsOf("ganSteps", ganSteps, preset);
    }

    /** The step budget of an epsilon-network preset of the conditioning comparison. */
    public long diffusionSteps(String preset) {
        return stepsOf("diffusionSteps", diffusionSteps, preset);
    }

    private static long stepsOf(String field, Map<String, Long> steps, String preset) {
        Long s = steps.get(preset);
        if (s == null) {
            throw new IllegalArgumentException("no step budget for preset '" + preset + "' in '" + field + "': " + steps);
        }
        return s;
    }

    /** The guidance sweep's sample count per scale: its timed evaluation batches, or {@code samples}. */
    public int guidanceSamples() {
        return guidanceTiming.samplesOr(samples);
    }

    /** The reconstruction validation set: {@code test}, or its first {@code validationLimit} images. */
    public lddgan.data.ImageSet validation(lddgan.data.ImageSet test) {
        return FirstStageBudget.validation(test, validationLimit);
    }
}
