package lddgan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * The adaptive weight of the first stage's adversarial term (taming-transformers' {@code calculate_adaptive_weight},
 * used by LDM; REFERENCE-CODE.md section 6): lambda = disc_weight clamp(||grad_W L_rec|| / (||grad_W L_G|| + 1e-4),
 * 0, 1e4), W the weight of the decoder's last layer (a 3x3 convolution, stride 1, padding 1).
 *
 * <p>Given the input h of that layer and dL/dy at its output y, grad_W L is the gradient of sum(conv_W(h) * dL/dy) with
 * respect to W (the chain rule through the one linear layer), computed here on a detached copy of W.
 */
public final class AdaptiveWeight {
    /** Added to the adversarial gradient norm. */
    public static final double EPS = 1e-4;
    /** Upper clamp of the ratio. */
    public static final double MAX = 1e4;

    private AdaptiveWeight() {
    }

    /** disc_weight clamp(normRec / (normAdv + 1e-4), 0, 1e4). */
    public static double of(double normRec, double normAdv, double discWeight) {
        return Math.min(Math.max(normRec / (normAdv + EPS), 0), MAX) * discWeight;
    }

    /** A detached copy of {@code array} that collects its own gradient (in the array's manager). */
    public static NDArray leaf(NDArray array) {
        NDArray copy = array.stopGradient().duplicate();
        copy.setRequiresGradient(true);
        return copy;
    }

    /**
     * ||grad_W L|| for the last layer's weight, from its input and the loss's gradient at its output.
     *
     * @param h the layer's input (N, C, H, W)
     * @param gradOut dL/dy (N, C', H, W)
     * @param weight the layer's weight (C', C, 3, 3)
     * @param collector the active gradient collector
     */
    public static double lastLayerGradientNorm(NDArray h, NDArray gradOut, NDArray weight, GradientCollector collector) {
        NDArray w = leaf(weight);
        NDArray out = Conv2d.conv2d(h.stopGradient(), w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                .singletonOrThrow();
        collector.backward(out.mul(gradOut.stopGradient()).sum());
        return w.getGradient().square().sum().sqrt().getFloat();
    }
}
