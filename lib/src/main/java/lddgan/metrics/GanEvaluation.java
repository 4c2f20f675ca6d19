package lddgan.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import lddgan.data.ImageSet;

/**
 * One row of Table 3 (LDDGAN Sec. 5.2; REFERENCE-CODE.md section 7) for a trained model: FID and improved
 * precision / recall of its EMA samples against the training set, NFE = T, and the time to generate a batch
 * (Algorithm 1 plus the decoder or the inverse DWT, as the paper times it).
 *
 * @param model the training preset
 * @param steps training steps done
 * @param epochs epochs done
 * @param trainingSeconds wall time of the training call
 * @param samples generated images for FID and precision / recall
 * @param fid FID against the reference statistics
 * @param precision improved precision (k = 3)
 * @param recall improved recall (k = 3)
 * @param nfe network function evaluations per sample (T)
 * @param time sampling time of one batch
 * @param extractor the feature extractor's id (FID and precision / recall use the same one here)
 */
public record GanEvaluation(String model, long steps, int epochs, double trainingSeconds, int samples, double fid,
                            double precision, double recall, int nfe, SamplingTime time, String extractor) {

    /** Where evaluated images come from: a trained model with its sampler (seeded by {@code seed}). */
    @FunctionalInterface
    public interface ImageSource {
        /** (count, C, H, W) images in [-1, 1] in {@code out}, generated {@code batch} at a time. */
        NDArray sample(NDManager out, int count, int batch, long seed);
    }

    /**
     * Evaluates any image source with the same protocol: FID and precision / recall of {@code samples} images, the
     * time of one batch (separate calls after the evaluation, or the evaluation's own batches when
     * {@link TimingProtocol#evaluationBatches()}, which then needs {@code samples} equal to
     * {@link TimingProtocol#evaluationSamples()}).
     *
     * @param model the name to report
     * @param training how long its model was trained (steps, epochs, wall time)
     * @param nfe network evaluations per sample of the source's sampler
     * @param device where the sampling runs (the timer synchronises it)
     */
    public static GanEvaluation of(String model, TrainingExtent training, ImageSource source, int nfe,
            FeatureExtractor extractor, FeatureStatistics reference, NDArray realFeatures, int samples, TimingProtocol timing,
            ai.djl.Device device, NDManager manager, long seed) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray images;
            SamplingTime time = null;
            if (timing.evaluationBatches()) {
                if (samples != timing.evaluationSamples()) {
                    throw new IllegalArgumentException("timing on the evaluation's batches (" + timing + ") generates "
                            + timing.evaluationSamples() + " samples, but the evaluation of " + model + " asks for "
                            + samples);
                }
                List<NDArray> batches = new ArrayList<>();
                time = new SamplingTimer(timing, device).time(() -> {
                    NDArray batch = source.sample(scope, timing.batchSize(), timing.batchSize(), seed + batches.size());
                    SamplingTimer.force(batch);
                    batches.add(batch);
                }, nfe);
                images = NDArrays.concat(new NDList(batches));
            } else {
                images = source.sample(scope, samples, 100, seed);
            }
            ImageSet set = ImageSet.fromImages("samples of " + model + " at step " + training.steps(), images);
            // one feature pass serves FID and precision / recall
            NDArray generatedFeatures = extractor.features(set, 250, scope);
            FeatureStatistics generated = new FeatureMoments(extractor.dimension()).add(generatedFeatures)
                    .statistics(set.name(), extractor.id());
            PrecisionRecall pr = ImprovedPrecisionRecall.compute(realFeatures, generatedFeatures);
            if (time == null) {
                time = new SamplingTimer(timing, device)
                        .time(() -> source.sample(scope, timing.batchSize(), timing.batchSize(), seed + 1), nfe);
            }
            return new GanEvaluation(model, training.steps(), training.epoch(), training.wallSeconds(), samples,
                    FrechetDistance.between(generated, reference), pr.precision(), pr.recall(), nfe, time, extractor.id());
        }
    }

    /** A copy with another training wall time (a curve's cumulative seconds over several training calls). */
    public GanEvaluation withTrainingSeconds(double seconds) {
        return new GanEvaluation(model, steps, epochs, seconds, samples, fid, precision, recall, nfe, time, extractor);
    }
}
