package lddgan.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of the diffusion baseline's training ({@link DiffusionTrainer}).
 *
 * @param step steps done after this one
 * @param epoch the step's epoch
 * @param loss mean ||eps - eps_theta(x_t, t, y)||^2 of the batch
 * @param lr the learning rate used
 * @param seconds this step's wall time
 * @param elapsedSeconds training time of this process so far
 */
public record DiffusionStepRecord(long step, int epoch, double loss, double lr, double seconds, double elapsedSeconds)
        implements StepMetrics {
    /** The MSE. */
    @Override
    public Map<String, Double> progress() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mse", loss);
        return m;
    }

    /** The simple objective. */
    @Override
    public Map<String, Double> chartSeries() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("||eps - eps_theta||^2", loss);
        return m;
    }
}
