package lddgan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import lddgan.nn.ActivationPattern;
import lddgan.nn.Scalars;

/**
 * The R1 gradient penalty on real pairs (Mescheder et al. 2018; DDGAN's and LDDGAN's D loss, REFERENCE-CODE.md
 * section 4): P = (gamma / 2) mean_i ||grad_{x_k,i} sum_j D_j||^2, added to D's loss every {@code lazy_reg} steps (not
 * multiplied by the interval). <b>The value of P is exact; its parameter gradient dP/dtheta is a central-difference
 * approximation</b>, not the double backpropagation of the reference code ({@code torch.autograd.grad(...,
 * create_graph=True)}).
 *
 * <p>Why: DJL has no {@code autograd.grad}. Double backpropagation is possible through the engine's
 * {@code backward(createGraph = true)} (the tests use it as the exact reference), but it leaks native memory: the
 * parameters' {@code .grad} then holds the derivative graph in a reference cycle that DJL cannot break (measured: about
 * 8 MB per step for a small D, even on throw-away copies of the parameters). This class computes the parameter
 * gradient with first-order passes only. With F(X) = sum_j D_j(X) over the batch X and G = grad_X F (held constant),
 * dP/dtheta = (gamma / B) d/dtheta [grad_X F . G] = (gamma / B) ||G|| d/dtheta [grad_X F . U] with U = G / ||G||, and
 * the directional derivative is a central difference,
 *
 * <pre>
 *   grad_X F . U = (F(X + h U) - F(X - h U)) / (2 h) + O(h^2).
 * </pre>
 *
 * Backpropagating the surrogate (gamma ||G|| / (2 h B)) (F(X + h U) - F(X - h U)) gives dP/dtheta up to the O(h^2)
 * term and float32 rounding of order eps / h. Two details keep the error small: the two perturbed passes reuse the
 * LeakyReLU pattern of the unperturbed pass ({@link ActivationPattern}, an argument of {@link Critic#logits}; a kink
 * crossed by the perturbation would otherwise add a spurious jump, which automatic differentiation ignores too), so
 * that only the minibatch-std layer is nonlinear in X; and the whole batch is perturbed at once, because that layer
 * couples the samples of a group. The step is h = {@link #relativeStep} sqrt(|X|), i.e. a per-element RMS perturbation
 * of {@code relativeStep}. Cost: three forward/backward passes of D, every lazy_reg steps.
 *
 * <p>Measured error ({@code R1PenaltyTest}): the relative L2 difference of dP/dtheta to double backpropagation on the
 * production discriminator (LDDGAN CIFAR-10, ngf 64, 7.63 M parameters, at initialisation with a non-zero last
 * convolution; batch 8), on real pairs drawn from latents of standard deviation 0.1 (x_k std 0.79) and on x_k of
 * standard deviation 0.1, is 4.9e-4 / 7.6e-4 at an RMS step of 1e-1, 2.6e-4 at 3e-2, <b>1.5e-4 / 1.4e-4 at 1e-2</b>,
 * 4.5e-4 at 3e-3, 1.3e-3 at 1e-3, 4.3e-3 at 3e-4 and 1.2e-2 at 1e-4 (truncation above 1e-2, float32 rounding below).
 * The default step, 1e-2, is the measured optimum; the test asserts it stays under 1e-3 and within a factor 2 of the
 * best step, and checks the last layer against a finite difference in the weights; {@code make bench} checks that
 * memory stays flat. Not measured: a trained D, whose minibatch-std curvature may differ.
 */
public final class R1Penalty {
    /**
     * The default per-element RMS step of the central difference: the optimum of the measurement against double
     * backpropagation on the production discriminator (relative error 1.5e-4, see the class comment).
     */
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
