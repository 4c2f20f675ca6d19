/**
 * Evaluation metrics: FID (Heusel et al. 2017), KID (Binkowski et al. 2018), improved precision and recall
 * (Kynkaanniemi et al. 2019), Inception Score (Salimans et al. 2016), sampling time (mean over repetitions of one batch of 100), model cost (parameters,
 * peak memory), PSNR, and one evaluated model's row ({@link lddgan.metrics.GanEvaluation}).
 *
 * <p>Feature extraction is kept apart from the metric math (as in NVlabs/edm): a
 * {@link lddgan.metrics.FeatureExtractor} turns images in [-1, 1] into feature vectors and names itself by an id;
 * {@link lddgan.metrics.FeatureMoments} / {@link lddgan.metrics.FeatureStatistics} hold float64 means and
 * covariances ({@link lddgan.metrics.ReferenceStatistics} caches those of a real set, named by a
 * {@link lddgan.metrics.DatasetKey}); {@link lddgan.metrics.FrechetDistance},
 * {@link lddgan.metrics.ImprovedPrecisionRecall} ({@link lddgan.metrics.PrecisionRecall}) and
 * {@link lddgan.metrics.KernelInceptionDistance}, {@link lddgan.metrics.InceptionScore} only see numbers. Three
 * extractors:
 * <ul>
 *   <li>{@link lddgan.metrics.FidInceptionV3}: pytorch-fid's Inception-v3, the paper's FID network (pool3, 2048-d,
 *       and the 1,008 logits), built from pytorch-fid's state_dict ({@code make weights},
 *       {@link lddgan.metrics.FidInceptionWeights}; loaded by {@code lddgan.interop.FidInceptionCheckpoint}); only
 *       numbers computed with it, on 50k samples against the training set, are comparable with the paper's FIDs;
 *   <li>{@link lddgan.metrics.InceptionV3Features}: NVIDIA's TorchScript translation of the same TF graph
 *       ({@link lddgan.metrics.InceptionWeights}), an alternative whose resize differs slightly from pytorch-fid's;
 *   <li>{@link lddgan.metrics.OfflineClassifierFeatures} ({@link lddgan.metrics.ClassifierConfig}): a small CNN the
 *       project trains on the training split, for machines without the Inception weights. Its numbers rank models
 *       against each other under the same id and are never comparable with the paper's FID.
 * </ul>
 * Tables name their columns with {@link lddgan.metrics.MetricLabel} ("FID (offline proxy)" unless an Inception-v3
 * computed them), and results carry {@link lddgan.metrics.FidConventions}. Time and cost: {@link lddgan.metrics.SamplingTimer} times one batch under a {@link lddgan.metrics.TimingProtocol}
 * ({@link lddgan.metrics.SamplingTime}); {@link lddgan.metrics.NfeCost} fits time against NFE;
 * {@link lddgan.metrics.ModelCost} and {@link lddgan.metrics.PeakMemory} are Table 2's columns;
 * {@link lddgan.metrics.Psnr} judges an autoencoder's reconstructions. Every result names the extractor id, the
 * number of samples and the reference set; {@link lddgan.metrics.GanEvaluation#of} samples a model through its
 * {@link lddgan.metrics.GanEvaluation.ImageSource} and reports how long it was trained
 * ({@link lddgan.metrics.TrainingExtent}, declared here and implemented by {@code lddgan.train.TrainingSummary}).
 *
 * <p>Paper: Sec. 5.1.2 ("Evaluation protocol": NFE, mean time of a batch of 100 over 300 trials, FID, improved
 * recall); Table 1 (rFID), Table 2 (parameters, FLOPs, memory), Tables 3-5 and 12 (FID, recall, NFE, time).
 * Reference code: REFERENCE-CODE.md section 7.
 *
 * <p>Layer 3 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 3.
 */
package lddgan.metrics;
