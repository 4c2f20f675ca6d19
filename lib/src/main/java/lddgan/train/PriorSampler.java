package lddgan.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import lddgan.autoencoder.Autoencoder;
import lddgan.metrics.GanEvaluation;

/**
 * The VAE baseline of the latent-diffusion source project (its "VAE" row, FID 332; Kingma &amp; Welling 2014): images
 * decoded from latents drawn from the prior, x = clamp(D(z), -1, 1), z ~ N(0, I) in the first stage's own latent
 * space (no scale factor: the KL term pulls the posterior towards N(0, I) there, not in the rescaled space the
 * latent models work in). No denoising network runs: 0 NFE, one decoder pass per image. How close the samples come
 * to the data depends on how strongly the KL term was weighted: LDDGAN's first stage (KL weight 1e-6) is an
 * autoencoder whose prior is barely used, a VAE trained with a larger weight is one whose prior is.
 *
 * <p>The engine is seeded from the sample seed before anything is drawn, as {@link Algorithm1Sampler} does.
 */
public final class PriorSampler implements GanEvaluation.ImageSource {
    private final Autoencoder autoencoder;
    private final Device device;

    /**
     * @param autoencoder the first stage whose decoder maps prior draws to images
     * @param device where the decoder runs
     */
    public PriorSampler(Autoencoder autoencoder, Device device) {
        this.autoencoder = autoencoder;
        this.device = device;
    }

    /** {@inheritDoc} (count, C, H, W) images in [-1, 1], decoded {@code batch} at a time. */
    @Override
    public NDArray sample(NDManager out, int count, int batch, long seed) {
        Engine.getInstance().setRandomSeed((int) new SplittableRandom(seed).nextLong());
        return TrainerBase.inBatches(out, device, count, batch, (part, from, n) ->
                autoencoder.decode(part.randomNormal(autoencoder.config().latentShape(n))).clip(-1f, 1f));
    }

    /** The first stage sampled from. */
    public Autoencoder autoencoder() {
        return autoencoder;
    }
}
