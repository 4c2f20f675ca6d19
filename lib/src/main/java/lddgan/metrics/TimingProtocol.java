package lddgan.metrics;

/**
 * How sampling time is measured (paper Sec. 5.1.2; REFERENCE-CODE.md section 7): one batch of {@code batchSize}
 * samples generated from a fixed x_T, {@code warmup} untimed calls, then {@code repetitions} timed calls; the timed
 * region is the T-step sampler plus the decoder (LDDGAN) or inverse DWT (WDDGAN).
 *
 * @param batchSize samples per timed call (the paper: 100)
 * @param warmup untimed calls first (the paper: 10)
 * @param repetitions timed calls (the paper: 300)
 */
public record TimingProtocol(int batchSize, int warmup, int repetitions) {
    public TimingProtocol {
        if (batchSize <= 0 || warmup < 0 || repetitions < 2) {
            throw new IllegalArgumentException("need batchSize > 0, warmup >= 0 and repetitions >= 2, got " + batchSize
                    + ", " + warmup + ", " + repetitions);
        }
    }

    /** The paper's protocol: batch 100, 10 warm-up calls, 300 timed repetitions (meant for a GPU). */
    public static TimingProtocol paper() {
        return new TimingProtocol(100, 10, 300);
    }

    /** A CPU budget: batch 100, 2 warm-up calls, 10 timed repetitions. Label such times as CPU times. */
    public static TimingProtocol cpu() {
        return new TimingProtocol(100, 2, 10);
    }

    /** A copy with another number of timed repetitions. */
    public TimingProtocol withRepetitions(int n) {
        return new TimingProtocol(batchSize, warmup, n);
    }

    /** A copy with another number of warm-up calls. */
    public TimingProtocol withWarmup(int n) {
        return new TimingProtocol(batchSize, n, repetitions);
    }
}
