package lddgan.metrics;

/**
 * The mean and the population standard deviation (numpy.std, ddof 0) of per-part values, as the Inception Score
 * reports them over its splits and KID over its subsets.
 *
 * @param mean the mean
 * @param std the population standard deviation
 */
public record Spread(double mean, double std) {
    /** The spread of {@code values} (at least one). */
    public static Spread of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("the spread of no values");
        }
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        double variance = 0;
        for (double v : values) {
            variance += (v - mean) * (v - mean) / n;
        }
        return new Spread(mean, Math.sqrt(variance));
    }
}
