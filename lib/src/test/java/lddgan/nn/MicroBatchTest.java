package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a batch into calls of at most n samples: the settings, the slices, the result and the memory. */
class MicroBatchTest {
    @Test
    void settingsGiveTheDeviceDefaultWholeBatchesOrACount() {
        assertEquals(MicroBatch.CPU_DEFAULT, MicroBatch.of(null, Device.cpu()).size());
        assertEquals(MicroBatch.CPU_DEFAULT, MicroBatch.of(" ", Device.cpu()).size());
        assertEquals(Integer.MAX_VALUE, MicroBatch.of(null, Device.gpu(0)).size(), "a GPU keeps whole batches");
        assertEquals(Integer.MAX_VALUE, MicroBatch.of("0", Device.cpu()).size());
        assertEquals(7, MicroBatch.of(" 7 ", Device.gpu(0)).size());
        for (String bad : new String[] {"-1", "x", "2.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MicroBatch.of(bad, Device.cpu()));
            assertTrue(e.getMessage().contains(MicroBatch.PROPERTY) && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new MicroBatch(0));
    }

    @Test
    void slicesOfAtMostTheSizeGiveTheWholeBatchsResultAndLeaveOnlyIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(60f * 3).reshape(60, 3);
            NDArray y = m.arange(60).toType(DataType.INT32, false);
            List<Long> sizes = new ArrayList<>();
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray out = new MicroBatch(25).apply(new NDArray[] {x, y}, in -> {
                sizes.add(in[0].getShape().get(0));
                assertEquals(in[0].getShape().get(0), in[1].getShape().get(0));
                NDArray shifted = in[0].add(in[1].toType(DataType.FLOAT32, false).reshape(-1, 1));
                return shifted.mul(2);
            });
            assertEquals(List.of(25L, 25L, 10L), sizes);
            assertEquals(new Shape(60, 3), out.getShape());
            float[] expected = new float[60 * 3];
            for (int i = 0; i < 60; i++) {
                for (int j = 0; j < 3; j++) {
                    expected[3 * i + j] = 2f * (3 * i + j + i);
                }
            }
            assertArrayEquals(expected, out.toFloatArray(), 0f);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size(), "only the result is left");
        }
    }

    @Test
    void aBatchWithinTheSizeIsOneCallAndMismatchedInputsAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(25, 2));
            List<Long> sizes = new ArrayList<>();
            new MicroBatch(25).apply(new NDArray[] {x}, in -> {
                sizes.add(in[0].getShape().get(0));
                return in[0];
            });
            assertEquals(List.of(25L), sizes);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MicroBatch(4).apply(new NDArray[] {x, m.ones(new Shape(24))}, in -> in[0]));
            assertTrue(e.getMessage().contains("(25, 2)") && e.getMessage().contains("(24)"), e.getMessage());
        }
    }
}
