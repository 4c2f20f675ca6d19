package lddgan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The adaptive weight's gradient norms against direct backpropagation through the last layer (REFERENCE-CODE.md 6). */
class AdaptiveWeightTest {

    @Test
    void lastLayerNormEqualsTheDirectGradientOfANonlinearLoss() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray h = m.randomNormal(new Shape(2, 6, 5, 5));
            NDArray weight = m.randomNormal(new Shape(3, 6, 3, 3));
            NDArray target = m.randomNormal(new Shape(2, 3, 5, 5));
            // direct: L = sum(tanh(conv_W(h)) - target)^2, gradient w.r.t. W by autograd
            NDArray w = weight.duplicate();
            w.setRequiresGradient(true);
            NDArray y;
            double direct;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                y = Conv2d.conv2d(h, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
                c.backward(y.tanh().sub(target).square().sum());
                direct = w.getGradient().square().sum().sqrt().getFloat();
            }
            // ours: dL/dy on a detached leaf, then the norm through the layer
            NDArray leaf = y.stopGradient().duplicate();
            leaf.setRequiresGradient(true);
            double ours;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(leaf.tanh().sub(target).square().sum());
                ours = AdaptiveWeight.lastLayerGradientNorm(h, leaf.getGradient().duplicate(), weight, c);
            }
            assertEquals(direct, ours, direct * 1e-5);
        }
    }

    @Test
    void weightIsClampedRatioTimesDiscWeight() {
        assertEquals(0.5 * 2.0 / (1.0 + 1e-4), AdaptiveWeight.of(2.0, 1.0, 0.5), 1e-12);
        assertEquals(0.5 * 1e4, AdaptiveWeight.of(1.0, 0.0, 0.5), 1e-9);
        assertEquals(0.0, AdaptiveWeight.of(0.0, 3.0, 0.75), 0.0);
    }
}
