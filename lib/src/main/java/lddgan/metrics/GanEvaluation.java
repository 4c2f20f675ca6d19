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
 * @param kid KID (mean and std over subsets) of the same generated features against the real features, the subsets
 *     seeded by the evaluation's seed (null in curves written before KID was recorded)
 * @param inceptionScore IS (10 splits) from the extractor's class probabilities; null when the extractor has no
 *     classifier head over its features ({@link FeatureExtractor#classProbabilities})
 * @param precision improved precision (k = 3)
 * @param recall improved recall (k = 3)
 * @param nfe network function evaluations per sample (T)
 * @param time sampling time of one batch
 * @param extractor the feature extractor's id (FID and precision / recall use the same one here)
 * @param proxy whether that extractor gives only proxies of the paper's metrics ({@link FeatureExtractor#isProxy()})
 */
public record GanEvaluation(String model, long steps, int epochs, double trainingSeconds, int samples, double fid,
                            KernelInceptionDistance kid, InceptionScore inceptionScore, double precision, double recall,
                            int nfe, SamplingTime time, String extractor, boolean proxy) {
    /** Splits of the Inception Score (Salimans et al. 2016; 10 as in every published protocol). */
    public static final int IS_SPLITS = 10;

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
            if (time == null) {
                time = new SamplingTimer(timing, device)
                        .time(() -> source.sample(scope, timing.batchSize(), timing.batchSize(), seed + 1), nfe);
            }
            ImageSet set = ImageSet.fromImages("samples of " + model + " at step " + training.steps(), images);
            return score(model, training, set, nfe, time, extractor, reference, realFeatures, seed, scope);
        }
    }

    /**
     * The real-data row of a table (issue 23, item 4): {@code samples} held-out real images (never trained on) scored
     * exactly as generated ones are, against the same reference statistics and real features. Its FID and KID are
     * the floor this extractor and sample count can reach, its precision and recall the ceiling; no sampling time
     * (NaN) and no training.
     *
     * @throws IllegalArgumentException when {@code heldOut} has fewer than {@code samples} images
     */
    public static GanEvaluation realData(String name, ImageSet heldOut, FeatureExtractor extractor,
            FeatureStatistics reference, NDArray realFeatures, int samples, NDManager manager, long seed) {
        if (heldOut.size() < samples) {
            throw new IllegalArgumentException("the real-data row needs " + samples + " held-out images (the table's "
                    + "sample count), " + heldOut.name() + " has " + heldOut.size());
        }
        try (NDManager scope = manager.newSubManager()) {
            ImageSet set = heldOut.size() == samples ? heldOut : heldOut.limit(samples);
            return score(name, TrainingExtent.NONE, set, 0, SamplingTime.none(), extractor, reference,
                    realFeatures, seed, scope);
        }
    }

    /** FID, KID, IS and precision / recall of {@code set}'s images (one feature pass serves them all). */
    private static GanEvaluation score(String model, TrainingExtent training, ImageSet set, int nfe, SamplingTime time,
            FeatureExtractor extractor, FeatureStatistics reference, NDArray realFeatures, long seed, NDManager scope) {
        NDArray generatedFeatures = extractor.features(set, 250, scope);
        FeatureStatistics generated = new FeatureMoments(extractor.dimension()).add(generatedFeatures)
                .statistics(set.name(), extractor.id());
        PrecisionRecall pr = ImprovedPrecisionRecall.compute(realFeatures, generatedFeatures);
        KernelInceptionDistance kid = KernelInceptionDistance.compute(realFeatures, generatedFeatures, seed);
        InceptionScore is = extractor.classProbabilities(generatedFeatures)
                .filter(p -> p.getShape().get(0) >= IS_SPLITS)
                .map(p -> InceptionScore.of(p.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(),
                        (int) p.getShape().get(1), IS_SPLITS))
                .orElse(null);
        return new GanEvaluation(model, training.steps(), training.epoch(), training.wallSeconds(), set.size(),
                FrechetDistance.between(generated, reference), kid, is, pr.precision(), pr.recall(), nfe, time,
                extractor.id(), extractor.isProxy());
    }

    /** A copy with another training wall time (a curve's cumulative seconds over several training calls). */
    public GanEvaluation withTrainingSeconds(double seconds) {
        return new GanEvaluation(model, steps, epochs, seconds, samples, fid, kid, inceptionScore, precision, recall, nfe,
                time, extractor, proxy);
    }

    /**
     * One line for a notebook's output: FID, KID +- std, IS +- std where there is one, precision, recall and the time
     * of a batch, the metric names labelled as proxies where they are ({@link MetricLabel}).
     */
    public String summary() {
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "%s %.2f, %s %.4f +- %.4f",
                MetricLabel.FID.label(proxy), fid, MetricLabel.KID.label(proxy), kidMean(), kidStd()));
        if (inceptionScore != null) {
            s.append(String.format(java.util.Locale.ROOT, ", %s %.2f +- %.2f", MetricLabel.IS.label(proxy),
                    inceptionScore.mean(), inceptionScore.std()));
        }
        s.append(String.format(java.util.Locale.ROOT, ", precision %.3f, recall %.3f", precision, recall));
        if (!Double.isNaN(time.meanSeconds())) {
            s.append(String.format(java.util.Locale.ROOT, ", %.3f s per batch of %d", time.meanSeconds(),
                    time.protocol().batchSize()));
        }
        return s.toString();
    }

    /** KID's mean, NaN when not recorded. */
    public double kidMean() {
        return kid == null ? Double.NaN : kid.mean();
    }

    /** KID's standard deviation over subsets, NaN when not recorded. */
    public double kidStd() {
        return kid == null ? Double.NaN : kid.std();
    }

    /** The Inception Score's mean over splits, NaN without a classifier head. */
    public double isMean() {
        return inceptionScore == null ? Double.NaN : inceptionScore.mean();
    }

    /** The Inception Score's standard deviation over splits, NaN without a classifier head. */
    public double isStd() {
        return inceptionScore == null ? Double.NaN : inceptionScore.std();
    }
}
