package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged training log never blocks a resume (issue 21, defect 1). */
class JsonLinesLogTest {
    @TempDir
    Path tmp;

    /** A trainer that has done {@code steps} steps (all the log asks of it). */
    private static Trainer at(long steps) {
        return new Trainer() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public long step() {
                return steps;
            }

            @Override
            public int stepsPerEpoch() {
                return 10;
            }

            @Override
            public int batchSize() {
                return 4;
            }
        };
    }

    @Test
    void aTornLastLineIsDroppedAndTheLogCutBackToTheCheckpoint() throws IOException {
        Path file = tmp.resolve("train-log.jsonl");
        // steps 1-4 complete, step 5 cut in the middle of its line (a kill during the write, a full disk)
        Files.writeString(file, "{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n{\"step\":4}\n{\"step\":5,\"loss_D", StandardCharsets.UTF_8);
        try (JsonLinesLog log = new JsonLinesLog(file)) {
            log.onStart(at(3), TrainingBudget.steps(10));
        }
        assertEquals(List.of(1L, 2L, 3L), JsonLinesLog.read(file).stream().map(n -> n.get("step").asLong()).toList());
    }

    @Test
    void aTornLineAndCutMultibyteCharactersAfterTheCheckpointStepResumeToo() throws IOException {
        Path file = tmp.resolve("log.jsonl");
        byte[] good = "{\"step\":1}\n{\"step\":2}\n".getBytes(StandardCharsets.UTF_8);
        byte[] torn = "{\"step\":3,\"note\":\"\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[good.length + torn.length - 1];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(torn, 0, all, good.length, torn.length - 1); // the last byte of a two-byte character is missing
        Files.write(file, all);
        try (JsonLinesLog log = new JsonLinesLog(file)) {
            log.onStart(at(2), TrainingBudget.steps(10));
        }
        assertEquals(2, JsonLinesLog.read(file).size());
    }

    @Test
    void aResumedRunsLogReadsBackAsTheWholeRunWithNullAsNaN() throws IOException {
        Path file = tmp.resolve("whole.jsonl");
        StepRecord one = new StepRecord(1, 0, 0.7, 0.6, 0.01, 0.8, 0.2, 0.5, 1e-4, 1e-4, 1.5, 1.5);
        StepRecord two = new StepRecord(2, 0, 0.6, 0.5, Double.NaN, 0.9, 0.1, 0.5, 1e-4, 1e-4, 2.5, 2.5);
        try (JsonLinesLog log = new JsonLinesLog(file)) {
            log.onStart(at(0), TrainingBudget.steps(1));
            log.onStep(one);
        }
        try (JsonLinesLog log = new JsonLinesLog(file)) { // a second segment, resumed at step 1
            log.onStart(at(1), TrainingBudget.steps(2));
            log.onStep(two);
        }
        List<StepRecord> records = JsonLinesLog.readRecords(file, StepRecord.class);
        assertEquals(List.of(one, two), records);
        assertEquals(4.0, records.stream().mapToDouble(StepRecord::seconds).sum(), "time over both segments");
        var chart = LiveLossChart.ofLog("whole run", file, StepRecord.class);
        assertEquals("losses of whole run", chart.getTitle());
        assertEquals(List.of(1.0, 2.0), java.util.Arrays.stream(chart.getSeriesMap().values().iterator().next().getXData())
                .boxed().toList());
    }
}
