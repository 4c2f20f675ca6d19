package lddgan.experiment;

import java.util.List;
import lddgan.metrics.TimingProtocol;

/**
 * Notebook 05's budget (the latent DDPM / DDIM baselines of LDDGAN Table 3 and classifier-free guidance),
 * {@code presets/experiments/05-latent-diffusion.json}. LDDGAN itself is notebook 02's run with notebook 02's step
 * budget ({@link MainComparisonBudget}).
 *
 * @param diffusionSteps training steps of the epsilon network (about LDDGAN's training time on this machine)
 * @param seeds the training seeds of the epsilon network (LDDGAN: notebook 02's run of the same seed; issue 23)
 * @param samples generated images per evaluation, one count for every row of the samplers table (DDPM's timed
 *     evaluation batches and the slow samplers' must give as many)
 * @param ddimSteps the deterministic DDIM step counts (eta = 0)
 * @param stochasticDdimSteps the DDIM step count also sampled with eta = 1
 * @param ddpmSteps DDPM's steps (1,000: the ancestral sampler; fewer: DDIM with eta = 1 at that many steps)
 * @param slowSamplerSteps from this many steps on a sampler is timed with {@code slowTiming}
 * @param timing the sampling-time protocol of LDDGAN and the short DDIMs
 * @param slowTiming that of the slow samplers (below the paper profile: their own FID batches, the first a warm-up)
 * @param ddpmTiming that of DDPM (its evaluation batches decide its sample count when they are timed)
 * @param guidanceScales the classifier-free guidance scales w of the sweep
 * @param guidedSteps DDIM steps (eta = 1) of the guidance sweep
 * @param guidanceTiming the sweep's timing (its evaluation batches decide its sample count when they are timed)
 */
public record LatentDiffusionBudget(long diffusionSteps, List<Long> seeds, int samples, List<Integer> ddimSteps, int stochasticDdimSteps,
                                    int ddpmSteps, int slowSamplerSteps, TimingProtocol timing,
                                    TimingProtocol slowTiming, TimingProtocol ddpmTiming, List<Double> guidanceScales,
                                    int guidedSteps, TimingProtocol guidanceTiming) {
    public LatentDiffusionBudget {
        ddimSteps = List.copyOf(ddimSteps);
        seeds = Seeds.check(seeds);
        guidanceScales = List.copyOf(guidanceScales);
        if (diffusionSteps < 1 || samples < 1 || ddimSteps.isEmpty() || stochasticDdimSteps < 1 || ddpmSteps < 1
                || guidanceScales.isEmpty() || guidedSteps < 1) {
            throw new IllegalArgumentException("need positive steps and samples and at least one DDIM step count and "
                    + "guidance scale");
        }
        for (var t : List.of(java.util.Map.entry("ddpmTiming", ddpmTiming), java.util.Map.entry("slowTiming", slowTiming))) {
            if (t.getValue().evaluationBatches() && t.getValue().evaluationSamples() != samples) {
                throw new IllegalArgumentException("one sample count per table: '" + t.getKey() + "' times its "
                        + "evaluation batches, " + t.getValue().evaluationSamples() + " samples, but 'samples' is "
                        + samples);
            }
        }
    }

    /** The timing protocol of a sampler with {@code steps} network evaluations (DDPM excepted). */
    public TimingProtocol timingFor(int steps) {
        return steps >= slowSamplerSteps ? slowTiming : timing;
    }

    /** DDPM's sample count: its timed evaluation batches, or {@code samples}. */
    public int ddpmSamples() {
        return ddpmTiming.samplesOr(samples);
    }

    /** The guidance sweep's sample count per scale: its timed evaluation batches, or {@code samples}. */
    public int guidanceSamples() {
        return guidanceTiming.samplesOr(samples);
    }
}
