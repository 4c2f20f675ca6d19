package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** The same features with a classifier head: softmax over the 6 features as logits. */
    private static final class ChannelMomentsClassifier extends ChannelMoments {
        @Override
        public java.util.Optional<NDArray> classProbabilities(NDArray features) {
            return java.util.Optional.of(features.softmax(1));
        }

        @Override
        public boolean isProxy() {
            return false;
        }
    }

    /** The 64 real feature vectors of every evaluation here (engine seed 0). */
    private static NDArray realOf(NDManager m) {
        m.getEngine().setRandomSeed(0);
        return new ChannelMoments().features(m.randomUniform(-1, 1, new Shape(64, 3, 4, 4)));
    }

    private record Call(int count, int batch, long seed) {
    }

    private static GanEvaluation evaluate(TimingProtocol timing, int samples, List<Call> calls, NDManager m) {
        return evaluate(new ChannelMoments(), timing, samples, calls, m);
    }

    private static GanEvaluation evaluate(FeatureExtractor extractor, TimingProtocol timing, int samples, List<Call> calls,
            NDManager m) {
        NDArray real = realOf(m);
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

    @Test
    void kidOfTheSameFeaturesAndSeedAndIsFromTheClassifierHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            GanEvaluation proxy = evaluate(new TimingProtocol(100, 0, 1), 300, new ArrayList<>(), m);
            // the generated images are the source's seed-5 draw: KID over the same features and seed repeats exactly
            m.getEngine().setRandomSeed(5);
            // the evaluation scores 8-bit images, as the reference scores PNGs
            NDArray generated = new ChannelMoments().features(lddgan.data.ImageSet.fromImages("s",
                    m.randomUniform(-1, 1, new Shape(300, 3, 4, 4))), 250, m);
            NDArray real = realOf(m);
            KernelInceptionDistance direct = KernelInceptionDistance.compute(real, generated, 5);
            assertEquals(direct, proxy.kid());
            assertEquals(32, proxy.kid().subsetSize(), "subsets of half the 64 real vectors");
            assertNull(proxy.inceptionScore(), "no classifier head, no IS");
            assertTrue(Double.isNaN(proxy.isMean()));
            assertTrue(proxy.proxy());
            assertTrue(proxy.summary().startsWith("FID (offline proxy) "), proxy.summary());

            GanEvaluation scored = evaluate(new ChannelMomentsClassifier(), new TimingProtocol(100, 0, 1), 300,
                    new ArrayList<>(), m);
            assertEquals(GanEvaluation.IS_SPLITS, scored.inceptionScore().splits());
            assertEquals(300, scored.inceptionScore().samples());
            assertTrue(scored.isMean() >= 1 && scored.isMean() <= 6, "IS lies in [1, classes]: " + scored.isMean());
            assertFalse(scored.proxy());
            assertTrue(scored.summary().startsWith("FID ") && scored.summary().contains(", IS "), scored.summary());
        }
    }

    @Test
    void theRealDataRowOfTheReferenceImagesIsAtTheFloorAndCeiling() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(0);
            NDArray images = m.randomUniform(-1, 1, new Shape(64, 3, 4, 4));
            lddgan.data.ImageSet heldOut = lddgan.data.ImageSet.fromImages("held out", images);
            ChannelMoments extractor = new ChannelMoments();
            // the reference and real features of the very same (quantised) images: FID 0, precision = recall = 1
            NDArray real = extractor.features(heldOut, 64, m);
            FeatureStatistics reference = new FeatureMoments(6).add(real).statistics("real", extractor.id());
            GanEvaluation e = GanEvaluation.realData("real data", heldOut, extractor, reference, real, 64, m, 5);
            assertEquals(0, e.fid(), 1e-3);
            assertEquals(1, e.precision());
            assertEquals(1, e.recall());
            assertEquals(64, e.samples());
            assertEquals(0, e.nfe());
            assertTrue(Double.isNaN(e.time().meanSeconds()));
            assertFalse(e.summary().contains("s per batch"), e.summary());
            // one sample count per table: fewer held-out images than samples is refused, naming both
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> GanEvaluation.realData("real data", heldOut, extractor, reference, real, 100, m, 5));
            assertTrue(x.getMessage().contains("needs 100 held-out images") && x.getMessage().contains("has 64"),
                    x.getMessage());
        }
    }
}
