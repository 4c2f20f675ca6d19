package lddgan.metrics;

/**
 * Improved precision and recall of a generated set against a real set (Kynkaanniemi et al. 2019).
 *
 * @param precision fraction of generated samples inside the real manifold (fidelity)
 * @param recall fraction of real samples inside the generated manifold (diversity; the paper's "Recall")
 * @param k the neighbourhood size that sets each sample's radius
 * @param realCount number of real feature vectors
 * @param generatedCount number of generated feature vectors
 */
public record PrecisionRecall(double precision, double recall, int k, long realCount, long generatedCount) {
}
