package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A computation run in its own memory scope ({@link Scoped}, {@link ComposedBlock#run}) closes its temporaries before
 * the backward pass. What autograd saved must survive that: the FIR kernels are engine-owned constants
 * ({@link Scalars#constant}); a kernel made with {@code NDManager.create(float[])} borrows a Java buffer that the
 * garbage collector may free and reuse, which gave NaN losses in the training benchmark.
 */
class ScopedAutogradTest {
    @Test
    void firGradientsSurviveTheScopeAndGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(11);
            NDArray x = m.randomNormal(new Shape(2, 8, 8, 8));
            float[] expected = gradient(x, false);
            for (int trial = 0; trial < 5; trial++) {
                assertArrayEquals(expected, gradient(x, true), 0f, "trial " + trial);
            }
        }
    }

    /** d sum(downsample(upsample(x)) * w) / dx, the operations in a scope; optionally the heap is churned before backward. */
    private static float[] gradient(NDArray x, boolean churn) {
        try (NDManager step = x.getManager().newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(step);
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scoped.apply(input, (in, scope) -> Fir.downsample(Fir.upsample(in)));
                NDArray loss = y.mul(y).sum();
                if (churn) {
                    churnDirectMemory();
                }
                collector.backward(loss);
            }
            return input.getGradient().toFloatArray();
        }
    }

    /** Frees unreachable direct buffers and fills fresh ones of every size the kernels had with NaN. */
    private static void churnDirectMemory() {
        List<ByteBuffer> filler = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int bytes : new int[] {8 * 36 * 4, 8 * 16 * 4, 36 * 4, 16 * 4}) {
                for (int i = 0; i < 50; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                    while (b.remaining() >= 4) {
                        b.putFloat(Float.NaN);
                    }
                    filler.add(b);
                }
            }
        }
        filler.clear();
    }
}
