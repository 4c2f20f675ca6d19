package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import lddgan.config.Profile;
import lddgan.metrics.ChannelMoments;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.KernelInceptionDistance;
import lddgan.metrics.SamplingTime;
import lddgan.metrics.TimingProtocol;
import org.junit.jupiter.api.Test;

/** A curve point on file is reused only when it was evaluated as the setup evaluates now. */
class ModelRunSetupTest {
    private static GanEvaluation point(int samples, String extractor, int kidSubset) {
        KernelInceptionDistance kid = kidSubset == 0 ? null
                : new KernelInceptionDistance(1, 0.1, KernelInceptionDistance.SUBSETS, kidSubset, 500, samples, 1234);
        return new GanEvaluation("m", 10, 1, 1, samples, 50, kid, null, 0.5, 0.5, 4,
                new SamplingTime(1, 0, 4, new TimingProtocol(100, 0, 1), "cpu"), extractor, true);
    }

    @Test
    void samplesExtractorAndKidProtocolMustAllMatch() {
        try (NDManager m = NDManager.newBaseManager(); ChannelMoments extractor = new ChannelMoments()) {
            ModelRun.Setup setup = new ModelRun.Setup(Profile.SMOKE, null, extractor, null, m.zeros(new Shape(500, 6)), 64,
                    new TimingProtocol(100, 0, 1), 0, "04", TrainingSetup.FIRST_STAGE, FirstStageRuns.SEED);
            assertEquals(32, setup.kidSubsetSize(), "half the 64 samples");
            assertTrue(setup.evaluatesLike(point(64, extractor.id(), 32)));
            assertFalse(setup.evaluatesLike(point(100, extractor.id(), 32)), "another sample count");
            assertFalse(setup.evaluatesLike(point(64, "offline-other", 32)), "another extractor");
            assertFalse(setup.evaluatesLike(point(64, extractor.id(), 64)), "the KID protocol before this issue's change");
            assertFalse(setup.evaluatesLike(point(64, extractor.id(), 0)), "written before KID was recorded");
            // another training seed: its own file names and first stage only where asked for
            ModelRun.Setup seeded = setup.withSeed(2);
            assertEquals(2, seeded.seed());
            assertEquals("", setup.seedSuffix());
            assertEquals("-seed2", seeded.seedSuffix());
            assertEquals(FirstStageRuns.SEED, seeded.firstStageSeed());
            ModelRun.Setup onSeed2 = seeded.withFirstStage("03-cifar10-f2", 2);
            assertEquals("03-cifar10-f2", onSeed2.firstStage());
            assertEquals(2, onSeed2.firstStageSeed());
            assertEquals(2, onSeed2.withSeed(1).firstStageSeed(), "the first stage stays when the GAN's seed changes");
        }
    }
}
