package lddgan.metrics;

/**
 * Measured sampling time of one batch (paper Table 3 "Time (s)") with the number of function evaluations beside it.
 *
 * @param meanSeconds mean wall time of one batch over the timed repetitions
 * @param stdSeconds sample standard deviation (divisor n - 1) over the repetitions; NaN for one repetition
 * @param nfe network function evaluations per sample (T for the posterior sampler)
 * @param protocol batch size, warm-up calls and repetitions used
 * @param device the device timed on, as {@link lddgan.config.RunEnvironment#describe} writes it
 */
public record SamplingTime(double meanSeconds, double stdSeconds, int nfe, TimingProtocol protocol, String device) {
    /** No sampling at all (the real-data row of a table): NaN seconds, no function evaluations. */
    public static SamplingTime none() {
        return new SamplingTime(Double.NaN, Double.NaN, 0, new TimingProtocol(1, 0, 1), "not sampled");
    }

    /** The mean and sample standard deviation of timed repetitions (at least one). */
    public static SamplingTime of(double[] seconds, int nfe, TimingProtocol protocol, String device) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no timed repetitions");
        }
        double mean = 0;
        for (double s : seconds) {
            mean += s / seconds.length;
        }
        double squares = 0;
        for (double s : seconds) {
            squares += (s - mean) * (s - mean);
        }
        return new SamplingTime(mean, seconds.length > 1 ? Math.sqrt(squares / (seconds.length - 1)) : Double.NaN, nfe,
                protocol, device);
    }
}
