package lddgan.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lddgan.nn.MicroBatch;

/**
 * The machine's float32 convolution peak as the engine reaches it, measured in the benchmark's own process (issue 22,
 * item 4): 3x3 convolutions, stride 1, padding 1, at the channel widths and resolutions the CIFAR-10 generators use
 * (128 channels at 32x32, 256 at 16x16, 256 at 8x8), each after one warm-up call, best of {@code repetitions} calls, at
 * batch 100 and at the device's {@link MicroBatch} when that is smaller (the batch the samplers' convolutions then
 * run at). The peak is the fastest of them: what oneDNN achieves on this machine for the networks' dominant
 * operation, the yardstick for the samplers' achieved GFLOP/s.
 *
 * <p>bfloat16 is not measured: DJL 0.36's PyTorch engine cannot create bfloat16 arrays (its native type table ends at
 * complex64; a cast to {@code DataType.BFLOAT16} aborts the process), see lib/PERFORMANCE.md.
 */
public final class ConvPeak {
    /** One measured shape: (batch, channels, size) -> channels, and its throughput. */
    public record Shape3x3(int batch, int channels, int size, double seconds, double gflopPerSecond) {
        /** FLOPs (10^9) of one call: 2 x batch x size^2 x channels^2 x 9. */
        static double gflop(int batch, int channels, int size) {
            return 2.0 * batch * size * size * (double) channels * channels * 9 / 1e9;
        }
    }

    /** The shapes measured, {channels, size}. */
    static final int[][] SHAPES = {{128, 32}, {256, 16}, {256, 8}};

    private ConvPeak() {
    }

    /**
     * The batches the peak is measured at: {@code batch}, and the device's micro-batch when smaller
     * ({@link MicroBatch#on}).
     */
    public static List<Integer> batches(int batch, Device device) {
        int micro = MicroBatch.on(device).size();
        return micro < batch ? List.of(batch, micro) : List.of(batch);
    }

    /** Measures every shape at every batch of {@link #batches}; best of {@code repetitions} timed calls each. */
    public static List<Shape3x3> measure(NDManager manager, int batch, int repetitions) {
        List<Shape3x3> rows = new ArrayList<>();
        for (int b : batches(batch, manager.getDevice())) {
            rows.addAll(measureAt(manager, b, repetitions));
        }
        return rows;
    }

    /** Measures every shape at {@code batch}; best of {@code repetitions} timed calls after one warm-up each. */
    static List<Shape3x3> measureAt(NDManager manager, int batch, int repetitions) {
        List<Shape3x3> rows = new ArrayList<>();
        for (int[] shape : SHAPES) {
            int c = shape[0];
            int size = shape[1];
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(batch, c, size, size));
                NDArray w = scope.randomNormal(new Shape(c, c, 3, 3)).mul(0.01f);
                NDArray b = scope.zeros(new Shape(c));
                double best = Double.MAX_VALUE;
                for (int r = 0; r <= repetitions; r++) {
                    try (NDManager call = scope.newSubManager()) {
                        x.tempAttach(call);
                        long t = System.nanoTime();
                        Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow()
                                .getFloat(0, 0, 0, 0);
                        double seconds = (System.nanoTime() - t) * 1e-9;
                        if (r > 0) {
                            best = Math.min(best, seconds);
                        }
                    }
                }
                rows.add(new Shape3x3(batch, c, size, best, Shape3x3.gflop(batch, c, size) / best));
            }
        }
        return rows;
    }

    /**
     * The peak on {@code device} as the benchmarks take it (batch 100 and the micro-batch, best of 5), printed: for a
     * process that reports no per-shape rows.
     */
    public static double measuredPeak(Device device) {
        double peak;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            peak = peak(measure(manager, 100, 5));
        }
        System.out.printf(Locale.ROOT, "float32 3x3 convolution peak: %.1f GFLOP/s%n", peak);
        return peak;
    }

    /** The fastest shape's GFLOP/s. */
    public static double peak(List<Shape3x3> rows) {
        return rows.stream().mapToDouble(Shape3x3::gflopPerSecond).max().orElseThrow();
    }
}
