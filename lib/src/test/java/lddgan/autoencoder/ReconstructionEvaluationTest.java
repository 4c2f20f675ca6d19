package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.io.Json;
import lddgan.metrics.ChannelMoments;
import lddgan.metrics.ClassifierConfig;
import lddgan.metrics.OfflineClassifierFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconstruction evaluation's numbers are a function of the autoencoder, the images and its seed: not of what drew
 * random numbers before it (issue 27: notebook 01's table1 moved with whether the extractor was trained or loaded).
 */
class ReconstructionEvaluationTest {
    private static final ImageSet IMAGES = SyntheticImages.generate(24, 32, 3);

    @TempDir
    Path tmp;

    /** Every number of the evaluation but its wall time, as results write it. */
    private static String numbers(ReconstructionEvaluation e) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(new ReconstructionEvaluation(e.autoencoder(), e.dataset(), e.images(),
                e.rfid(), e.kid(), e.extractor(), e.proxy(), e.psnr(), e.l1(), e.latent(), 0));
    }

    @Test
    void theNumbersDependOnTheSeedNotOnTheEnginesStateBefore() throws JsonProcessingException {
        Engine.getInstance().setRandomSeed(1);
        Autoencoder ae = new Autoencoder(AutoencoderConfig.preset(AutoencoderConfig.CIFAR10_F2).withCh(32));
        try (NDManager m = NDManager.newBaseManager(); ChannelMoments features = new ChannelMoments()) {
            ae.initialize(m, 2);
            Engine.getInstance().setRandomSeed(5); // as after training the extractor in the process
            ReconstructionEvaluation first = ReconstructionEvaluation.of(ae, IMAGES, features, m, 8, 12345, null);

            Engine.getInstance().setRandomSeed(99); // as after loading it: other draws, another state
            m.randomNormal(new Shape(1000)).close();
            ReconstructionEvaluation second = ReconstructionEvaluation.of(ae, IMAGES, features, m, 8, 12345,
                    (x, rec) -> x.getManager().randomNormal(new Shape(10))); // a sink that draws between batches
            assertEquals(numbers(first), numbers(second));

            ReconstructionEvaluation otherSeed = ReconstructionEvaluation.of(ae, IMAGES, features, m, 8, 12346, null);
            assertNotEquals(first.rfid(), otherSeed.rfid(), "the posterior samples follow the seed");
            assertNotEquals(numbers(first), numbers(otherSeed));
        }
    }

    /**
     * Issue 27's case end to end: the offline extractor trained in this process (an empty cache) and the one a fresh
     * object loads from the cache it was saved to give bit-identical features and the same reconstruction evaluation,
     * and training it again into another empty cache gives the same weights.
     */
    @Test
    void extractorTrainedOrReloadedFromTheCacheGivesTheSameEvaluation() throws IOException {
        ImageSet train = SyntheticImages.generate(200, 32, 1);
        ClassifierConfig tiny = new ClassifierConfig(List.of(8, 16), 16, 1, 50, 1e-3, 0);
        Engine.getInstance().setRandomSeed(1);
        Autoencoder ae = new Autoencoder(AutoencoderConfig.preset(AutoencoderConfig.CIFAR10_F2).withCh(32));
        try (NDManager m = NDManager.newBaseManager()) {
            ae.initialize(m, 2);
            float[] trainedFeatures;
            String trainedNumbers;
            String sha;
            try (OfflineClassifierFeatures trained = OfflineClassifierFeatures.trainOrLoad(train, null, tiny, tmp.resolve("a"))) {
                trainedFeatures = trained.features(IMAGES.batch(m, 0, 24)).toFloatArray();
                trainedNumbers = numbers(ReconstructionEvaluation.of(ae, IMAGES, trained, m, 8, 12345, null));
                sha = trained.weightsSha256();
            }
            Engine.getInstance().setRandomSeed(99); // loading draws nothing: the engine is wherever the process left it
            m.randomNormal(new Shape(1000)).close();
            try (OfflineClassifierFeatures loaded = OfflineClassifierFeatures.trainOrLoad(train, null, tiny, tmp.resolve("a"))) {
                assertEquals(sha, loaded.weightsSha256(), "the same saved weights");
                assertArrayEquals(trainedFeatures, loaded.features(IMAGES.batch(m, 0, 24)).toFloatArray(), 0f,
                        "features of the reloaded extractor");
                assertEquals(trainedNumbers, numbers(ReconstructionEvaluation.of(ae, IMAGES, loaded, m, 8, 12345, null)));
                assertNotEquals(trainedNumbers, numbers(ReconstructionEvaluation.of(ae, IMAGES, loaded, m, 8, 12346, null)),
                        "the evaluation reads the features (and its seed)");
            }
            try (OfflineClassifierFeatures again = OfflineClassifierFeatures.trainOrLoad(train, null, tiny, tmp.resolve("b"))) {
                assertEquals(sha, again.weightsSha256(), "training it again into an empty cache gives the same weights");
                assertArrayEquals(trainedFeatures, again.features(IMAGES.batch(m, 0, 24)).toFloatArray(), 0f);
            }
        }
    }
}
