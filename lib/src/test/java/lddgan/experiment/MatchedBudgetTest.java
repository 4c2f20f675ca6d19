package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.SamplingTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Issue 23, item 3: step counts for one training time, the measured budget table and its 5 % verdict. */
class MatchedBudgetTest {
    private static GanEvaluation trained(String model, long steps, double seconds) {
        return new GanEvaluation(model, steps, 1, seconds, 64, 10, null, null, 0.5, 0.1, 4, SamplingTime.none(), "x", true);
    }

    @Test
    void stepsForOneTimeFollowEachRate() {
        List<MatchedBudget.Rate> rates = List.of(new MatchedBudget.Rate("ddgan", 20, 23.1),
                new MatchedBudget.Rate("lddgan", 20, 21.5), new MatchedBudget.Rate("wddgan", 20, 6.25));
        // 300 s x 20 / 23.1 = 259.7; x 20 / 21.5 = 279.1; x 20 / 6.25 = 960
        assertEquals(Map.of("ddgan", 260L, "lddgan", 279L, "wddgan", 960L), MatchedBudget.stepsFor(300, rates));
        assertEquals(1L, MatchedBudget.stepsFor(0.01, rates).get("ddgan"), "at least one step");
    }

    @Test
    void theTableAveragesSeedsAndAddsTheFirstStage() {
        Map<Long, List<GanEvaluation>> bySeed = new LinkedHashMap<>();
        bySeed.put(0L, List.of(trained("d", 120, 100), trained("l", 480, 104)));
        bySeed.put(1L, List.of(trained("d", 120, 102), trained("l", 480, 106)));
        Table t = MatchedBudget.table("b", List.of("DDGAN", "LDDGAN"), bySeed, Map.of("LDDGAN", 1131.5));
        assertEquals(101, t.doubleColumn("training_s").getDouble(0), 1e-12);
        assertEquals(Math.sqrt(2), t.doubleColumn("training_s seed-sd").getDouble(0), 1e-12);
        assertEquals(0, t.doubleColumn("first_stage_s").getDouble(0));
        assertEquals(1131.5 + 105, t.doubleColumn("total_s").getDouble(1), 1e-9);
        assertEquals(105 / 480.0, t.doubleColumn("s_per_step").getDouble(1), 1e-12);
        // (105 - 101) / 101 = 3.96 %
        assertTrue(MatchedBudget.verdict(t).startsWith("training times agree within 5 %: (max - min) / min = 4.0 %"),
                MatchedBudget.verdict(t));
        bySeed.put(2L, List.of(trained("d", 120, 100), trained("l", 480, 130)));
        Table apart = MatchedBudget.table("b", List.of("DDGAN", "LDDGAN"), bySeed, Map.of());
        assertTrue(MatchedBudget.verdict(apart).contains("do NOT agree"), MatchedBudget.verdict(apart));
    }

    @Test
    void theFirstStageLogCountsEachStepOnce(@TempDir Path tmp) throws IOException {
        Path log = tmp.resolve("train-log.jsonl");
        // a run stopped after step 2 and resumed from step 1's checkpoint: step 2 is logged twice, the last counts
        Files.writeString(log, "{\"step\":1,\"seconds\":0.5}\n{\"step\":2,\"seconds\":0.7}\n\n{\"step\":2,\"seconds\":0.6}\n"
                + "{\"step\":3,\"seconds\":0.25,\"elapsedSeconds\":9}\n");
        assertEquals(0.5 + 0.6 + 0.25, MatchedBudget.loggedTrainingSeconds(log), 1e-12);
        Files.writeString(log, "{\"step\":1,\"seconds\":0.5}\n{\"step\":2}\n");
        IOException e = assertThrows(IOException.class, () -> MatchedBudget.loggedTrainingSeconds(log));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'seconds'"), e.getMessage());
        e = assertThrows(IOException.class, () -> MatchedBudget.loggedTrainingSeconds(tmp.resolve("none.jsonl")));
        assertTrue(e.getMessage().contains("notebook 01") && e.getMessage().contains("run it at this profile first"),
                e.getMessage());
    }
}
