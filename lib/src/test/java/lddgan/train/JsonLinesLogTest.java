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
}
