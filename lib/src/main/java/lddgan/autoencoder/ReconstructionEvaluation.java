package lddgan.autoencoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.function.BiConsumer;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.FeatureMoments;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.FrechetDistance;
import lddgan.metrics.KernelInceptionDistance;
import lddgan.metrics.Psnr;

/**
 * How well a first stage reconstructs a held-out set (LDDGAN Table 1: "FID = reconstruction FID on the validation
 * set") and what its latent looks like (Sec. 5.3.2, Table 7: KL vs no KL):
 * <ul>
 *   <li>rFID: the Fréchet distance between the features of the reconstructions D(E(x)) and of the originals x;
 *   <li>PSNR ({@link Psnr}, mean over images) and the mean L1 per pixel;
 *   <li>{@link LatentStatistics} of the latents the diffusion sees (posterior samples for KL / NONE), divided by the
 *       autoencoder's scale factor.
 * </ul>
 * Reconstructions decode a posterior sample (KL / NONE), as LDM's {@code forward(sample_posterior=True)} does. The
 * engine is seeded from the evaluation's seed before each batch's posterior sample (as {@link LatentCache} does), so
 * the numbers depend on the autoencoder, the images and the seed only, never on what drew random numbers before in
 * the process (issue 27: whether the feature extractor was trained or loaded moved notebook 01's rFID).
 *
 * @param autoencoder the autoencoder's name
 * @param dataset the evaluated set's name
 * @param images its size
 * @param rfid the reconstruction FID
 * @param kid KID of the reconstructions' features against the originals' (the evaluation's seed seeds the subsets)
 * @param extractor the feature extractor's id (an offline one is not Inception: never comparable with the paper)
 * @param proxy whether that extractor gives only proxies of the paper's metrics
 * @param psnr PSNR of the reconstructions
 * @param l1 mean |x - D(E(x))| per pixel, images in [-1, 1]
 * @param latent statistics of the latents / scale
 * @param seconds wall time of the evaluation
 */
public record ReconstructionEvaluation(String autoencoder, String dataset, int images, double rfid,
                                       KernelInceptionDistance kid, String extractor, boolean proxy, Psnr.Result psnr,
                                       double l1, LatentStatistics latent, double seconds) {

    /**
     * Evaluates {@code ae} on {@code images}.
     *
     * @param ae the autoencoder (its scale factor divides the latents for the statistics)
     * @param images the held-out set
     * @param extractor the FID feature extractor
     * @param manager a manager for the work (everything is freed batch by batch)
     * @param batch images per encode/decode call
     * @param seed seeds the posterior samples (batch by batch; unused by a deterministic VQ encoder)
     * @param sink receives the first batch's originals and reconstructions (for a grid), or null
     */
    public static ReconstructionEvaluation of(Autoencoder ae, ImageSet images, FeatureExtractor extractor,
            NDManager manager, int batch, long seed, BiConsumer<NDArray, NDArray> sink) {
        long t0 = System.nanoTime();
        Psnr.Accumulator psnr = new Psnr.Accumulator();
        LatentStatistics.Accumulator latents = new LatentStatistics.Accumulator(ae.config().embedDim(), ae.scaleFactor());
        double l1Sum = 0;
        try (NDManager scope = manager.newSubManager()) {
            NDList parts = new NDList();
            for (int index = 0, from = 0; from < images.size(); index++, from += batch) {
                int to = Math.min(images.size(), from + batch);
                try (NDManager part = scope.newSubManager()) {
                    NDArray x = images.batch(part, from, to);
                    if (ae.isStochastic()) {
                        Engine.getInstance().setRandomSeed(LatentCache.batchSeed(seed, index));
                    }
                    NDArray z = ae.encode(x);
                    latents.add(z);
                    NDArray rec = ae.decode(z).clip(-1f, 1f);
                    psnr.add(rec, x);
                    l1Sum += x.sub(rec).abs().sum().getFloat();
                    if (from == 0 && sink != null) {
                        sink.accept(x, rec);
                    }
                    rec.attach(scope);
                    parts.add(rec);
                }
            }
            NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            ImageSet reconstructions = ImageSet.fromImages("reconstructions of " + images.name() + " by " + ae.name(), all);
            NDArray recFeatures = extractor.features(reconstructions, batch, scope);
            NDArray origFeatures = extractor.features(images, batch, scope);
            FeatureStatistics rec = FeatureMoments.inBatches(recFeatures, batch).statistics(reconstructions.name(),
                    extractor.id());
            FeatureStatistics orig = FeatureMoments.inBatches(origFeatures, batch).statistics(images.name(), extractor.id());
            double rfid = FrechetDistance.between(rec, orig);
            KernelInceptionDistance kid = KernelInceptionDistance.compute(origFeatures, recFeatures, seed);
            long pixels = (long) images.size() * images.imageBytes();
            return new ReconstructionEvaluation(ae.name(), images.name(), images.size(), rfid, kid, extractor.id(),
                    extractor.isProxy(), psnr.result(), l1Sum / pixels, latents.result(), (System.nanoTime() - t0) / 1e9);
        }
    }
}
