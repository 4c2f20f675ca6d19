package lddgan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import lddgan.nn.Scalars;

/**
 * The non-saturating GAN losses in their softplus form (LDDGAN Sec. 4.3, Eq. (5)-(7); REFERENCE-CODE.md section 4).
 * With D's logit l, -log sigmoid(l) = softplus(-l) and -log(1 - sigmoid(l)) = softplus(l). Sums are divided by the
 * global batch, so that the shards of a data-parallel step add up to the batch mean.
 */
public final class GanLosses {
    private GanLosses() {
    }

    /** Eq. (5), real term: sum softplus(-D(real)) / batch. */
    public static NDArray realLoss(NDArray logits, int globalBatch) {
        return Scalars.over(Activation.softPlus(logits.neg()).sum(), globalBatch);
    }

    /** Eq. (5), fake term: sum softplus(D(fake)) / batch. */
    public static NDArray fakeLoss(NDArray logits, int globalBatch) {
        return Scalars.over(Activation.softPlus(logits).sum(), globalBatch);
    }

    /** Eq. (6), the generator's adversarial loss: sum softplus(-D(fake)) / batch. */
    public static NDArray generatorLoss(NDArray logits, int globalBatch) {
        return realLoss(logits, globalBatch);
    }

    /** Eq. (7), L_rec = mean |x0' - x0| over the global batch's elements. */
    public static NDArray reconstructionLoss(NDArray predicted, NDArray target, int globalBatch) {
        long perSample = predicted.getShape().size() / predicted.getShape().get(0);
        return Scalars.over(predicted.sub(target).abs().sum(), (double) globalBatch * perSample);
    }
}
