package lddgan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
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
 * Backpropagating the surrogate (gamma ||G|| / (2 h B)) (F(X + h U) - F(X - h U)) gives dP/dtheta up to the O(h^2)
 * term: an approximation, not an exact gradient. Two details keep that term small: the two perturbed passes reuse the
 * LeakyReLU pattern of the unperturbed pass ({@link ActivationPattern}, an argument of {@link Critic#logits}; a kink
 * crossed by the perturbation would otherwise add a spurious jump, which automatic differentiation ignores too), so
 * that only the minibatch-std layer is nonlinear in X; and the whole batch is perturbed at once, because that layer
 * couples the samples of a group. h is chosen so the per-element RMS perturbation is {@link #relativeStep}. Cost:
 * three forward/backward passes of D, every lazy_reg steps. {@code R1PenaltyTest} measures the relative difference
 * to double backpropagation on the real discriminator (below 1e-3 at the default step) and checks a finite
 * difference in the weights; {@code make bench} checks that memory stays flat.
 */
public final class R1Penalty {
    /** The default per-element RMS step of the central difference (tested against the exact gradient). */
    public static final double DEFAULT_RELATIVE_STEP = 1e-2;

    private final double relativeStep;

    /**
     * What R1 needs of a discriminator: its logits with the LeakyReLUs as a pattern says, and freezing its parameters.
     * {@code lddgan.train.GanTrainer} adapts its discriminator; tests adapt a bare {@code Discriminator}.
     */
    public interface Critic {
        /** D(x_k, k, x_{k+1}) with gradients recorded and the LeakyReLUs computed as {@code pattern} says. */
        NDArray logits(NDArray xPrev, NDArray step, NDArray xt, ActivationPattern pattern);

        /** Whether D's parameters collect gradients (a frozen D still passes gradients to its inputs). */
        void setTrainable(boolean trainable);
    }

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
    public double accumulate(Critic discriminator, NDArray xPrev, NDArray step, NDArray xt, double gamma, int globalBatch,
            GradientCollector collector) {
        try (NDManager scope = xPrev.getManager().newSubManager()) {
            // 1. G = grad_X sum D(X), with D frozen so that its parameters collect nothing; record the LeakyReLUs
            NDArray x = xPrev.duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            discriminator.setTrainable(false);
            ActivationPattern pattern = ActivationPattern.recording(scope);
            NDArray gradient;
            try {
                collector.backward(discriminator.logits(x, step, xt, pattern).sum());
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
            for (NDArray point : new NDArray[] {plus, minus}) {
                ActivationPattern replay = pattern.replaying();
                NDArray logits = discriminator.logits(point, step, xt, replay).sum();
                replay.checkComplete();
                collector.backward(Scalars.times(logits, point == plus ? coefficient : -coefficient));
            }
            return penalty;
        }
    }
}
