package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import lddgan.config.Profile;
import lddgan.data.SyntheticImages;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import lddgan.experiment.TrainingSetup;
import lddgan.metrics.GanEvaluation;
import lddgan.train.GanTrainer;
import lddgan.train.TrainingConfig;

/** The pieces of notebook 02: the lambda curve as used (Fig. 2), the stochastic denoiser's samples, Table 6's values. */
class PaperTablesTest {

    private static GanEvaluation evaluation(String model, long steps, double fid, double seconds) {
        return new GanEvaluation(model, steps, 1, 10, 100, fid,
                new lddgan.metrics.KernelInceptionDistance(fid / 1000, fid / 10000, 100, 100, 500, 100, 0), null, 0.5, 0.25, 4,
                new lddgan.metrics.SamplingTime(seconds, 0.01, 4, new lddgan.metrics.TimingProtocol(100, 0, 2), "cpu"), "x",
                true);
    }

    @Test
    void tablesCarryOurValuesAndThePapersInEveryRow() {
        List<String> labels = List.of("CNN", "ViT Tiny", "ViT Mid", "ViT Large");
        List<GanEvaluation> rows = List.of(evaluation("a", 8, 50, 1.0), evaluation("b", 8, 60, 0.5),
                evaluation("c", 8, 70, 1.5), evaluation("d", 8, 80, 2.0));
        Table t12 = PaperTables.table12(labels, rows);
        assertEquals(4, t12.rowCount());
        assertEquals(List.of(1.0, 0.5, 1.5, 2.0), t12.doubleColumn("time_s").asList());
        assertEquals(List.of(4, 4, 4, 4), t12.intColumn("NFE").asList());
        assertEquals(List.of(2.98, 4.33, 3.21, 2.97), t12.doubleColumn("paper_FID").asList());
        assertEquals(List.of(0.08, 0.06, 0.09, 0.13), t12.doubleColumn("paper_time_s").asList());
        Table t3 = PaperTables.table3(List.of("DDGAN"), rows.subList(0, 1));
        assertEquals(List.of(0.21), t3.doubleColumn("paper_time_s").asList());
        assertEquals(List.of(0.57), t3.doubleColumn("paper_recall").asList());
        Table t6 = PaperTables.table6(List.of("AdvLoss", "AdvLoss+RecLoss"), rows.subList(0, 2));
        assertEquals(List.of(3.15, 3.09), t6.doubleColumn("paper_FID").asList());
        assertEquals(List.of(50.0, 60.0), t6.doubleColumn("FID (offline proxy)").asList());
        assertEquals(List.of(0.05, 0.06), t6.doubleColumn("KID (offline proxy)").asList());
        assertEquals(List.of(0.005, 0.006), t6.doubleColumn("KID std (offline proxy)").asList());
        assertFalse(t6.columnNames().contains("FID"), "never plain FID with the offline extractor: " + t6.columnNames());
    }

    @Test
    void epochsToReachIsTheFirstEvaluatedEpochAtOrBelowTheTarget() {
        List<GanEvaluation> curve = List.of(evaluation("a", 10, 90, 1), evaluation("a", 20, 40, 1),
                evaluation("a", 30, 45, 1));
        assertEquals(2.0, PaperTables.epochsToReach(curve, 44, 10));
        assertEquals(2.0, PaperTables.epochsToReach(curve, 40, 10));
        assertEquals(Double.NaN, PaperTables.epochsToReach(curve, 39, 10));
        XYChart chart = PaperTables.convergence(java.util.Map.of("a", curve), 10);
        assertArrayEquals(new double[] {1, 2, 3}, chart.getSeriesMap().get("a").getXData(), 0);
    }

    @Test
    void lambdaCurveSweepsFromNearOneToNearZeroOverTheRunsEpochs() {
        TrainingConfig c = TrainingConfig.preset("lddgan-cifar10", Profile.SMOKE).withEpochs(4);
        XYChart chart = PaperTables.lambdaCurve(c.reconstruction(), c.epochs(), c.recWeight(), c.wlDelta(), 10, 0);
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
    void lambdaCurveOfAReducedProfileRunIsDrawnPerStep() {
        TrainingConfig c = TrainingConfig.preset("lddgan-cifar10", Profile.SMOKE).withEpochs(3);
        XYChart chart = PaperTables.lambdaCurve(c.reconstruction(), c.epochs(), c.recWeight(), c.wlDelta(), 10, 30);
        XYSeries used = chart.getSeriesMap().values().iterator().next();
        assertEquals(31, used.getYData().length);
        assertEquals(15, used.getXData()[15], 0);
        for (int s = 0; s <= 30; s++) {
            assertEquals(1 / (1 + Math.exp(-6 + 12.0 * s / 30)), used.getYData()[s], 1e-12, "step " + s);
        }
        assertEquals(1 / (1 + Math.exp(-6 + 6.0 * 30 / 30)), chart.getSeriesMap().get("paper's printed Eq. (9)").getYData()[30], 1e-12);
    }

    @Test
    void sameXtWithDifferentZGivesDifferentImagesAndTheSeedRepeatsThem() throws Exception {
        TrainingConfig c = TrainingConfig.preset("wddgan-cifar10", Profile.SMOKE);
        try (GanTrainer t = GanTrainer.builder(c, TrainingSetup.space(c, () -> { throw new AssertionError("wddgan has no first stage"); }), SyntheticImages.generate(16, 32, 1)).build();
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
        assertArrayEquals(new double[] {2.98, 0.58, 4, 0.08}, PaperTables.PAPER_TABLE3.get("LDDGAN"), 0);
        assertArrayEquals(new double[] {3.75, 0.57, 4, 0.21}, PaperTables.PAPER_TABLE3.get("DDGAN"), 0);
        assertArrayEquals(new double[] {3.03, 0.58}, PaperTables.PAPER_TABLE6.get("AdvLoss+RecLoss+WL"), 0);
    }
}
