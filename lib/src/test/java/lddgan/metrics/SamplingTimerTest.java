package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The paper's timing protocol (Sec. 5.1.2) with a clock the test controls. */
class SamplingTimerTest {
    @Test
    void warmupIsNotTimedAndStatisticsAreExact() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        TimingProtocol protocol = new TimingProtocol(100, 3, 4);
        SamplingTimer timer = new SamplingTimer(protocol, Device.cpu(), clock::get);
        // warm-up calls take 5 s each; timed calls take 1, 2, 3, 4 s
        long[] durations = {5, 5, 5, 1, 2, 3, 4};
        SamplingTime t = timer.time(() -> clock.addAndGet(durations[calls.getAndIncrement()] * 1_000_000_000L), 2);
        assertEquals(7, calls.get());
        assertEquals(2.5, t.meanSeconds(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), t.stdSeconds(), 1e-12); // sample std of 1..4
        assertEquals(2, t.nfe());
        assertEquals(protocol, t.protocol());
    }

    @Test
    void paperProtocolDefaults() {
        assertEquals(new TimingProtocol(100, 10, 300), TimingProtocol.paper());
        assertThrows(IllegalArgumentException.class, () -> new TimingProtocol(100, 0, 0));
        assertEquals(500, TimingProtocol.onEvaluationBatches(100, 1, 4).evaluationSamples());
    }

    @Test
    void supplierResultsAreReleased() {
        try (NDManager m = NDManager.newBaseManager()) {
            SamplingTimer timer = new SamplingTimer(new TimingProtocol(4, 1, 3), Device.cpu());
            SamplingTime t = timer.time(() -> m.ones(new ai.djl.ndarray.types.Shape(4, 3, 8, 8)), 1);
            assertEquals(0, m.getManagedArrays().size(), "every generated batch is closed");
            assertEquals(1, t.nfe());
        }
    }
}
