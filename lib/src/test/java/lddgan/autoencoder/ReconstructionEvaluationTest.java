package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.io.Json;
import lddgan.metrics.ChannelMoments;
import org.junit.jupiter.api.Test;

/**
 * A reconstruction evaluation's numbers are a function of the autoencoder, the images and its seed: not of what drew
 * random numbers before it (issue 27: notebook 01's table1 moved with whether the extractor was trained or loaded).
 */
class ReconstructionEvaluationTest {
    private static final ImageSet IMAGES = SyntheticImages.generate(24, 32, 3);

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
}
