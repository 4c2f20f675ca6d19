package lddgan.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The exponential moving average of the generator's weights (REFERENCE-CODE.md section 4: ema = d ema + (1 - d)
 * theta after every generator step, initialised to theta; the EMA weights are used for sampling and evaluation).
 * The averaged weights are the parameters of a second generator block, so that block samples with them.
 */
public final class ExponentialMovingAverage {
    private final List<NDArray> averages;
    private final List<NDArray> sources;
    private final double decay;

    /**
     * Starts the average at the current weights.
     *
     * @param averages the parameter arrays of the EMA block (same order and shapes as {@code sources}); they stop
     *     requiring gradients
     * @param sources the trained generator's parameter arrays
     * @param decay d
     */
    public ExponentialMovingAverage(List<NDArray> averages, List<NDArray> sources, double decay) {
        if (averages.size() != sources.size()) {
            throw new IllegalArgumentException("EMA has " + averages.size() + " arrays for " + sources.size() + " parameters");
        }
        this.averages = averages;
        this.sources = sources;
        this.decay = decay;
        for (NDArray average : averages) {
            average.setRequiresGradient(false);
        }
    }

    /** Sets the average to the current weights (a new run). */
    public void reset() {
        for (int i = 0; i < averages.size(); i++) {
            sources.get(i).copyTo(averages.get(i));
        }
    }

    /** ema = d ema + (1 - d) theta, in place. */
    public void update() {
        try (NDManager scope = sources.get(0).getManager().newSubManager()) {
            for (int i = 0; i < averages.size(); i++) {
                NDArray scaled = sources.get(i).mul((float) (1 - decay));
                scaled.attach(scope);
                averages.get(i).muli((float) decay).addi(scaled);
            }
        }
    }
}
