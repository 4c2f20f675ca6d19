package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import lddgan.report.JJavaRecordingKernel;
import lddgan.report.Published;
import org.junit.jupiter.api.Test;

/** The progress line is replaced in place: one display output in a notebook kernel, a carriage return elsewhere. */
class ProgressBarTest {
    private static final Trainer TRAINER = new Trainer() {
        @Override
        public String name() {
            return "ddgan@smoke";
        }

        @Override
        public long step() {
            return 0;
        }

        @Override
        public int stepsPerEpoch() {
            return 5;
        }

        @Override
        public int batchSize() {
            return 8;
        }
    };

    /** Step s of 10 at s seconds, losses fixed. */
    private static StepRecord step(long s) {
        return new StepRecord(s, 0, 0.5, 0.25, 0, 0.75, 0.125, 1, 2e-4, 1e-4, 1, s);
    }

    /** Ten steps one second apart with a checkpoint after step 5, then the end. */
    private static void run(ProgressBar bar) {
        bar.onStart(TRAINER, TrainingBudget.steps(10));
        for (long s = 1; s <= 10; s++) {
            bar.onStep(step(s));
            if (s == 5) {
                bar.onCheckpoint(Path.of("ckpt/step-00000005"), 5);
            }
        }
        bar.onEnd(new TrainingSummary("ddgan@smoke", 0, 10, 2, 10, 1, "steps", null));
    }

    @Test
    void elsewhereTheLineIsRewrittenAfterACarriageReturnAndEndedOnce() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        run(new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), 3));
        String out = buf.toString(StandardCharsets.UTF_8);
        String[] lines = out.split("\n", -1);
        assertEquals(6, lines.length, out);
        assertTrue(lines[0].startsWith("ddgan@smoke: training from step 0 for"), lines[0]);
        // steps 1 and 4 (3 s apart), then the checkpoint on a line of its own
        assertEquals(2, lines[1].chars().filter(c -> c == '\r').count(), lines[1]);
        assertTrue(lines[1].startsWith("\rddgan@smoke [##..................] 1/10  10%   1.00 step/s ETA 0m09s | D 0.7500"),
                lines[1]);
        assertTrue(lines[1].contains("\rddgan@smoke [########............] 4/10  40%"), lines[1]);
        assertEquals("ddgan@smoke: checkpoint at step 5 -> ckpt/step-00000005", lines[2]);
        // steps 7 and 10 (the last planned step is always shown), ended by one newline
        assertEquals(2, lines[3].chars().filter(c -> c == '\r').count(), lines[3]);
        assertTrue(lines[3].endsWith("\rddgan@smoke [####################] 10/10 100%   1.00 step/s ETA 0m00s | D 0.7500 G 0.7500 rec 0.1250 w 1.000"),
                lines[3]);
        assertTrue(lines[4].startsWith("ddgan@smoke: stopped at step 10 (epoch 2)"), lines[4]);
        assertEquals("", lines[5]);
    }

    @Test
    void inANotebookKernelTheLineIsOneOutputUpdatedInPlace() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        PrintStream captured = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        try (JJavaRecordingKernel kernel = new JJavaRecordingKernel()) {
            run(new ProgressBar(System.out, 60));
            List<Published> p = kernel.published();
            // every step is at least 2 s after the last shown one only every other step: 1, 3, 5, 7, 9, 10
            assertEquals(6, p.size(), "messages: " + p);
            assertEquals("display_data", p.get(0).type());
            for (Published u : p.subList(1, p.size())) {
                assertEquals("update_display_data", u.type());
                assertEquals(p.get(0).displayId(), u.displayId());
            }
            assertTrue(p.get(0).data("text/plain").contains(" 1/10 "), p.get(0).data("text/plain"));
            assertTrue(p.get(5).data("text/plain").contains(" 10/10 100%"), p.get(5).data("text/plain"));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(!out.contains("\r") && !out.contains("/10 "), "no progress line on the stream: " + out);
        assertEquals(3, out.split("\n").length, out);
    }
}
