package lddgan.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of one forward pass, as far as it can be measured here (paper Table 2 reports GPU memory).
 *
 * <p>On the CPU: growth of the process's resident set (Linux {@code /proc/self/status}), the peak {@code VmHWM}
 * during the call minus {@code VmRSS} before it, after resetting the peak through {@code /proc/self/clear_refs}
 * (Linux 4.0+). It counts native (libtorch) allocations and anything else the process touched meanwhile (JVM heap
 * growth, libraries loaded on first use), so warm the model up first; labelled {@value #CPU_LABEL}. Where the peak
 * cannot be reset, only growth above the previous peak is seen, a lower bound, and the label says so.
 *
 * <p>GPU memory (the paper's number) needs the CUDA allocator's peak counter ({@code torch.cuda.max_memory_allocated}),
 * which DJL 0.36 does not expose; it is not measured and not testable on a CPU-only machine.
 *
 * @param bytes the measured growth in bytes
 * @param label what was measured ({@value #CPU_LABEL}, or that it is a lower bound)
 */
public record PeakMemory(long bytes, String label) {
    /** The label of a CPU measurement. */
    public static final String CPU_LABEL = "CPU native RSS";
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    /** The largest {@code VmHWM} (kB) read just before a reset of the peak. */
    private static final AtomicLong PEAK_BEFORE_RESETS = new AtomicLong();
    /** The largest heap occupancy (bytes) right after a garbage collection, -1 before the first one watched. */
    private static final AtomicLong HEAP_AFTER_COLLECTION = new AtomicLong(-1);
    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    /** Measures the resident-set growth of the process while {@code forward} runs (Linux only). */
    public static PeakMemory cpuResidentGrowth(Runnable forward) {
        boolean reset = resetPeak();
        long peakBefore = statusKilobytes("VmHWM");
        long before = statusKilobytes("VmRSS");
        forward.run();
        long peakAfter = statusKilobytes("VmHWM");
        if (reset) {
            return new PeakMemory(Math.max(0, peakAfter - before) * 1024, CPU_LABEL);
        }
        return new PeakMemory(Math.max(0, peakAfter - Math.max(before, peakBefore)) * 1024,
                CPU_LABEL + " (lower bound: peak could not be reset)");
    }

    /** Mebibytes, for tables. */
    public double mebibytes() {
        return bytes / (1024.0 * 1024.0);
    }

    /**
     * The peak resident memory of this process since it started, in MiB ({@code VmHWM}, together with the peaks seen
     * before each reset by {@link #cpuResidentGrowth}), or empty where {@code /proc/self/status} does not exist: the
     * number every result file records (issue 22, item 5).
     */
    public static OptionalDouble processPeakMebibytes() {
        if (!Files.isReadable(STATUS)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(PEAK_BEFORE_RESETS.get(), statusKilobytes("VmHWM")) / 1024.0);
    }

    /**
     * The Java heap's peak occupancy since the process started, in MiB: the sum of each heap pool's peak use (eden,
     * survivor, old), an upper bound of the heap's true peak (the pools peak at different moments). It counts garbage
     * not yet collected, so it grows with the maximum heap size; what the heap needs is
     * {@link #peakHeapAfterCollectionMebibytes()}. The rest of {@link #processPeakMebibytes()} is native (libtorch).
     */
    public static double processPeakHeapMebibytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }

    /**
     * Starts recording the heap's occupancy right after every garbage collection of this process (once per process;
     * later calls do nothing). {@code Results}' constructor calls it, so a notebook's collections are watched from its first cell.
     */
    public static void watchCollections() {
        if (!WATCHING.compareAndSet(false, true)) {
            return;
        }
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
                        .getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                HEAP_AFTER_COLLECTION.accumulateAndGet(used, Math::max);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    /**
     * The largest heap occupancy right after a garbage collection since {@link #watchCollections()}, in MiB, or empty
     * before the first collection: an upper bound of the peak live set (after a young collection the old generation
     * may still hold garbage), i.e. what a maximum heap size ({@code -Xmx}) must hold at least. The heap's peak
     * occupancy ({@link #processPeakHeapMebibytes()}) is larger by the garbage the collector let accumulate, which
     * grows with the heap it is given.
     */
    public static OptionalDouble peakHeapAfterCollectionMebibytes() {
        long bytes = HEAP_AFTER_COLLECTION.get();
        return bytes < 0 ? OptionalDouble.empty() : OptionalDouble.of(bytes / (1024.0 * 1024.0));
    }

    /** The seconds this process has spent in garbage collections, all collectors together (JMX's approximation). */
    public static double collectionSeconds() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(c -> Math.max(0, c.getCollectionTime())).sum() / 1000.0;
    }

    private static boolean resetPeak() {
        try {
            long peak = statusKilobytes("VmHWM");
            PEAK_BEFORE_RESETS.accumulateAndGet(peak, Math::max);
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException | IllegalStateException e) {
            return false;
        }
    }

    /** A {@code kB} field of {@code /proc/self/status}. */
    public static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS + " (resident memory is measured on Linux only)", e);
        }
        throw new IllegalStateException(STATUS + " has no " + field + " line");
    }
}
