package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.metrics.ChannelMoments;
import lddgan.metrics.DatasetKey;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.TimingProtocol;
import lddgan.report.Results;
import lddgan.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The turns in which {@link SeededComparison} shares a seed's training between its models. */
class SeededComparisonTest {
    @Test
    void eachTurnTrainsTheNextTenthOfTheBudget() {
        List<Long> targets = new ArrayList<>();
        for (int turn = 1; turn <= SeededComparison.TURNS; turn++) {
            targets.add(CurveRun.stepShare(68, turn, SeededComparison.TURNS));
        }
        // 6.8 steps per turn, rounded to the nearest total
        assertEquals(List.of(7L, 14L, 20L, 27L, 34L, 41L, 48L, 54L, 61L, 68L), targets);
    }

    @Test
    void aBudgetBelowTheTurnsStillEndsAtItAndNeverGoesBack() {
        for (long budget : new long[] {1, 3, 9, 10, 11, 284}) {
            long previous = 1;
            for (int turn = 1; turn <= SeededComparison.TURNS; turn++) {
                long target = CurveRun.stepShare(budget, turn, SeededComparison.TURNS);
                assertTrue(target >= previous && target <= budget, "budget " + budget + ", turn " + turn + ": " + target);
                previous = target;
            }
            assertEquals(budget, previous, "budget " + budget + " reached in the last turn");
        }
    }

    /**
     * Under a time budget each run ends at the first step at which its logged step seconds reach the budget (so within
     * one step of it), is evaluated there, and a second call (a notebook cell run again) trains nothing more; nor does
     * another notebook's call that evaluates the run with another sample count, which keeps the first evaluation on
     * file and the run's training time.
     */
    @Test
    void aTimeBudgetEndsTheRunWithinOneStepOfItAndResumesWithoutTraining(@TempDir Path dir) throws IOException {
        System.setProperty("lddgan.state", dir.resolve("state").toString());
        try (NDManager manager = NDManager.newBaseManager(); ChannelMoments extractor = new ChannelMoments()) {
            ImageSet train = SyntheticImages.generate(64, 32, 0);
            ModelRun.Setup setup = new ModelRun.Setup(Profile.SMOKE, train, extractor,
                    FeatureStatistics.of(extractor, train, 32, DatasetKey.of(train).text()),
                    extractor.features(train, 32, manager), 16, new TimingProtocol(16, 0, 1), 0, "test",
                    TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
            // planned 100 steps (the schedules' length, twice it the cap), far more than 3 s of smoke steps need
            TrainingConfig config = ModelRun.sized(TrainingConfig.preset("wddgan-cifar10", Profile.SMOKE), 100, train.size());
            Results results = new Results(dir.resolve("results"));
            double budget = 3.0;
            SeededComparison runs = SeededComparison.train(Map.of("WDDGAN", config), Map.of("WDDGAN", List.of(100L)),
                    budget, List.of(0L), setup, setup.timing(), results, manager);

            Path log = TrainingSetup.trainingLog(results, TrainingSetup.fileName(config.name()));
            List<String> lines = Files.readAllLines(log);
            double logged = MatchedBudget.loggedTrainingSeconds(log);
            double lastStep = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("seconds").asDouble();
            long steps = runs.last(0, "WDDGAN").evaluation().steps();
            assertEquals(lines.size(), steps, "evaluated where the time ran out");
            // how many steps fit depends on the machine's load (one 3 s step on a busy machine): only the cap is fixed
            assertTrue(steps >= 1 && steps < 200, "trained " + steps + " steps: fewer than the cap");
            assertTrue(logged >= budget, "stopped before the budget: " + logged + " s");
            assertTrue(logged - lastStep < budget, "went on a step after the budget: " + logged + " s, last step "
                    + lastStep + " s");

            SeededComparison again = SeededComparison.train(Map.of("WDDGAN", config), Map.of("WDDGAN", List.of(100L)),
                    budget, List.of(0L), setup, setup.timing(), results, manager);
            assertEquals(steps, again.last(0, "WDDGAN").evaluation().steps());
            assertEquals(lines, Files.readAllLines(log), "the second call trained nothing");

            // another notebook's evaluation of the finished run (notebook 05 takes notebook 02's LDDGAN with its own
            // sample count): nothing trained, the run's training time kept, both evaluations on file
            ModelRun.Setup other = new ModelRun.Setup(Profile.SMOKE, train, extractor, setup.reference(),
                    setup.realFeatures(), 8, setup.timing(), 0, "test", TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
            GanEvaluation trained = again.last(0, "WDDGAN").evaluation();
            GanEvaluation elsewhere = ModelRun.trainLogged(config, List.of(100L), budget, other, other.timing(), results,
                    manager).last().evaluation();
            assertEquals(lines, Files.readAllLines(log), "the other notebook's call trained nothing");
            assertEquals(steps, elsewhere.steps());
            assertEquals(8, elsewhere.samples());
            assertEquals(trained.trainingSeconds(), elsewhere.trainingSeconds(), 0.1, "the run's training time");
            Path curve = ProjectPaths.checkpointsDir(Profile.SMOKE)
                    .resolve("test-" + TrainingSetup.fileName(config.name()) + "-seed0").resolve(ModelRun.CURVE_FILE);
            GanEvaluation[] onFile = new ObjectMapper().readValue(curve.toFile(), GanEvaluation[].class);
            assertEquals(List.of(16, 8), Arrays.stream(onFile).map(GanEvaluation::samples).toList(),
                    "the curve file keeps the first notebook's evaluation beside the other's");
            assertEquals(trained.fid(), onFile[0].fid());
            setup.realFeatures().close();
        } finally {
            System.clearProperty("lddgan.state");
        }
    }

    @Test
    void aTimeBudgetNeedsOneEvaluationPoint(@TempDir Path dir) throws IOException {
        System.setProperty("lddgan.state", dir.resolve("state").toString());
        try (NDManager manager = NDManager.newBaseManager(); ChannelMoments extractor = new ChannelMoments()) {
            ImageSet train = SyntheticImages.generate(16, 32, 0);
            ModelRun.Setup setup = new ModelRun.Setup(Profile.SMOKE, train, extractor, null, null, 16,
                    new TimingProtocol(16, 0, 1), 0, "test", TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
            TrainingConfig config = TrainingConfig.preset("wddgan-cifar10", Profile.SMOKE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRun.openLogged(config,
                    List.of(2L, 4L), 1.0, setup, setup.timing(), new Results(dir.resolve("results")), manager));
            assertTrue(e.getMessage().contains("one evaluation point"), e.getMessage());
        } finally {
            System.clearProperty("lddgan.state");
        }
    }
}
