package lddgan.metrics;

/**
 * How long a model was trained, as an evaluation reports it beside its metrics (Table 3's rows carry it): steps,
 * epochs and wall time. {@code lddgan.train.TrainingSummary} is one; a model evaluated untrained is {@link #NONE}.
 */
public interface TrainingExtent {
    /** No training at all. */
    TrainingExtent NONE = of(0, 0, 0);

    /** Training steps done in total. */
    long steps();

    /** The epoch reached. */
    int epoch();

    /** Wall time of the training, seconds. */
    double wallSeconds();

    /** A fixed extent. */
    static TrainingExtent of(long steps, int epoch, double wallSeconds) {
        return new TrainingExtent() {
            @Override
            public long steps() {
                return steps;
            }

            @Override
            public int epoch() {
                return epoch;
            }

            @Override
            public double wallSeconds() {
                return wallSeconds;
            }
        };
    }
}
