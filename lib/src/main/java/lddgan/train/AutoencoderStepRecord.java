package lddgan.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one step of {@link AutoencoderTrainer} did (LDM's {@code LPIPSWithDiscriminator} logs): one line of the
 * JSON-lines log and one point of the loss chart. Terms not computed in a step (the adversarial ones before
 * {@code discStart}) are NaN (null in the log).
 *
 * @param step steps done after this one
 * @param epoch the epoch the step belongs to
 * @param l1 mean |x - x_rec| per pixel
 * @param perceptual mean perceptual distance per image (0 with {@code perceptual: none})
 * @param nll the reconstruction loss as optimised: sum over pixels of (|x - x_rec| + w_p LPIPS), per image
 * @param kl mean KL(q(z|x) || N(0, I)) per image (NaN for VQ)
 * @param vq the VQ loss (NaN for KL / NONE)
 * @param generatorAdversarial -mean D(x_rec) (the adversarial term before its weight)
 * @param adaptiveWeight d_weight = disc_weight ||grad nll|| / (||grad g|| + 1e-4) at the decoder's last layer
 * @param discriminatorLoss the hinge loss of the patch discriminator
 * @param logitsReal mean D(x)
 * @param logitsFake mean D(x_rec)
 * @param learningRate the Adam learning rate
 * @param seconds wall time of this step
 * @param elapsedSeconds training time of this process so far
 */
public record AutoencoderStepRecord(long step, int epoch, double l1, double perceptual, double nll, double kl, double vq,
                                    double generatorAdversarial, double adaptiveWeight, double discriminatorLoss,
                                    double logitsReal, double logitsFake, double learningRate, double seconds,
                                    double elapsedSeconds) implements StepMetrics {

    /** rec (L1 per pixel), p (perceptual), kl, g, d. */
    @Override
    public Map<String, Double> progress() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("L1", l1);
        m.put("p", perceptual);
        m.put(Double.isNaN(vq) ? "kl" : "vq", Double.isNaN(vq) ? kl : vq);
        m.put("g", generatorAdversarial);
        m.put("d", discriminatorLoss);
        return m;
    }

    /** L1 per pixel, perceptual distance, and the two adversarial losses once they are on. */
    @Override
    public Map<String, Double> chartSeries() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("L1 |x - x_rec| per pixel", l1);
        m.put("perceptual distance", perceptual);
        m.put("G: -mean D(x_rec)", generatorAdversarial);
        m.put("D: hinge", discriminatorLoss);
        return m;
    }
}
