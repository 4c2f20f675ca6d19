package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lddgan.autoencoder.ReconstructionEvaluation;
import lddgan.config.Profile;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.Psnr;
import lddgan.metrics.SamplingTime;
import lddgan.metrics.TimingProtocol;
import lddgan.report.SeedTable;
import lddgan.schedule.DiscreteSchedule;
import lddgan.train.AutoencoderTrainingConfig;
import lddgan.train.DiffusionTrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Notebook 07's pieces that need no training: budget, naming, tables, the networks' sizes. */
class LatentStudyTest {
    private static GanEvaluation gan(String model, long steps, double seconds, double fid, double time) {
        return new GanEvaluation(model, steps, 1, seconds, 64, fid, null, null, 0.5, 0.25, 4,
                new SamplingTime(time, 0.01, 4, new TimingProtocol(100, 0, 2), "cpu"), "offline-test", true);
    }

    private static FirstStageRuns.Curve curve(double rfid, double psnr, double seconds) {
        ReconstructionEvaluation e = new ReconstructionEvaluation("ae", "test", 8, rfid, null, "offline-test", true,
                new Psnr.Result(8, psnr, 1, psnr - 3, psnr, 0.01, 0, 2), 0.1, null, 1);
        return new FirstStageRuns.Curve("07-x", null, List.of(new FirstStageRuns.Point(500, 1.5, e)), seconds,
                Path.of("x"), 1.0);
    }

    @Test
    void latentShapesFollowTheFactor() {
        // 32 / f positions per side, 4 channels; f = 1 is the image itself
        assertEquals(List.of("3x32x32", "4x16x16", "4x8x8", "4x4x4"),
                CompressionStudy.FACTORS.stream().map(CompressionStudy::latentShape).toList());
        assertEquals(List.of(1, 2, 4, 8), CompressionStudy.FACTORS.stream().map(CompressionStudy.Factor::f).toList());
        assertTrue(CompressionStudy.FACTORS.get(0).pixel());
        assertEquals("f=4", CompressionStudy.FACTORS.get(2).label());
    }

    @Test
    void compressionTableHoldsEachFactorsCostsAndQuality() {
        List<CompressionStudy.Row> rows = List.of(
                new CompressionStudy.Row(CompressionStudy.FACTORS.get(0), null, gan("DDGAN", 84, 90, 120, 0.9)),
                new CompressionStudy.Row(CompressionStudy.FACTORS.get(1), curve(5, 24, 150), gan("LDDGAN", 236, 91, 100, 0.3)),
                new CompressionStudy.Row(CompressionStudy.FACTORS.get(3), curve(40, 18, 140), gan("f8", 300, 89, 150, 0.1)));
        Table t = CompressionStudy.table(rows, gan("real data (held-out)", 0, 0, 2, Double.NaN));
        assertEquals(List.of("f=1", "f=2", "f=8", "real data (held-out)"), t.stringColumn("factor").asList());
        // pixels per latent value: 3072 / (C H W)
        assertEquals(1, t.doubleColumn("pixels per latent value").getDouble(0));
        assertEquals(3, t.doubleColumn("pixels per latent value").getDouble(1));
        assertEquals(48, t.doubleColumn("pixels per latent value").getDouble(2));
        assertEquals(List.of(3072, 1024, 64, 3072), t.intColumn("latent values").asList());
        // identity first stage: rFID 0, no PSNR, no first-stage cost
        assertEquals(0, t.doubleColumn("first stage rFID (offline proxy)").getDouble(0));
        assertTrue(Double.isNaN(t.doubleColumn("first stage PSNR").getDouble(0)));
        assertEquals(40, t.doubleColumn("first stage rFID (offline proxy)").getDouble(2));
        assertEquals(18, t.doubleColumn("first stage PSNR").getDouble(2));
        assertEquals(0, t.doubleColumn("first_stage_s").getDouble(0));
        assertEquals(150 + 91, t.doubleColumn("total_s").getDouble(1));
        assertEquals(List.of(84L, 236L, 300L, 0L), t.longColumn("steps").asList());
        assertEquals(100, t.doubleColumn("FID (offline proxy)").getDouble(1));
        assertEquals(0.1, t.doubleColumn("time_s").getDouble(2));
        assertTrue(Double.isNaN(t.doubleColumn("time_s").getDouble(3)));
    }

