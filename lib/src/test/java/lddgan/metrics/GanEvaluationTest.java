package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where an evaluation's images and its timed calls come from (Sec. 5.1.2's protocol, two ways). */
class GanEvaluationTest {

    private record Call(int count, int batch, long seed) {
    }

    private static GanEvaluation evaluate(TimingProtocol timing, int samples, List<Call> calls, NDManager m) {
        FeatureExtractor extractor = new ChannelMoments();
        NDArray real = extractor.features(m.randomUniform(-1, 1, new Shape(64, 3, 4, 4)));
        FeatureStatistics reference = new FeatureMoments(6).add(real).statistics("real", extractor.id());
        GanEvaluation.ImageSource source = (out, count, batch, seed) -> {
            calls.add(new Call(count, batch, seed));
            out.getEngine().setRandomSeed((int) seed);
            return out.randomUniform(-1, 1, new Shape(count, 3, 4, 4));
        };
        TrainingExtent summary = TrainingExtent.of(10, 1, 1.0);
        return GanEvaluation.of("toy model", summary, source, 7, extractor, reference, real, samples, timing,
                Device.cpu(), m, 5);
    }

    @Test
    void separateTimingCallsFollowTheEvaluation() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Call> calls = new ArrayList<>();
            GanEvaluation e = evaluate(new TimingProtocol(100, 1, 2), 300, calls, m);
            // one sampling call for the 300 FID samples, then 1 warm-up and 2 timed calls of one batch
            assertEquals(List.of(new Call(300, 100, 5), new Call(100, 100, 6), new Call(100, 100, 6),
                    new Call(100, 100, 6)), calls);
            assertEquals(300, e.samples());
            assertEquals(7, e.nfe());
            assertEquals(2, e.time().protocol().repetitions());
            assertTrue(Double.isFinite(e.fid()));
        }
    }

    @Test
    void evaluationBatchesAreTheTimedCallsAndNothingElseIsGenerated() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Call> calls = new ArrayList<>();
            TimingProtocol timing = TimingProtocol.onEvaluationBatches(100, 1, 2);
            GanEvaluation e = evaluate(timing, 300, calls, m);
            // three batches of 100 with their own seeds, no extra calls
            assertEquals(List.of(new Call(100, 100, 5), new Call(100, 100, 6), new Call(100, 100, 7)), calls);
            assertEquals(300, e.samples());
            assertEquals(timing, e.time().protocol());
            assertTrue(e.time().meanSeconds() > 0);
            assertTrue(Double.isFinite(e.fid()));
        }
    }

    @Test
    void oneTimedBatchHasNoStandardDeviation() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanEvaluation e = evaluate(TimingProtocol.onEvaluationBatches(100, 0, 1), 100, new ArrayList<>(), m);
            assertTrue(Double.isNaN(e.time().stdSeconds()));
            assertTrue(e.time().meanSeconds() > 0);
        }
    }

    @Test
    void sampleCountMustMatchTheTimedBatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> evaluate(TimingProtocol.onEvaluationBatches(100, 1, 2), 250, new ArrayList<>(), m));
            assertTrue(error.getMessage().contains("toy model") && error.getMessage().contains("300"), error.getMessage());
        }
    }
}
