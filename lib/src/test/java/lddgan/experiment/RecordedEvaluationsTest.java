package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import lddgan.config.Profile;
import lddgan.metrics.ChannelMoments;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.KernelInceptionDistance;
import lddgan.metrics.SamplingTime;
import lddgan.metrics.TimingProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notebook 05's sampler rows resume: a finished evaluation is taken from its file only when made the same way. */
class RecordedEvaluationsTest {
    private static final TimingProtocol TIMING = new TimingProtocol(100, 1, 3);

    private static GanEvaluation row(String model, long steps, int samples, int nfe, TimingProtocol timing, String extractor,
            double fid) {
        KernelInceptionDistance kid = new KernelInceptionDistance(1, 0.1, KernelInceptionDistance.SUBSETS,
                KernelInceptionDistance.subsetSizeFor(500, samples), 500, samples, 1234);
        return new GanEvaluation(model, steps, 1, 60, samples, fid, kid, null, 0.5, 0.5, nfe,
                new SamplingTime(2.5, 0.1, nfe, timing, "cpu"), extractor, true);
    }

    @Test
    void aFinishedRowIsTakenFromItsFileOnlyWhenMadeTheSameWay(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("samplers.json");
        try (NDManager m = NDManager.newBaseManager(); ChannelMoments extractor = new ChannelMoments()) {
            ModelRun.Setup setup = new ModelRun.Setup(Profile.SMOKE, null, extractor, null, m.zeros(new Shape(500, 6)), 64,
                    TIMING, 0, "05", TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
            AtomicInteger evaluated = new AtomicInteger();
            GanEvaluation first = RecordedEvaluations.in(file).evaluate("eps / DDIM-10", 1500, 64, 10, TIMING, setup,
                    () -> {
                        evaluated.incrementAndGet();
                        return row("eps / DDIM-10", 1500, 64, 10, TIMING, extractor.id(), 123.0);
                    });
            assertEquals(1, evaluated.get());
            assertTrue(Files.exists(file), "recorded at once");
            // a later process (the file read again) takes it, with the time measured then
            GanEvaluation again = RecordedEvaluations.in(file).evaluate("eps / DDIM-10", 1500, 64, 10, TIMING, setup,
                    () -> {
                        throw new AssertionError("evaluated again");
                    });
            assertEquals(first, again);
            // any difference in how it would be made evaluates anew: model, step, samples, NFE, timing, extractor
            RecordedEvaluations record = RecordedEvaluations.in(file);
            record.evaluate("eps / DDIM-20", 1500, 64, 20, TIMING, setup, () -> count(evaluated, "eps / DDIM-20", 1500, 64, 20, TIMING, extractor.id()));
            record.evaluate("eps / DDIM-10", 1250, 64, 10, TIMING, setup, () -> count(evaluated, "eps / DDIM-10", 1250, 64, 10, TIMING, extractor.id()));
            record.evaluate("eps / DDIM-10", 1500, 32, 10, TIMING, setup, () -> count(evaluated, "eps / DDIM-10", 1500, 32, 10, TIMING, extractor.id()));
            TimingProtocol other = new TimingProtocol(100, 1, 4);
            record.evaluate("eps / DDIM-10", 1500, 64, 10, other, setup, () -> count(evaluated, "eps / DDIM-10", 1500, 64, 10, other, extractor.id()));
            assertEquals(5, evaluated.get(), "four new evaluations");
            assertEquals(5, RecordedEvaluations.read(file).size(), "each recorded");
            try (ChannelMoments otherExtractor = new ChannelMoments() {
                @Override
                public String id() {
                    return "another extractor";
                }
            }) {
                ModelRun.Setup otherSetup = new ModelRun.Setup(Profile.SMOKE, null, otherExtractor, null,
                        m.zeros(new Shape(500, 6)), 64, TIMING, 0, "05", TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
                assertFalse(otherSetup.evaluatesLike(first, 64));
                RecordedEvaluations.in(file).evaluate("eps / DDIM-10", 1500, 64, 10, TIMING, otherSetup,
                        () -> count(evaluated, "eps / DDIM-10", 1500, 64, 10, TIMING, "another extractor"));
                assertEquals(6, evaluated.get(), "another extractor evaluates anew");
            }
            // without a checkpoint directory nothing is recorded, and every call evaluates
            RecordedEvaluations none = RecordedEvaluations.in(null);
            none.evaluate("x", 1, 64, 1, TIMING, setup, () -> count(evaluated, "x", 1, 64, 1, TIMING, extractor.id()));
            none.evaluate("x", 1, 64, 1, TIMING, setup, () -> count(evaluated, "x", 1, 64, 1, TIMING, extractor.id()));
            assertEquals(8, evaluated.get());
        }
    }

    @Test
    void aFileThatIsNotAListOfEvaluationsIsNamed(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("samplers.json");
        Files.writeString(file, "{\"not\": \"a list\"}");
        IOException e = assertThrows(IOException.class, () -> RecordedEvaluations.in(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("is not a list of evaluations"),
                e.getMessage());
    }

    private static GanEvaluation count(AtomicInteger evaluated, String model, long steps, int samples, int nfe,
            TimingProtocol timing, String extractor) {
        evaluated.incrementAndGet();
        return row(model, steps, samples, nfe, timing, extractor, 100.0 + evaluated.get());
    }
}
