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

    @Test
    void heapAfterCollectionCountsWhatSurvivesACollection() throws InterruptedException {
        PeakMemory.watchCollections();
        byte[] kept = new byte[96 << 20];
        Arrays.fill(kept, (byte) 1);
        System.gc();
        // the collector's notifications arrive on another thread: wait for the one that saw the array
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (PeakMemory.peakHeapAfterCollectionMebibytes().orElse(0) < 96 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double after = PeakMemory.peakHeapAfterCollectionMebibytes().orElseThrow();
        assertTrue(after >= 96, "heap after a collection " + after + " MiB with a live 96 MiB array");
        assertTrue(after <= Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), "within the maximum heap: " + after);
        assertTrue(after <= PeakMemory.processPeakHeapMebibytes(), "never above the heap's peak occupancy");
        assertTrue(PeakMemory.collectionSeconds() > 0, "the collection counted: " + PeakMemory.collectionSeconds());
        assertTrue(kept[kept.length - 1] == 1);
    }
}