    @Test
    void compressionSummaryAveragesSeedsAndJudgesTheBudget() {
        Map<Long, Table> bySeed = new java.util.LinkedHashMap<>();
        for (long seed = 0; seed < 2; seed++) {
            List<CompressionStudy.Row> rows = new java.util.ArrayList<>();
            for (CompressionStudy.Factor f : CompressionStudy.FACTORS) {
                rows.add(new CompressionStudy.Row(f, f.pixel() ? null : curve(f.f() + seed, 20, 100),
                        gan(f.label(), 10, 100 + 2 * seed + (f.f() == 8 ? 4 : 0), 50 + seed * 10, 1.0 / f.f())));
            }
            bySeed.put(seed, CompressionStudy.table(rows, null));
        }
        Table summary = CompressionStudy.summary(SeedTable.stack("per seed", bySeed), gan("real data (held-out)", 0, 0, 2,
                Double.NaN));
        assertEquals(5, summary.rowCount());
        assertEquals(55, SeedTable.value(summary, "factor", "f=2", "FID (offline proxy)"), 1e-12);
        assertEquals(Math.sqrt(50), SeedTable.value(summary, "factor", "f=2", "FID (offline proxy) seed-sd"), 1e-12);
        assertEquals(4.5, SeedTable.value(summary, "factor", "f=4", "first stage rFID (offline proxy)"), 1e-12);
        // mean training times 101, 101, 101, 105: (105 - 101) / 101 = 4.0 % is within 5 %
        String verdict = CompressionStudy.budgetVerdict(summary);
        assertTrue(verdict.startsWith("training times agree within 5 %") && verdict.contains("4.0 %"), verdict);
        assertTrue(MatchedBudget.verdict(List.of(100.0, 106.0)).startsWith("training times do NOT agree"));
    }

    @Test
    void klSweepNamesAndReusesLddgansOwnWeight() {
        AutoencoderTrainingConfig preset = AutoencoderTrainingConfig.preset(AutoencoderTrainingConfig.CIFAR10_F2, Profile.CPU);
        assertEquals(1e-6, preset.klWeight());
        // LDDGAN's weight is the compression study's f = 2 run: same key, same configuration
        assertEquals("cifar10-f2", VaeBaseline.runKey(1e-6, Profile.CPU));
        assertEquals(preset, VaeBaseline.config(1e-6, Profile.CPU));
        assertEquals("cifar10-f2-kl0.01", VaeBaseline.runKey(0.01, Profile.CPU));
        AutoencoderTrainingConfig vae = VaeBaseline.config(0.01, Profile.CPU);
        assertEquals("cifar10-f2-kl0.01@cpu", vae.name());
        assertEquals(0.01, vae.klWeight());
        assertEquals(0.01, vae.appliedKlWeight());
        assertEquals(preset.autoencoder(), vae.autoencoder());
        assertEquals(preset.learningRate(), vae.learningRate());
        assertEquals(List.of("1e-06", "1e-04", "0.01", "1", "0.5"), List.of(1e-6, 1e-4, 0.01, 1.0, 0.5).stream()
                .map(AutoencoderTrainingConfig::klLabel).toList());
        assertThrows(IllegalArgumentException.class, () -> preset.withKlWeight(-1));
        var vq = AutoencoderTrainingConfig.preset(AutoencoderTrainingConfig.CELEBAHQ_VQ_F4);
        var e = assertThrows(IllegalArgumentException.class, () -> vq.withKlWeight(0.1));
        assertTrue(e.getMessage().contains("celebahq-vq-f4") && e.getMessage().contains("KL"), e.getMessage());
    }

    @Test
    void theVaeOfTheComparisonHasTheLowestPriorFid() {
        List<VaeBaseline.Run> runs = List.of(new VaeBaseline.Run(1e-6, curve(5, 24, 1), gan("a", 1, 1, 300, 0.1)),
                new VaeBaseline.Run(0.01, curve(9, 20, 1), gan("b", 1, 1, 180, 0.1)),
                new VaeBaseline.Run(1, curve(30, 15, 1), gan("c", 1, 1, 240, 0.1)));
        assertSame(runs.get(1), VaeBaseline.chosen(runs));
        assertThrows(IllegalArgumentException.class, () -> VaeBaseline.chosen(List.of()));
    }

    @Test
    void scheduleVariantsKeepTheNetworkAndRenameTheRun() {
        DiffusionTrainingConfig base = DiffusionTrainingConfig.preset(DiffusionTrainingConfig.LATENT_CIFAR10, Profile.CPU);
        DiffusionTrainingConfig cosine = base.withSchedule(DiscreteSchedule.Kind.COSINE);
        assertEquals("eps-latent-cifar10-cosine@cpu", cosine.name());
        assertEquals(DiscreteSchedule.Kind.COSINE, cosine.network().schedule());
        assertEquals(DiscreteSchedule.Kind.COSINE, cosine.network().trainingSchedule().kind());
        assertEquals(base.network().nf(), cosine.network().nf());
        assertEquals(base.network().attnResolutions(), cosine.network().attnResolutions());
        assertEquals(base.batchSize(), cosine.batchSize());
        assertEquals("eps-latent-cifar10-scaled-linear@cpu", base.withSchedule(DiscreteSchedule.Kind.SCALED_LINEAR).name());
        assertNotEquals(base.network().schedule(), DiscreteSchedule.Kind.COSINE);
        assertEquals(List.of("1", "3", "1.5"), List.of(1.0, 3.0, 1.5).stream().map(DiffusionStudy::wLabel).toList());
    }

