/**
 * Evaluation metrics of the paper's Sec. 5.1.2 ("Evaluation protocol"; REFERENCE-CODE.md section 7): FID
 * (Heusel et al. 2017), improved precision and recall (Kynkaanniemi et al. 2019), Inception Score (Salimans et
 * al. 2016), sampling time (mean over repetitions of one batch of 100) and model cost (parameters, peak memory).
 *
 * <p>Feature extraction is kept apart from the metric math (as in NVlabs/edm): a {@link
 * lddgan.metrics.FeatureExtractor} turns images in [-1, 1] into feature vectors and names itself by an id;
 * {@link lddgan.metrics.FeatureMoments} / {@link lddgan.metrics.FeatureStatistics} hold float64 means and
 * covariances; {@link lddgan.metrics.FrechetDistance} and {@link lddgan.metrics.ImprovedPrecisionRecall} only see
 * numbers. Two extractors:
 * <ul>
 *   <li>{@link lddgan.metrics.InceptionV3Features}: the standard FID network (pool3, 2048-d), from a TorchScript
 *       file the user downloads once ({@code make weights}); only numbers computed with it are comparable with the
 *       paper's absolute FID;
 *   <li>{@link lddgan.metrics.OfflineClassifierFeatures}: a small CNN the project trains on the training split, for
 *       machines without the Inception weights. Its numbers rank models against each other under the same id and
 *       are never comparable with the paper's FID.
 * </ul>
 * Every result names the extractor id, the number of samples and the reference set ({@link lddgan.metrics.GanEvaluation}).
 */
package lddgan.metrics;
