package lddgan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import lddgan.optim.LearningRateSchedule;
import lddgan.train.TrainingConfig;

/** Weighted Learning (LDDGAN Eq. (9)) and the cosine learning rate against REFERENCE-CODE.md sections 0 and 4. */
class ReconstructionWeightingTest {
    private static final double DELTA = ReconstructionWeighting.DEFAULT_DELTA;

    @Test
    void weightedLearningMatchesTheReferenceCodeAtThePinnedEpochs() {
        int[] epochs = {0, 500, 950, 1000, 1500, 2000};
        double[] lambda = {0.99753, 0.95257, 0.57444, 0.5, 0.04743, 0.00247};
        for (int i = 0; i < epochs.length; i++) {
            assertEquals(lambda[i], ReconstructionWeighting.WEIGHTED_LEARNING.weight(epochs[i], 2000, 1, DELTA), 5e-6,
                    "lambda at epoch " + epochs[i]);
        }
    }

    @Test
    void printedFormulaStartsAtTheSameValueButEndsAtOneHalf() {
        assertEquals(0.99753, ReconstructionWeighting.WEIGHTED_LEARNING_PRINTED.weight(0, 2000, 1, DELTA), 5e-6);
        assertEquals(0.5, ReconstructionWeighting.WEIGHTED_LEARNING_PRINTED.weight(2000, 2000, 1, DELTA), 1e-12);
        // halfway it is where the code is at a quarter: phi = -3
        assertEquals(0.95257, ReconstructionWeighting.WEIGHTED_LEARNING_PRINTED.weight(1000, 2000, 1, DELTA), 5e-6);
    }

    @Test
    void ddganHasNoReconstructionTermAndWddganAFixedOne() {
        assertEquals(0.0, ReconstructionWeighting.NONE.weight(7, 10, 1, DELTA));
        assertEquals(1.0, ReconstructionWeighting.FIXED.weight(7, 10, 1, DELTA));
        assertEquals("AdvLoss", ReconstructionWeighting.NONE.paperName());
        assertEquals("AdvLoss+RecLoss+WL", ReconstructionWeighting.WEIGHTED_LEARNING.paperName());
    }

    @Test
    void presetsUseTheReferenceWeightings() {
        assertEquals(ReconstructionWeighting.WEIGHTED_LEARNING, TrainingConfig.preset("lddgan-cifar10").reconstruction());
        assertEquals(ReconstructionWeighting.FIXED, TrainingConfig.preset("wddgan-cifar10").reconstruction());
        assertEquals(ReconstructionWeighting.NONE, TrainingConfig.preset("ddgan-cifar10").reconstruction());
        assertEquals(ReconstructionWeighting.NONE, TrainingConfig.preset("lddgan-lsun").reconstruction());
        assertEquals(0.99753, TrainingConfig.preset("lddgan-cifar10").reconstructionWeight(0), 5e-6);
        assertEquals(0.57444, TrainingConfig.preset("lddgan-cifar10").reconstructionWeight(950), 5e-6);
    }

    @Test
    void cosineScheduleFollowsPyTorchCosineAnnealing() {
        double base = 1.6e-4;
        double min = 1e-5;
        assertEquals(base, LearningRateSchedule.COSINE.at(0, 1800, base, min), 1e-15);
        assertEquals((base + min) / 2, LearningRateSchedule.COSINE.at(900, 1800, base, min), 1e-15);
        assertEquals(min, LearningRateSchedule.COSINE.at(1800, 1800, base, min), 1e-15);
        assertEquals(min + (base - min) * (1 + Math.cos(Math.PI / 4)) / 2, LearningRateSchedule.COSINE.at(450, 1800, base, min),
                1e-15);
        assertEquals(base, LearningRateSchedule.CONSTANT.at(1000, 1800, base, min));
        assertEquals(LearningRateSchedule.COSINE, TrainingConfig.preset("ddgan-cifar10").lrSchedule());
        assertEquals(LearningRateSchedule.CONSTANT, TrainingConfig.preset("lddgan-cifar10").lrSchedule());
    }
}
