package lddgan.train;

/**
 * What one training step did: one line of the JSON-lines log and one point of the loss chart.
 *
 * @param step steps done after this one (1 for the first step)
 * @param epoch the epoch the step belongs to (0-based)
 * @param lossDReal D's real term, mean softplus(-D(x_k, k, x_{k+1})) (Eq. (5))
 * @param lossDFake D's fake term, mean softplus(D(x'_k, k, x_{k+1})) (Eq. (5))
 * @param r1 the R1 penalty (gamma / 2) mean ||grad D||^2 on steps that apply it, else NaN
 * @param lossGAdv G's adversarial loss, mean softplus(-D(x'_k, k, x_{k+1})) (Eq. (6))
 * @param lossRec mean |x0' - x0| (Eq. (7)), measured whatever its weight
 * @param recWeight the weight of lossRec in G's loss (Weighted Learning's lambda for LDDGAN)
 * @param lrG generator learning rate
 * @param lrD discriminator learning rate
 * @param seconds wall time of this step
 * @param elapsedSeconds training time of this process so far
 */
public record StepRecord(long step, int epoch, double lossDReal, double lossDFake, double r1, double lossGAdv,
                         double lossRec, double recWeight, double lrG, double lrD, double seconds, double elapsedSeconds)
        implements StepMetrics {
    /** D's total loss without the penalty. */
    public double lossD() {
        return lossDReal + lossDFake;
    }

    /** D (real + fake), G (adversarial), rec (L1) and its weight w. */
    @Override
    public java.util.Map<String, Double> progress() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("D", lossD());
        m.put("G", lossGAdv);
        m.put("rec", lossRec);
        m.put("w", recWeight);
        return m;
    }

    /** The three losses of Eq. (5)-(7). */
    @Override
    public java.util.Map<String, Double> chartSeries() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("D: softplus(-D(real)) + softplus(D(fake))", lossD());
        m.put("G: softplus(-D(fake))", lossGAdv);
        m.put("L1 |x0' - x0|", lossRec);
        return m;
    }

    /** G's total loss, lossGAdv + recWeight lossRec. */
    public double lossG() {
        return lossGAdv + recWeight * lossRec;
    }
}