    @Test
    void aResumedEpsilonNetworkKeepsItsTrainingTime(@TempDir Path tmp) throws IOException {
        // the first call trains 3 steps; the second finds the checkpoint at step 3 and trains nothing, yet both report
        // the run's training time as its log records it (a resumed cpu run once wrote 0.003 s)
        DiffusionTrainingConfig config = DiffusionTrainingConfig.preset("eps-latent-cifar10", Profile.SMOKE);
        lddgan.data.ImageSet data = lddgan.data.SyntheticImages.generate(32, 32, 5);
        lddgan.space.LatentSpace space = new lddgan.space.LatentSpace(new lddgan.space.HaarStandInFirstStage());
        lddgan.report.Results results = new lddgan.report.Results(tmp.resolve("results"));
        double first;
        try (DiffusionStudy.Trained t = DiffusionStudy.train(config, space, data, tmp.resolve("ck"), 3, 0, results)) {
            first = t.trainingSeconds();
            assertEquals(3, t.summary().steps());
            assertTrue(first > 0 && first <= t.summary().wallSeconds(), first + " vs " + t.summary().wallSeconds());
        }
        try (DiffusionStudy.Trained t = DiffusionStudy.train(config, space, data, tmp.resolve("ck"), 3, 0, results)) {
            assertEquals(first, t.trainingSeconds());
            assertTrue(t.summary().wallSeconds() < first || t.summary().steps() == 0, t.summary().toString());
        }
    }

    @Test
    void conditioningBudgetComparesEachNetworksMeanTime() {
        Table perSeed = Table.create("t").addColumns(
                tech.tablesaw.api.StringColumn.create("conditioning", "embedding", "embedding", "cross-attention",
                        "cross-attention"),
                tech.tablesaw.api.DoubleColumn.create("training_s", 100, 104, 110, 112));
        // means 102 and 111: (111 - 102) / 102 = 8.8 %
        String verdict = DiffusionStudy.budgetVerdict(perSeed);
        assertTrue(verdict.startsWith("training times do NOT agree within 5 %") && verdict.contains("8.8 %"), verdict);
    }

    @Test
    void conditioningNetworksHaveTheirPublishedSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Table t = DiffusionStudy.parameters(Profile.SMOKE, m);
            assertEquals(List.of("embedding", "cross-attention"), t.stringColumn("conditioning").asList());
            // the closed-form counts of EpsilonUNetTest at the paper's size
            assertEquals(List.of(28_214_020L, 33_472_260L), t.longColumn("parameters (paper size)").asList());
            long smokeEmbedding = t.longColumn("parameters (smoke)").get(0);
            long smokeCross = t.longColumn("parameters (smoke)").get(1);
            assertTrue(smokeEmbedding < smokeCross && smokeCross < 28_214_020L, t.print());
        }
    }

    @Test
    void budgetRefusesWhatCannotRun() {
        LatentStudyBudget cpu = Experiment.load(LatentStudyBudget.EXPERIMENT, Profile.CPU, LatentStudyBudget.class).budget();
        assertEquals(List.of(0L, 1L, 2L), cpu.seeds());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), cpu.guidanceScales());
        for (CompressionStudy.Factor f : CompressionStudy.FACTORS) {
            assertTrue(cpu.ganSteps(f.gan()) > 0, f.gan());
        }
        for (String preset : DiffusionStudy.CONDITIONING) {
            assertTrue(cpu.diffusionSteps(preset) > 0, preset);
        }
        var missing = assertThrows(IllegalArgumentException.class, () -> cpu.ganSteps("wddgan-cifar10"));
        assertTrue(missing.getMessage().contains("'wddgan-cifar10'") && missing.getMessage().contains("ganSteps"),
                missing.getMessage());
        LatentStudyBudget smoke = Experiment.load(LatentStudyBudget.EXPERIMENT, Profile.SMOKE, LatentStudyBudget.class).budget();
        assertEquals(32, smoke.guidanceSamples());
        var negative = assertThrows(IllegalArgumentException.class, () -> new LatentStudyBudget(List.of(0L), 2, 0,
                Map.of("a", 1L), 8, new TimingProtocol(100, 0, 1), Map.of("b", 1L), List.of(1.0), 2,
                new TimingProtocol(100, 0, 1), List.of(-1.0), 2, 2));
        assertTrue(negative.getMessage().contains("vaeKlWeights"), negative.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> new LatentStudyBudget(List.of(0L), 2, 0,
                Map.of("a", 0L), 8, new TimingProtocol(100, 0, 1), Map.of("b", 1L), List.of(1.0), 2,
                new TimingProtocol(100, 0, 1), List.of(1.0), 2, 2));
        assertTrue(zero.getMessage().contains("'ganSteps'"), zero.getMessage());
    }
}
