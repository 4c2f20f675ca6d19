package lddgan.experiment;

import lddgan.data.ImageSet;

/**
 * Notebook 01's budget (LDDGAN Sec. 4.2, Table 1), {@code presets/experiments/01-autoencoder.json}.
 *
 * @param steps training steps of the first stage (smoke a handful, cpu 1,500: about 15-20 minutes on 2 cores at batch
 *     16 with the adversarial terms from step 750; paper 100,000: the reference publishes no step count)
 * @param validationLimit the first this many test images are Table 1's validation set; 0: the whole test split
 */
public record FirstStageBudget(long steps, int validationLimit) {
    public FirstStageBudget {
        if (steps < 1 || validationLimit < 0) {
            throw new IllegalArgumentException("need steps >= 1 and validationLimit >= 0, got " + steps + ", "
                    + validationLimit);
        }
    }

    /** The validation set: {@code test}, or its first {@code validationLimit} images. */
    public ImageSet validation(ImageSet test) {
        return validation(test, validationLimit);
    }

    /** {@code test}, or its first {@code limit} images when {@code limit > 0}. */
    static ImageSet validation(ImageSet test, int limit) {
        return limit == 0 ? test : test.limit(limit);
    }
}
