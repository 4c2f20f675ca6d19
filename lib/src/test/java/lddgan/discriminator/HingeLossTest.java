package lddgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** taming's hinge_d_loss and the generator's -mean D(x') on known values, with their gradients. */
class HingeLossTest {

    @Test
    void knownValuesAndGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            // patch logits (N = 2, 1, 1, 2)
            NDArray real = m.create(new float[] {2f, 0.5f, -1f, 0f}, new Shape(2, 1, 1, 2));
            NDArray fake = m.create(new float[] {-2f, 0f, 0.5f, 3f}, new Shape(2, 1, 1, 2));
            real.setRequiresGradient(true);
            fake.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray d = HingeLoss.discriminatorLoss(real, fake);
                // relu(1 - real) = 0, 0.5, 2, 1 -> 0.875; relu(1 + fake) = 0, 1, 1.5, 4 -> 1.625; half the sum 1.25
                assertEquals(new Shape(), d.getShape());
                assertEquals(1.25f, d.getFloat(), 1e-6f);
                c.backward(d);
            }
            // d/d real = -1/2 * 1/4 where 1 - real > 0; d/d fake = 1/2 * 1/4 where 1 + fake > 0
            assertArrayEquals(new float[] {0f, -0.125f, -0.125f, -0.125f}, real.getGradient().toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {0f, 0.125f, 0.125f, 0.125f}, fake.getGradient().toFloatArray(), 1e-7f);

            NDArray fake2 = m.create(new float[] {-2f, 0f, 0.5f, 3f}, new Shape(2, 1, 1, 2));
            fake2.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray g = HingeLoss.generatorLoss(fake2);
                assertEquals(-0.375f, g.getFloat(), 1e-7f);
                c.backward(g);
            }
            assertArrayEquals(new float[] {-0.25f, -0.25f, -0.25f, -0.25f}, fake2.getGradient().toFloatArray(), 1e-7f);
        }
    }

    @Test
    void confidentDiscriminatorHasZeroLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.full(new Shape(3, 1, 2, 2), 1.5f);
            NDArray fake = m.full(new Shape(3, 1, 2, 2), -4f);
            assertEquals(0f, HingeLoss.discriminatorLoss(real, fake).getFloat(), 0f);
            // both at 0: each hinge term is 1
            NDArray zeros = m.zeros(new Shape(3, 1, 2, 2));
            assertEquals(1f, HingeLoss.discriminatorLoss(zeros, zeros).getFloat(), 1e-7f);
        }
    }
}
