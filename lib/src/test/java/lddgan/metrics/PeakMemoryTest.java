package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The peaks every result file records (issue 22, item 5): resident memory and the Java heap's occupancy. */
class PeakMemoryTest {

    @Test
    void heapPeakCountsALiveArrayAndResidentPeakCountsItsPages() {
        byte[] block = new byte[64 << 20];
        Arrays.fill(block, (byte) 1); // touched: resident, not only reserved
        double heap = PeakMemory.processPeakHeapMebibytes();
        assertTrue(heap >= 64, "heap peak " + heap + " MiB with a live 64 MiB array");
        double resident = PeakMemory.processPeakMebibytes().orElseThrow();
        assertTrue(resident >= 64, "resident peak " + resident + " MiB with 64 MiB of touched heap");
        assertTrue(block[block.length - 1] == 1);
    }
}
