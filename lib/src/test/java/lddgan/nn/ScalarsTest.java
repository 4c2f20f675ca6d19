package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Scalar products and quotients keep their constant for the backward pass, also across garbage collections. */
class ScalarsTest {

    @Test
    void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, -2f, 4f});
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.times(x, 3.0).add(Scalars.over(x, 8.0));
                // churn direct memory so that a freed buffer would be reused, then collect
                for (int i = 0; i < 64; i++) {
                    ByteBuffer.allocateDirect(1 << 16).putFloat(0, Float.NaN);
                }
                System.gc();
                c.backward(y.sum());
            }
            assertArrayEquals(new float[] {3.125f, 3.125f, 3.125f}, x.getGradient().toFloatArray(), 0f);
            assertArrayEquals(new float[] {-0.5f}, Scalars.over(m.create(new float[] {-4f}), 8).toFloatArray(), 0f);
        }
    }
}
