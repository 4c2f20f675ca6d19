package lddgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import lddgan.nn.ActivationPattern;
import lddgan.nn.Scalars;

/**
 * The R1 gradient penalty on real pairs (Mescheder et al. 2018; REFERENCE-CODE.md section 4): P = (gamma / 2)
 * mean_i ||grad_{x_k,i} sum_j D_j||^2, added to D's loss every {@code lazy_reg} steps (not multiplied by the
 * interval).
 *
 * <p>DJL has no {@code autograd.grad}, and double backpropagation through the engine's {@code createGraph} leaks
 * native memory: the parameters' {@code .grad} then holds the derivative graph in a reference cycle that DJL cannot
 * break (measured: about 8 MB per step for a small D, even on throw-away copies of the parameters). This class
 * computes the same parameter gradient with first-order passes only. With F(X) = sum_j D_j(X) over the batch X and
 * G = grad_X F (held constant), dP/dtheta = (gamma / B) d/dtheta [grad_X F . G] = (gamma / B) ||G|| d/dtheta
 * [grad_X F . U] with U = G / ||G||, and the directional derivative is a central difference,
 *
 * <pre>
 *   grad_X F . U = (F(X + h U) - F(X - h U)) / (2 h) + O(h^2).
 * </pre>
 *
 * Backpropagating the surrogate (gamma ||G|| / (2 h B)) (F(X + h U) - F(X - h U)) gives dP/dtheta. Two details make
 * it exact to float precision: the two perturbed passes reuse the LeakyReLU pattern of the unperturbed pass
 * ({@link ActivationPattern}; a kink crossed by the perturbation would otherwise add a spurious jump, which is what
 * automatic differentiation ignores too), and the whole batch is perturbed at once, because the minibatch-std layer
 * couples the samples of a group. h is chosen so the per-element RMS perturbation is {@link #relativeStep}. Cost:
 * three forward/backward passes of D, every lazy_reg steps. {@code R1PenaltyTest} checks the gradient against double
 * backpropagation and a finite difference in the weights; {@code make bench} checks that memory stays flat.
 */
public final class R1Penalty {
    /** The default per-element RMS step of the central difference (tested against the exact gradient). */
    public static final double DEFAULT_RELATIVE_STEP = 1e-2;

    private final double relativeStep;

    /** A penalty with the default step. */
    public R1Penalty() {
        this(DEFAULT_RELATIVE_STEP);
    }

    /** A penalty whose central difference moves each element by {@code relativeStep} RMS. */
    public R1Penalty(double relativeStep) {
        if (!(relativeStep > 0)) {
            throw new IllegalArgumentException("relativeStep must be > 0, got " + relativeStep);
        }
        this.relativeStep = relativeStep;
    }

    /**
     * Adds the parameter gradient of the penalty on one shard to D's gradients, and returns the penalty's value.
     * D must be trainable; it is frozen during the input-gradient pass and trainable again on return.
     *
     * @param discriminator D
     * @param xPrev real x_k of the shard
     * @param step the shard's k
     * @param xt real x_{k+1} of the shard (held constant)
     * @param gamma r1_gamma
     * @param globalBatch B, the batch the mean runs over
     * @param collector the open gradient collector
     * @return this shard's part of P = (gamma / 2) sum_i ||g_i||^2 / B
     */
    double accumulate(Network discriminator, NDArray xPrev, NDArray step, NDArray xt, double gamma, int globalBatch,
            GradientCollector collector) {
        try (NDManager scope = xPrev.getManager().newSubManager()) {
            // 1. G = grad_X sum D(X), with D frozen so that its parameters collect nothing; record the LeakyReLUs
            NDArray x = xPrev.duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            discriminator.setTrainable(false);
            ActivationPattern pattern;
            NDArray gradient;
            try {
                List<NDArray> out = new ArrayList<>();
                pattern = ActivationPattern.record(scope, () -> discriminator.forward(x, step, xt).sum(), out);
                collector.backward(out.get(0));
                gradient = x.getGradient().duplicate();
                gradient.attach(scope);
            } finally {
                discriminator.setTrainable(true);
            }
            double squaredNorm = gradient.square().sum().getFloat();
            double penalty = gamma / 2 * squaredNorm / globalBatch;
            if (squaredNorm == 0 || gamma == 0) {
                return penalty;
            }
            // 2. central difference of the directional derivative along U = G / ||G||, same linear pieces
            double norm = Math.sqrt(squaredNorm);
            double h = relativeStep * Math.sqrt(gradient.size());
            NDArray direction = gradient.mul((float) (h / norm));
            float coefficient = (float) (gamma * norm / (2 * h * globalBatch));
            NDArray plus = xPrev.add(direction);
            NDArray minus = xPrev.sub(direction);
            plus.attach(scope);
            minus.attach(scope);
            collector.backward(pattern.replay(() -> Scalars.times(discriminator.forward(plus, step, xt).sum(), coefficient)));
            collector.backward(pattern.replay(() -> Scalars.times(discriminator.forward(minus, step, xt).sum(), -coefficient)));
            return penalty;
        }
    }
}
