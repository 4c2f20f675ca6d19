package lddgan.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import java.util.function.Function;

/**
 * Inference on a large batch as consecutive calls on slices of at most {@link #size()} samples along the first axis,
 * each in its own {@link Scoped} memory scope, the outputs concatenated: the same images, computed sample by sample
 * as before, for networks in which every sample is independent of the others (GroupNorm, attention within a sample;
 * nothing here has batch statistics).
 *
 * <p>Why (lib/PERFORMANCE.md "Micro-batches"): on a CPU the activations of a batch of 100 at 32x32 (100 x 256 x 32 x
 * 32 floats = 105 MB per tensor) do not stay in cache and every temporary is fresh memory; DDGAN's sampling pass then
 * runs at half the speed per sample of a batch of 25. The batch a user asks for is still the batch drawn, timed and
 * returned: only the engine's calls are smaller. Random draws happen for the whole batch before the split, so the
 * samples do not depend on the micro-batch size beyond float rounding of the convolution algorithm the engine picks
 * for a batch size.
 *
 * <p>The size is {@value #CPU_DEFAULT} samples on a CPU (measured on the Zen 5 machine: DDGAN 25 samples per call 72,
 * 50: 58, 100: 37 GFLOP/s) and the whole batch on a GPU, which wants large batches; the system property
 * {@value #PROPERTY} or the environment variable {@value #ENV} sets it ({@code 0}: the whole batch, everywhere).
 *
 * @param size the most samples per call ({@link Integer#MAX_VALUE}: the whole batch)
 */
public record MicroBatch(int size) {
    /** The micro-batch on a CPU, in samples per call. */
    public static final int CPU_DEFAULT = 25;
    /** System property setting the size (0: whole batches). */
    public static final String PROPERTY = "lddgan.microBatch";
    /** Environment variable setting the size when the property is absent. */
    public static final String ENV = "LDDGAN_MICRO_BATCH";

    /** Checks the size. */
    public MicroBatch {
        if (size < 1) {
            throw new IllegalArgumentException("micro-batch size must be >= 1 sample, got " + size);
        }
    }

    /** No splitting. */
    public static MicroBatch whole() {
        return new MicroBatch(Integer.MAX_VALUE);
    }

    /** The micro-batch of this process on {@code device}: {@value #PROPERTY} / {@value #ENV}, else the default. */
    public static MicroBatch on(Device device) {
        return of(System.getProperty(PROPERTY, System.getenv(ENV)), device);
    }

    /**
     * The micro-batch a setting asks for on {@code device}.
     *
     * @param setting null or blank: the device's default; 0: whole batches; n &gt; 0: n samples per call
     * @throws IllegalArgumentException when the setting is not a whole number &gt;= 0, naming it
     */
    public static MicroBatch of(String setting, Device device) {
        if (setting == null || setting.isBlank()) {
            return device.isGpu() ? whole() : new MicroBatch(CPU_DEFAULT);
        }
        int n;
        try {
            n = Integer.parseInt(setting.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s / %s = '%s': expected a whole number of samples per call >= 0 (0: whole batches)", PROPERTY,
                    ENV, setting));
        }
        return n == 0 ? whole() : new MicroBatch(n);
    }

    /**
     * A block's inference as an operation for {@link #apply}: its single output for the inputs given as its NDList, its
     * parameters read and its temporaries created in the first input's manager.
     */
    public static Function<NDArray[], NDArray> inference(Block block) {
        return in -> block.forward(new ParameterStore(in[0].getManager(), false), new NDList(in), false)
                .singletonOrThrow();
    }

    /**
     * {@code op(inputs)}, in slices of at most {@link #size()} samples when the batch is larger.
     *
     * @param inputs arrays sharing their first dimension N (the batch)
     * @param op a per-sample computation on the given slices; the arrays it creates land in the slices' scope
     * @return op's result on the whole batch (N, ...), in the first input's manager when it was split; otherwise
     *     wherever {@code op} left it
     * @throws IllegalArgumentException when the inputs' first dimensions differ
     */
    public NDArray apply(NDArray[] inputs, Function<NDArray[], NDArray> op) {
        long n = inputs[0].getShape().get(0);
        for (NDArray input : inputs) {
            if (input.getShape().get(0) != n) {
                throw new IllegalArgumentException("micro-batch inputs must share their first dimension: "
                        + inputs[0].getShape() + " and " + input.getShape());
            }
        }
        if (n <= size) {
            return op.apply(inputs);
        }
        NDList parts = new NDList();
        for (long from = 0; from < n; from += size) {
            String range = from + ":" + Math.min(n, from + size);
            NDArray[] chunk = new NDArray[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                chunk[i] = inputs[i].get(range);
            }
            NDArray part = Scoped.apply(chunk, scope -> op.apply(chunk));
            parts.add(part);
            for (NDArray slice : chunk) {
                if (slice != part) {
                    slice.close();
                }
            }
        }
        NDArray joined = NDArrays.concat(parts, 0);
        parts.close();
        return joined;
    }
}
