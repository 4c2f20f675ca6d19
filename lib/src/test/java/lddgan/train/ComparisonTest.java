package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import lddgan.config.Profile;
import lddgan.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The pieces of notebook 02: the lambda curve as used (Fig. 2), the stochastic denoiser's samples, Table 6's values. */
class ComparisonTest {

    @Test
    void lambdaCurveSweepsFromNearOneToNearZeroOverTheRunsEpochs() {
        TrainingConfig c = TrainingConfig.preset("lddgan-cifar10", Profile.SMOKE).withEpochs(4);
        XYChart chart = ComparisonTables.lambdaCurve(c);
        double[] used = chart.getSeriesMap().values().iterator().next().getYData();
        assertEquals(5, used.length);
        // the code: phi from -6 to +6, lambda = 1 - sigmoid(phi)
        assertEquals(1 - 1 / (1 + Math.exp(6)), used[0], 1e-9);
        assertEquals(0.5, used[2], 1e-9);
        assertEquals(1 - 1 / (1 + Math.exp(-6)), used[4], 1e-9);
        double[] printed = chart.getSeriesMap().get("paper's printed Eq. (9)").getYData();
        assertEquals(0.5, printed[4], 1e-9);
    }

    @Test
    void sameXtWithDifferentZGivesDifferentImagesAndTheSeedRepeatsThem() throws Exception {
        TrainingConfig c = TrainingConfig.preset("wddgan-cifar10", Profile.SMOKE);
        try (GanTrainer t = GanTrainer.builder(c, TrainingSetup.space(c), SyntheticImages.generate(16, 32, 1)).build();
             NDManager m = NDManager.newBaseManager()) {
            NDArray xT = m.randomNormal(c.generator().xShape(1)).repeat(0, 2);
            NDArray a = t.sampleFrom(xT, 5);
            NDArray b = t.sampleFrom(xT, 5);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
            assertFalse(a.get(0).contentEquals(a.get(1)), "rows share x_T but not z");
            assertEquals(new ai.djl.ndarray.types.Shape(2, 3, 32, 32), a.getShape());
        }
    }

    @Test
    void paperTablesAreAsPrinted() {
        assertArrayEquals(new double[] {2.98, 0.58, 4, 0.08}, ComparisonTables.PAPER_TABLE3.get("LDDGAN"), 0);
        assertArrayEquals(new double[] {3.75, 0.57, 4, 0.21}, ComparisonTables.PAPER_TABLE3.get("DDGAN"), 0);
        assertArrayEquals(new double[] {3.03, 0.58}, ComparisonTables.PAPER_TABLE6.get("AdvLoss+RecLoss+WL"), 0);
    }
}
