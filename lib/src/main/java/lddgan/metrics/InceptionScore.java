package lddgan.metrics;

/**
 * The Inception Score (Salimans et al. 2016, Sec. 4): IS = exp(E_x KL(p(y|x) || p(y))), computed on {@code splits}
 * equal parts of the samples and reported as mean and standard deviation over the parts (10 splits of 50k samples
 * in the usual protocol, as StyleGAN2-ADA's {@code metrics/inception_score.py}). Pure math on class probabilities;
 * {@link InceptionV3Features#probabilities} gives them (1008 classes of the 2015-12-05 network, no output bias).
 *
 * @param mean mean IS over the splits
 * @param std standard deviation over the splits (population, as numpy.std)
 * @param splits number of splits
 * @param samples number of samples
 */
public record InceptionScore(double mean, double std, int splits, int samples) {
    /**
     * IS of class probabilities.
     *
     * @param probabilities N rows of K class probabilities (each row sums to 1)
     * @param splits number of equal parts (N / splits samples each; a remainder is dropped, as the reference does)
     */
    public static InceptionScore of(float[][] probabilities, int splits) {
        int n = probabilities.length;
        if (splits <= 0 || n < splits) {
            throw new IllegalArgumentException("need at least " + splits + " samples for " + splits + " splits, got " + n);
        }
        int per = n / splits;
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            scores[s] = Math.exp(meanKlToMarginal(probabilities, s * per, (s + 1) * per));
        }
        Spread spread = Spread.of(scores);
        return new InceptionScore(spread.mean(), spread.std(), splits, n);
    }

    /**
     * IS of class probabilities given as one flat row-major array of N rows of {@code classes} values.
     */
    public static InceptionScore of(float[] probabilities, int classes, int splits) {
        float[][] rows = new float[probabilities.length / classes][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(probabilities, i * classes, (i + 1) * classes);
        }
        return of(rows, splits);
    }

    /** (1/n) sum_i KL(p_i || p_mean) over rows [from, to), with 0 log 0 = 0. */
    private static double meanKlToMarginal(float[][] p, int from, int to) {
        int k = p[from].length;
        double[] marginal = new double[k];
        for (int i = from; i < to; i++) {
            for (int c = 0; c < k; c++) {
                marginal[c] += p[i][c] / (double) (to - from);
            }
        }
        double kl = 0;
        for (int i = from; i < to; i++) {
            for (int c = 0; c < k; c++) {
                if (p[i][c] > 0) {
                    kl += p[i][c] * (Math.log(p[i][c]) - Math.log(marginal[c]));
                }
            }
        }
        return kl / (to - from);
    }
}
