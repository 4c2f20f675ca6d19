package lddgan.experiment;

import lddgan.data.ImageSet;
import lddgan.metrics.TimingProtocol;

/**
 * Notebook 03's budget (LDDGAN Sec. 5.3.2, Table 7), {@code presets/experiments/03-kl-ablation.json}.
 *
 * @param autoencoderPoints evaluations along each autoencoder's training (Table 7's "epochs to converge")
 * @param autoencoderStepsPerPoint training steps between them (cpu: 323, one epoch of the 5,170-image subset at
 *     batch 16)
 * @param validationLimit the first this many test images are the validation set; 0: the whole test split
 * @param seeds the training seeds of both autoencoders and of LDDGAN on each (issue 23; cpu 3, smoke 1)
 * @param lddganSteps LDDGAN's training steps on each latent
 * @param samples generated images per LDDGAN evaluation
 * @param timing LDDGAN's sampling-time protocol
 */
public record KlAblationBudget(int autoencoderPoints, long autoencoderStepsPerPoint, int validationLimit,
                               java.util.List<Long> seeds, long lddganSteps, int samples, TimingProtocol timing) {
    public KlAblationBudget {
        seeds = Seeds.check(seeds);
        if (autoencoderPoints < 1 || autoencoderStepsPerPoint < 1 || validationLimit < 0 || lddganSteps < 1
                || samples < 1) {
            throw new IllegalArgumentException("need positive points, steps and samples and validationLimit >= 0");
        }
    }

    /** The validation set: {@code test}, or its first {@code validationLimit} images. */
    public ImageSet validation(ImageSet test) {
        return FirstStageBudget.validation(test, validationLimit);
    }
}
