package lddgan.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import lddgan.report.Conditions;

/**
 * One model's evaluation, a row of the paper's Tables 2-3 (FID, Recall, NFE, Time) and Table 2's cost columns.
 * Fields not measured are null. Built with {@link #of} and the {@code withX} copies; written as JSON by
 * {@link lddgan.report.Results#writeJson} (with {@link #conditions}) and as a Tablesaw table by {@link MetricsTable}.
 *
 * <p>FID and precision/recall are only comparable between rows with the same extractor ids and sample counts, and
 * with the paper's values only when the FID extractor is {@link InceptionV3Features} on 50k samples against the
 * full training set.
 *
 * @param model what was evaluated (for example "LDDGAN T=2")
 * @param fidExtractorId {@link FeatureExtractor#id()} of the FID features
 * @param samples generated samples in the FID
 * @param reference the reference set of the FID (a {@link DatasetKey} text)
 * @param referenceSamples images in the reference set
 * @param fid Frechet Inception Distance (Heusel et al. 2017)
 * @param precisionRecallExtractorId extractor of the precision/recall features (the paper: VGG16)
 * @param precision improved precision (Kynkaanniemi et al. 2019)
 * @param recall improved recall, the paper's "Recall"
 * @param inceptionScore mean Inception Score over splits (Salimans et al. 2016)
 * @param nfe network function evaluations per sample
 * @param timeMeanSeconds mean time to generate one batch
 * @param timeStdSeconds standard deviation of that time
 * @param timeBatchSize samples per timed batch (the paper: 100)
 * @param timeDevice the device timed on
 * @param parameters scalar parameters of the generator (plus decoder where the paper counts it)
 * @param gigaFlops FLOPs of one sample in units of 10^9, from the FLOP audit
 * @param peakMemoryBytes measured peak memory of one sample
 * @param peakMemoryLabel what that memory is ({@value PeakMemory#CPU_LABEL}, or GPU)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metrics(String model, String fidExtractorId, Long samples, String reference, Long referenceSamples, Double fid,
                      String precisionRecallExtractorId, Double precision, Double recall, Double inceptionScore,
                      Integer nfe, Double timeMeanSeconds, Double timeStdSeconds, Integer timeBatchSize, String timeDevice,
                      Long parameters, Double gigaFlops, Long peakMemoryBytes, String peakMemoryLabel) {
    public Metrics {
        Objects.requireNonNull(model, "model");
    }

    /** An empty row for {@code model}. */
    public static Metrics of(String model) {
        return new Metrics(model, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /**
     * A copy with the FID of generated statistics against reference statistics (same extractor required).
     *
     * @param generated statistics of the generated samples
     * @param reference statistics of the real reference set
     */
    public Metrics withFid(FeatureStatistics generated, FeatureStatistics reference) {
        double value = FrechetDistance.between(generated, reference);
        return new Metrics(model, generated.extractorId(), generated.count(), reference.dataset(), reference.count(), value,
                precisionRecallExtractorId, precision, recall, inceptionScore, nfe, timeMeanSeconds, timeStdSeconds,
                timeBatchSize, timeDevice, parameters, gigaFlops, peakMemoryBytes, peakMemoryLabel);
    }

    /** A copy with improved precision and recall computed in the features of {@code extractorId}. */
    public Metrics withPrecisionRecall(PrecisionRecall pr, String extractorId) {
        return new Metrics(model, fidExtractorId, samples, reference, referenceSamples, fid, extractorId, pr.precision(),
                pr.recall(), inceptionScore, nfe, timeMeanSeconds, timeStdSeconds, timeBatchSize, timeDevice, parameters,
                gigaFlops, peakMemoryBytes, peakMemoryLabel);
    }

    /** A copy with the Inception Score. */
    public Metrics withInceptionScore(InceptionScore is) {
        return new Metrics(model, fidExtractorId, samples, reference, referenceSamples, fid, precisionRecallExtractorId,
                precision, recall, is.mean(), nfe, timeMeanSeconds, timeStdSeconds, timeBatchSize, timeDevice, parameters,
                gigaFlops, peakMemoryBytes, peakMemoryLabel);
    }

    /** A copy with the sampling time and NFE. */
    public Metrics withTime(SamplingTime time) {
        return new Metrics(model, fidExtractorId, samples, reference, referenceSamples, fid, precisionRecallExtractorId,
                precision, recall, inceptionScore, time.nfe(), time.meanSeconds(), time.stdSeconds(),
                time.protocol().batchSize(), time.device(), parameters, gigaFlops, peakMemoryBytes, peakMemoryLabel);
    }

    /** A copy with the model's cost. */
    public Metrics withCost(ModelCost cost) {
        PeakMemory memory = cost.peakMemory();
        return new Metrics(model, fidExtractorId, samples, reference, referenceSamples, fid, precisionRecallExtractorId,
                precision, recall, inceptionScore, nfe, timeMeanSeconds, timeStdSeconds, timeBatchSize, timeDevice,
                cost.parameters(), cost.gigaFlops(), memory == null ? null : memory.bytes(),
                memory == null ? null : memory.label());
    }

    /** {@code base} with the conditions these numbers depend on: extractors, sample counts, reference, timing. */
    public Conditions conditions(Conditions base) {
        Conditions c = base;
        if (fidExtractorId != null) {
            c = c.with("fid extractor", fidExtractorId).with("samples", samples).with("reference", reference)
                    .with("reference samples", referenceSamples);
        }
        if (precisionRecallExtractorId != null) {
            c = c.with("precision/recall extractor", precisionRecallExtractorId)
                    .with("precision/recall k", ImprovedPrecisionRecall.K);
        }
        if (timeMeanSeconds != null) {
            c = c.with("time batch", timeBatchSize).with("time device", timeDevice);
        }
        if (peakMemoryLabel != null) {
            c = c.with("memory", peakMemoryLabel);
        }
        return c;
    }
}
