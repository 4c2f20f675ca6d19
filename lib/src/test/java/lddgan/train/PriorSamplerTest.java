package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.AutoencoderConfig;
import org.junit.jupiter.api.Test;

/** The VAE baseline: the decoder applied to N(0, I) draws in the first stage's own latent space, clamped. */
class PriorSamplerTest {

    @Test
    void decodesPriorDrawsInTheFirstStagesOwnLatentSpace() {
        try (NDManager m = NDManager.newBaseManager()) {
            Autoencoder ae = new Autoencoder(AutoencoderConfig.preset(AutoencoderConfig.CIFAR10_F2).withCh(32));
            ae.initialize(m, 1);
            ae.setScaleFactor(5.0); // must not be applied: the prior lives in the unscaled space
            PriorSampler sampler = new PriorSampler(ae, Device.cpu());
            NDArray images = sampler.sample(m, 3, 3, 42);
            assertEquals(new Shape(3, 3, 32, 32), images.getShape());
            assertTrue(images.max().getFloat() <= 1f && images.min().getFloat() >= -1f, "clamped to [-1, 1]");

            Engine.getInstance().setRandomSeed((int) new SplittableRandom(42).nextLong());
            NDArray z = m.randomNormal(new Shape(3, 4, 16, 16));
            NDArray expected = ae.decode(z).clip(-1f, 1f);
            assertArrayEquals(expected.toFloatArray(), images.toFloatArray(), 0f, "clamp(D(z)), z ~ N(0, I) after the seed");

            assertArrayEquals(images.toFloatArray(), sampler.sample(m, 3, 3, 42).toFloatArray(), 0f, "same seed");
            assertTrue(images.sub(sampler.sample(m, 3, 3, 43)).abs().max().getFloat() > 0, "another seed");
        }
    }
}
