package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

/** Parameter counts in closed form and the CPU resident-memory measurement. */
class ModelCostTest {
    @Test
    void parameterCountOfKnownLayers() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = new SequentialBlock()
                    .add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).build()) // 8*3*3*3 + 8 = 224
                    .add(ai.djl.nn.Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(5).build());                                   // 8*6*6*5 + 5 = 1445
            assertThrows(IllegalStateException.class, () -> ModelCost.parameterCount(net));
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            assertEquals(224 + 1445, ModelCost.parameterCount(net));
            ModelCost cost = ModelCost.of(net, 1.5);
            assertEquals(1.5, cost.gigaFlops());
        }
    }

    @Test
    void residentGrowthSeesANativeAllocation() {
        long bytes = 256L << 20;
        try (NDManager m = NDManager.newBaseManager()) {
            m.ones(new Shape(16)).close(); // engine loaded before measuring
            PeakMemory peak = PeakMemory.cpuResidentGrowth(() -> {
                try (NDArray big = m.ones(new Shape(bytes / 4), DataType.FLOAT32)) {
                    big.sum().getFloat();
                }
            });
            assertTrue(peak.label().startsWith(PeakMemory.CPU_LABEL), peak.label());
            assertTrue(peak.bytes() >= bytes * 9 / 10, "expected at least ~256 MiB growth, got " + peak.mebibytes() + " MiB");
        }
    }
}
