package lddgan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import lddgan.config.Profile;
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
    void belowThePaperProfileWeightedLearningFollowsTheFractionOfTheRunDone() {
        // notebook 02 at cpu: 480 steps of 161 (5,170 images, batch 32), N = 3 epochs
        ReconstructionWeighting wl = ReconstructionWeighting.WEIGHTED_LEARNING;
        double previous = Double.POSITIVE_INFINITY;
        for (long step = 0; step <= 480; step++) {
            double w = wl.weightAtStep(step, 161, 3, 480, 1, DELTA);
            // closed form: lambda = 1 - sigmoid(phi) = 1 / (1 + exp(phi)), phi = -delta + 2 delta step / steps
            assertEquals(1 / (1 + Math.exp(-DELTA + 2 * DELTA * step / 480)), w, 1e-12, "step " + step);
            assertTrue(w < previous, "strictly decreasing at step " + step);
            // smooth: |d lambda / d step| <= (1 / 4) (2 delta / steps) = 0.00625
            assertTrue(previous - w <= 0.25 * 2 * DELTA / 480 + 1e-15 || step == 0, "step " + step + " jumps by " + (previous - w));
            previous = w;
        }
        assertEquals(0.5, wl.weightAtStep(240, 161, 3, 480, 1, DELTA), 1e-12);
        // past the planned length it stays at the end of the sweep
        assertEquals(wl.weightAtStep(480, 161, 3, 480, 1, DELTA), wl.weightAtStep(600, 161, 3, 480, 1, DELTA), 0);
        // per epoch (runSteps = 0), as the reference code: the three-value staircase of issue 23
        double[] staircase = {0.99753, 0.88080, 0.11920};
        for (long step = 0; step < 480; step++) {
            assertEquals(staircase[(int) (step / 161)], wl.weightAtStep(step, 161, 3, 0, 1, DELTA), 5e-6, "step " + step);
        }
        assertEquals(1.0, ReconstructionWeighting.FIXED.weightAtStep(100, 161, 3, 480, 1, DELTA));
        assertEquals(0.0, ReconstructionWeighting.NONE.weightAtStep(100, 161, 3, 480, 1, DELTA));
    }

    @Test
    void onlyThePaperProfileKeepsThePerEpochWeight() {
        assertEquals(0, TrainingConfig.runSteps(Profile.PAPER, 330_000));
        assertEquals(480, TrainingConfig.runSteps(Profile.CPU, 480));
        assertEquals(3, TrainingConfig.runSteps(Profile.SMOKE, 3));
        TrainingConfig paper = TrainingConfig.preset("lddgan-cifar10");
        for (long step : new long[] {0, 195, 196, 185_000, 389_999}) {
            assertEquals(paper.reconstructionWeight((int) (step / 195)),
                    paper.reconstructionWeight(step, 195, TrainingConfig.runSteps(Profile.PAPER, 390_000)), 0, "step " + step);
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
        // past N (a time-budget run beyond its planned epochs) it stays at eta_min instead of rising again
        assertEquals(min, LearningRateSchedule.COSINE.at(2700, 1800, base, min), 1e-15);
        assertEquals(min + (base - min) * (1 + Math.cos(Math.PI / 4)) / 2, LearningRateSchedule.COSINE.at(450, 1800, base, min),
                1e-15);
        assertEquals(base, LearningRateSchedule.CONSTANT.at(1000, 1800, base, min));
        assertEquals(LearningRateSchedule.COSINE, TrainingConfig.preset("ddgan-cifar10").lrSchedule());
        assertEquals(LearningRateSchedule.CONSTANT, TrainingConfig.preset("lddgan-cifar10").lrSchedule());
    }
}
