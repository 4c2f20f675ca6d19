package lddgan.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Streaming first and second moments of feature vectors in float64: the sum of the rows and the sum of their outer
 * products, accumulated batch by batch, so that 50,000 samples never need to be held at once (as StyleGAN2-ADA's
 * {@code FeatureStats} does). {@link #statistics} turns them into the mean and the unbiased covariance
 * (divisor N - 1, as {@code numpy.cov} in pytorch-fid).
 */
public final class FeatureMoments {
    private final int dimension;
    private final double[] sum;
    private final double[] sumOfOuterProducts;
    private long count;

    /** Empty moments of {@code dimension}-dimensional features. */
    public FeatureMoments(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
        this.sum = new double[dimension];
        this.sumOfOuterProducts = new double[dimension * dimension];
    }

    /**
     * The moments of (N, d) features added {@code batch} rows at a time: the same sums, in the same order, as adding
     * the batches one by one as they were computed ({@link FeatureStatistics#of}), so the statistics are bit-identical.
     */
    public static FeatureMoments inBatches(NDArray features, int batch) {
        FeatureMoments moments = new FeatureMoments((int) features.getShape().get(1));
        long n = features.getShape().get(0);
        for (long from = 0; from < n; from += batch) {
            try (NDArray part = features.get(from + ":" + Math.min(n, from + batch))) {
                moments.add(part);
            }
        }
        return moments;
    }

    /** Adds a batch of features (N, d), any float type; the products are taken in float64 by the engine. */
    public FeatureMoments add(NDArray features) {
        if (features.getShape().dimension() != 2 || features.getShape().get(1) != dimension) {
            throw new IllegalArgumentException("expected features (N, " + dimension + "), got " + features.getShape());
        }
        try (NDArray x = features.toType(DataType.FLOAT64, true);
             NDArray rowSum = x.sum(new int[] {0});
             NDArray xt = x.transpose();
             NDArray gram = xt.matMul(x)) {
            add(rowSum.toDoubleArray(), gram.toDoubleArray(), features.getShape().get(0));
        }
        return this;
    }

    /** Adds one feature vector. */
    public FeatureMoments add(double[] row) {
        if (row.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " features, got " + row.length);
        }
        for (int i = 0; i < dimension; i++) {
            sum[i] += row[i];
            for (int j = 0; j < dimension; j++) {
                sumOfOuterProducts[i * dimension + j] += row[i] * row[j];
            }
        }
        count++;
        return this;
    }

    private void add(double[] rowSum, double[] gram, long n) {
        for (int i = 0; i < dimension; i++) {
            sum[i] += rowSum[i];
        }
        for (int i = 0; i < gram.length; i++) {
            sumOfOuterProducts[i] += gram[i];
        }
        count += n;
    }

    /** Number of feature vectors added. */
    public long count() {
        return count;
    }

    /** Feature dimension. */
    public int dimension() {
        return dimension;
    }

    /**
     * The mean mu = sum / N and covariance Sigma = (sum x x^T - N mu mu^T) / (N - 1).
     *
     * @param dataset what the features were computed from (named in the statistics and their file)
     * @param extractorId the {@link FeatureExtractor#id()} used
     */
    public FeatureStatistics statistics(String dataset, String extractorId) {
        if (count < 2) {
            throw new IllegalStateException("need at least 2 feature vectors for a covariance, got " + count);
        }
        double[] mean = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = sum[i] / count;
        }
        double[] covariance = new double[dimension * dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                covariance[i * dimension + j] = (sumOfOuterProducts[i * dimension + j] - count * mean[i] * mean[j]) / (count - 1);
            }
        }
        return new FeatureStatistics(dataset, extractorId, count, mean, covariance);
    }
}
