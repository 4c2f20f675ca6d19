package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lddgan.checkpoint.CheckpointManifest;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.metrics.ChannelMoments;
import lddgan.metrics.DatasetKey;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.TimingProtocol;
import lddgan.train.GanTrainer;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step-budget run resumed between its points keeps the training time of the steps an earlier process trained (the
 * checkpoint records it): notebook 07's cpu run of 7 December 2026 resumed one GAN from step 200 of 237 and recorded
 * only the last 37 steps' 15 s as its training time.
 */
class CurveRunResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunResumedBetweenPointsCountsTheEarlierProcesssSeconds(@TempDir Path dir) throws IOException {
        Path checkpoint = interruptedRun(dir);
        // the earlier process's seconds, made large so that only a sum with them can reach them
        edit(checkpoint, m -> m.put("trainingSeconds", 1000.0));
        double trained = finish(dir).trainingSeconds();
        assertTrue(trained >= 1000.0 && trained < 1000.0 + 600, "training seconds " + trained
                + ": the 1000 s recorded at step 2 plus this process's call");
    }

    @Test
    void aRunResumedBetweenPointsFromACheckpointWithoutSecondsIsRefused(@TempDir Path dir) throws IOException {
        Path checkpoint = interruptedRun(dir);
        edit(checkpoint, m -> m.remove("trainingSeconds")); // as written before checkpoints recorded them
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> finish(dir));
        assertTrue(e.getMessage().contains("delete the directory") && e.getMessage().contains(checkpoint.toString()),
                e.getMessage());
    }

    private static final TrainingConfig CONFIG = TrainingConfig.preset("wddgan-cifar10", Profile.SMOKE);
    private static final ImageSet TRAIN = SyntheticImages.generate(32, 32, 0);
    private static final long BUDGET = 3;

    /** Two of the run's three steps, trained as {@link CurveRun} trains them, then stopped: its step-2 checkpoint. */
    private static Path interruptedRun(Path dir) throws IOException {
        System.setProperty("lddgan.state", dir.resolve("state").toString());
        try (NDManager manager = NDManager.newBaseManager();
                GanTrainer trainer = GanTrainer.builder(CONFIG, TrainingSetup.space(CONFIG, Profile.SMOKE,
                                TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED, manager), TRAIN)
                        .seed(0).checkpoints(runDirectory(), 100)
                        .runSteps(TrainingConfig.runSteps(Profile.SMOKE, BUDGET)).build()) {
            var summary = trainer.train(TrainingBudget.steps(2));
            assertEquals(summary.wallSeconds(), trainer.trainingSeconds(), 1e-9, "one call: its wall time");
            return trainer.lastCheckpoint();
        } finally {
            System.clearProperty("lddgan.state");
        }
    }

    /** The run to its budget through {@link ModelRun#trainAndEvaluate}, which resumes the checkpoint. */
    private static lddgan.metrics.GanEvaluation finish(Path dir) throws IOException {
        System.setProperty("lddgan.state", dir.resolve("state").toString());
        try (NDManager manager = NDManager.newBaseManager(); ChannelMoments extractor = new ChannelMoments()) {
            ModelRun.Setup setup = new ModelRun.Setup(Profile.SMOKE, TRAIN, extractor,
                    FeatureStatistics.of(extractor, TRAIN, 32, DatasetKey.of(TRAIN).text()),
                    extractor.features(TRAIN, 32, manager), 16, new TimingProtocol(16, 0, 1), 0, "test",
                    TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
            try {
                return ModelRun.trainAndEvaluate(CONFIG, BUDGET, setup, List.of(), manager).evaluation();
            } finally {
                setup.realFeatures().close();
            }
        } finally {
            System.clearProperty("lddgan.state");
        }
    }

    /** Where {@link CurveRun} keeps this run's checkpoints (run prefix "test", seed 0). */
    private static Path runDirectory() {
        return ProjectPaths.checkpointsDir(Profile.SMOKE).resolve("test-" + TrainingSetup.fileName(CONFIG.name()) + "-seed0");
    }

    private static void edit(Path checkpoint, java.util.function.Consumer<ObjectNode> change) throws IOException {
        Path file = checkpoint.resolve(CheckpointManifest.FILE);
        ObjectNode manifest = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(manifest);
        JSON.writeValue(file.toFile(), manifest);
    }
}
