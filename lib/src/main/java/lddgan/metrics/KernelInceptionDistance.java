package lddgan.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;

/**
 * The Kernel Inception Distance (Binkowski et al. 2018, "Demystifying MMD GANs", Sec. 4): the unbiased estimate of
 * the squared maximum mean discrepancy between real and generated features under the cubic polynomial kernel
 * k(x, y) = (x . y / d + 1)^3,
 *
 * <pre>
 *   MMD^2_u = sum_{i != j} k(x_i, x_j) / (m (m - 1)) + sum_{i != j} k(y_i, y_j) / (m (m - 1)) - 2 sum_{i, j} k(x_i, y_j) / m^2,
 * </pre>
 *
 * averaged over random subsets of m real and m generated vectors drawn without replacement, as torch-fidelity's
 * {@code kid} and StyleGAN2-ADA's {@code kid50k} compute it: {@value #SUBSETS} subsets of {@value #SUBSET_SIZE}
 * (for fewer than 2,000 vectors in the smaller set the subset size shrinks to half of it, so that a CPU-scale run of a
 * few hundred samples still draws different subsets and its standard deviation means something: with subsets as large
 * as the set, every subset would be the whole set and the deviation 0). Reported as the mean and the standard
 * deviation (population, as numpy.std) over the subsets.
 * Unlike FID, the estimate is unbiased in the sample count, which is why small-sample work reports it.
 *
 * <p>Kernel sums are computed in float64 with one matrix product per block (the engine's BLAS); subsets are drawn
 * from {@code seed} with {@link SplittableRandom}, so a value repeats exactly for the same features and seed (it
 * does not reproduce numpy's random draws: compare means, not subsets, with torch-fidelity).
 *
 * @param mean mean of MMD^2_u over the subsets
 * @param std standard deviation over the subsets
 * @param subsets number of subsets
 * @param subsetSize m, vectors per subset from each set
 * @param realCount real feature vectors available
 * @param generatedCount generated feature vectors available
 * @param seed the seed of the subset draws
 */
public record KernelInceptionDistance(double mean, double std, int subsets, int subsetSize, long realCount,
                                      long generatedCount, long seed) {
    /** Subsets of torch-fidelity's and StyleGAN2-ADA's protocol. */
    public static final int SUBSETS = 100;
    /** Subset size of that protocol (shrunk to half the smaller set when that has fewer than twice as many). */
    public static final int SUBSET_SIZE = 1000;

    /**
     * KID with the standard protocol scaled to the sample count: {@value #SUBSETS} subsets of
     * {@link #subsetSizeFor} vectors.
     *
     * @param real (m, d) real features
     * @param generated (n, d) generated features of the same extractor
     * @param seed seeds the subset draws
     */
    public static KernelInceptionDistance compute(NDArray real, NDArray generated, long seed) {
        return compute(real, generated, SUBSETS, subsetSizeFor(real.getShape().get(0), generated.getShape().get(0)), seed);
    }

    /** min({@value #SUBSET_SIZE}, floor(min(m, n) / 2)), at least 2: the subset size for m real and n generated vectors. */
    public static int subsetSizeFor(long m, long n) {
        return (int) Math.max(2, Math.min(SUBSET_SIZE, Math.min(m, n) / 2));
    }

    /**
     * KID over {@code subsets} random subsets of {@code subsetSize} vectors from each set.
     *
     * @throws IllegalArgumentException when the dimensions differ, a subset needs more vectors than a set has, or
     *     the subset size is below 2
     */
    public static KernelInceptionDistance compute(NDArray real, NDArray generated, int subsets, int subsetSize, long seed) {
        long m = real.getShape().get(0);
        long n = generated.getShape().get(0);
        if (real.getShape().dimension() != 2 || generated.getShape().dimension() != 2
                || real.getShape().get(1) != generated.getShape().get(1)) {
            throw new IllegalArgumentException("KID needs (N, d) features of one extractor, got " + real.getShape()
                    + " and " + generated.getShape());
        }
        if (subsets < 1 || subsetSize < 2 || subsetSize > m || subsetSize > n) {
            throw new IllegalArgumentException("KID: " + subsets + " subsets of " + subsetSize + " vectors need at least "
                    + subsetSize + " (>= 2) real and generated vectors, got " + m + " and " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[subsets];
        try (NDManager scope = real.getManager().newSubManager()) {
            NDArray x64 = real.toType(DataType.FLOAT64, true);
            NDArray y64 = generated.toType(DataType.FLOAT64, true);
            x64.attach(scope);
            y64.attach(scope);
            for (int s = 0; s < subsets; s++) {
                try (NDManager subset = scope.newSubManager()) {
                    NDArray x = x64.get(subset.create(sample(random, (int) m, subsetSize)));
                    NDArray y = y64.get(subset.create(sample(random, (int) n, subsetSize)));
                    x.attach(subset);
                    y.attach(subset);
                    values[s] = unbiasedMmd2(x, y);
                }
            }
        }
        Spread spread = Spread.of(values);
        return new KernelInceptionDistance(spread.mean(), spread.std(), subsets, subsetSize, m, n, seed);
    }

    /**
     * MMD^2_u of two equally sized sets under the cubic polynomial kernel with gamma = 1 / d and coefficient 1.
     *
     * @param x (m, d) float64
     * @param y (m, d) float64
     */
    static double unbiasedMmd2(NDArray x, NDArray y) {
        long m = x.getShape().get(0);
        double xx = offDiagonalSum(kernel(x, x));
        double yy = offDiagonalSum(kernel(y, y));
        double xy = kernel(x, y).sum().getDouble();
        return (xx + yy) / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
    }

    /** k(a_i, b_j) = (a_i . b_j / d + 1)^3 for all pairs, float64. */
    private static NDArray kernel(NDArray a, NDArray b) {
        double d = a.getShape().get(1);
        return a.matMul(b.transpose()).divi(d).addi(1.0).powi(3.0);
    }

    private static double offDiagonalSum(NDArray square) {
        return square.sum().getDouble() - square.diagonal().sum().getDouble();
    }

    /** {@code k} distinct indices of [0, n) (a partial Fisher-Yates shuffle). */
    private static long[] sample(SplittableRandom random, int n, int k) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = pool[i];
            pool[i] = pool[j];
            pool[j] = tmp;
            out[i] = pool[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "KID %.5f +- %.5f (%d subsets of %d)", mean, std, subsets, subsetSize);
    }
}
