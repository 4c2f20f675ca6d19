package lddgan.metrics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import lddgan.config.RunEnvironment;

/**
 * Times sample generation with the paper's protocol (Sec. 5.1.2, REFERENCE-CODE.md section 7): warm-up calls, then
 * N timed calls of a function that generates one batch; returns mean and standard deviation with the NFE.
 *
 * <p>The timed function must include everything the paper times (the T-step sampler plus the decoder or inverse
 * DWT) and must not return before the batch exists: on the CPU engine operations are synchronous; on a GPU use
 * {@link #time(Supplier, int)}, which reads one number of the result back (a device synchronisation) inside the
 * timed region, where the reference uses CUDA events.
 */
public final class SamplingTimer {
    private final TimingProtocol protocol;
    private final Device device;
    private final LongSupplier nanoClock;

    /** A timer with the given protocol for work on {@code device}, using {@link System#nanoTime()}. */
    public SamplingTimer(TimingProtocol protocol, Device device) {
        this(protocol, device, System::nanoTime);
    }

    /** A timer with an explicit clock (tests). */
    public SamplingTimer(TimingProtocol protocol, Device device, LongSupplier nanoClock) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.device = Objects.requireNonNull(device, "device");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** The protocol used. */
    public TimingProtocol protocol() {
        return protocol;
    }

    /**
     * Times {@code generateBatch}, which must generate {@link TimingProtocol#batchSize()} samples and release what
     * it creates.
     *
     * @param nfe network function evaluations per sample, reported beside the time
     */
    public SamplingTime time(Runnable generateBatch, int nfe) {
        for (int i = 0; i < protocol.warmup(); i++) {
            generateBatch.run();
        }
        double[] seconds = new double[protocol.repetitions()];
        for (int i = 0; i < seconds.length; i++) {
            long start = nanoClock.getAsLong();
            generateBatch.run();
            seconds[i] = (nanoClock.getAsLong() - start) * 1e-9;
        }
        return SamplingTime.of(seconds, nfe, protocol, RunEnvironment.describe(device));
    }

    /**
     * Times a function returning the generated batch: the result is forced (one value read back, a device
     * synchronisation) and closed inside the timed region.
     */
    public SamplingTime time(Supplier<NDArray> generateBatch, int nfe) {
        return time(() -> {
            try (NDArray batch = generateBatch.get()) {
                force(batch);
            }
        }, nfe);
    }

    /**
     * Waits until {@code batch} exists: reads one of its values back, a device synchronisation (on the CPU engine
     * operations are synchronous already). Call it inside the timed region.
     */
    public static void force(NDArray batch) {
        if (batch.size() > 0) {
            try (NDManager scope = NDManager.newBaseManager(batch.getDevice())) {
                NDArray flat = batch.reshape(-1);
                flat.attach(scope);
                flat.get(0).toType(DataType.FLOAT32, false).getFloat();
            }
        }
    }
}
