package lddgan.metrics;

/**
 * How sampling time is measured (paper Sec. 5.1.2; REFERENCE-CODE.md section 7): one batch of {@code batchSize}
 * samples generated from a fixed x_T, {@code warmup} untimed calls, then {@code repetitions} timed calls; the timed
 * region is the T-step sampler plus the decoder (LDDGAN) or inverse DWT (WDDGAN).
 *
 * <p>With {@code evaluationBatches} the timed calls are not extra calls: the batches that generate an evaluation's
 * FID samples are timed themselves, the first {@code warmup} of them untimed (see
 * {@link #onEvaluationBatches(int, int, int)}).
 *
 * @param batchSize samples per timed call (the paper: 100)
 * @param warmup untimed calls first (the paper: 10)
 * @param repetitions timed calls (the paper: 300); with one, the standard deviation is undefined (NaN)
 * @param evaluationBatches whether the timed calls are the evaluation's own sampling batches
 */
public record TimingProtocol(int batchSize, int warmup, int repetitions, boolean evaluationBatches) {
    public TimingProtocol {
        if (batchSize <= 0 || warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("need batchSize > 0, warmup >= 0 and repetitions >= 1, got " + batchSize
                    + ", " + warmup + ", " + repetitions);
        }
    }

    /** Separate timing calls: {@code warmup} untimed, then {@code repetitions} timed, after the evaluation. */
    public TimingProtocol(int batchSize, int warmup, int repetitions) {
        this(batchSize, warmup, repetitions, false);
    }

    /**
     * Times the evaluation's own batches: its {@code (warmup + repetitions) x batchSize} FID samples are generated
     * one batch per call, the first {@code warmup} calls untimed. Meant for samplers whose one call takes minutes
     * (DDPM's 1,000 network evaluations on a CPU), where separate timing calls would double or triple the cost; the
     * batches differ only in their seeds, which the time does not depend on.
     */
    public static TimingProtocol onEvaluationBatches(int batchSize, int warmup, int repetitions) {
        return new TimingProtocol(batchSize, warmup, repetitions, true);
    }

    /** The paper's protocol: batch 100, 10 warm-up calls, 300 timed repetitions (meant for a GPU). */
    public static TimingProtocol paper() {
        return new TimingProtocol(100, 10, 300);
    }

    /** A CPU budget: batch 100, 2 warm-up calls, 10 timed repetitions. Label such times as CPU times. */
    public static TimingProtocol cpu() {
        return new TimingProtocol(100, 2, 10);
    }

    /** Samples the evaluation batches generate ({@code (warmup + repetitions) x batchSize}). */
    public int evaluationSamples() {
        return (warmup + repetitions) * batchSize;
    }

    /**
     * The sample count of an evaluation timed by this protocol: its evaluation batches' images
     * ({@link #evaluationSamples()}) when it times them, else {@code samples}.
     */
    public int samplesOr(int samples) {
        return evaluationBatches ? evaluationSamples() : samples;
    }

    /** A copy with another number of timed repetitions. */
    public TimingProtocol withRepetitions(int n) {
        return new TimingProtocol(batchSize, warmup, n, evaluationBatches);
    }

    /** A copy with another number of warm-up calls. */
    public TimingProtocol withWarmup(int n) {
        return new TimingProtocol(batchSize, n, repetitions, evaluationBatches);
    }

    @Override
    public String toString() {
        return (evaluationBatches ? "the evaluation's batches of " : "batches of ") + batchSize + ", " + warmup
                + " warm-up, " + repetitions + " timed";
    }
}
