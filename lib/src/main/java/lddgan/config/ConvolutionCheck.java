package lddgan.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A self-check of the engine's 3x3 convolutions on the CPU against closed forms, run once per process before any
 * network is trained or evaluated ({@link #requireCorrect()}), and by {@code make setup} ({@link #main}).
 *
 * <p>Why: on some machines the CPU convolution kernels of the engine (oneDNN 3.7.1 inside libtorch 2.7.1) return wrong
 * numbers when a channel count is not a multiple of the kernel's block (forward with 17 or 257 input channels, input
 * gradient with 3 or 4 output channels, stride-2 input gradient with 48 input channels); with stale memory the wrong
 * numbers are NaN. Measured on 6 December 2026 on an AMD EPYC (Zen 5, family 26) virtual machine whose CPUID reports
 * no cache hierarchy (leaf 0x8000001D empty): every such case wrong under oneDNN's AVX-512, AVX2 and AVX kernels,
 * right under its SSE4.1 limit ({@value #ISA_VARIABLE}={@value #WORKAROUND}), where it convolves by im2col and GEMM
 * (3-6x slower) — lib/PERFORMANCE.md, "Engine self-check". The checks here are those failing cases, with all-ones
 * inputs so that every expected value is an exact integer (a count of taps), after the engine's memory was filled
 * with NaN so that an unwritten element shows.
 */
public final class ConvolutionCheck {
    /** oneDNN's environment variable limiting its instruction set (read once, when the engine starts). */
    public static final String ISA_VARIABLE = "DNNL_MAX_CPU_ISA";
    /** The limit under which the failing kernels are not used. */
    public static final String WORKAROUND = "SSE41";
    /** The exit code of {@link #main} when a check fails. */
    public static final int EXIT_WRONG = 3;

    private static Optional<String> verdict;

    private ConvolutionCheck() {
    }

    /**
     * One checked convolution: 3x3 kernel, padding 1, all-ones input and weight.
     *
     * @param name what is checked
     * @param inputGradient true for the gradient of sum(y) with respect to x, false for y itself
     */
    public record Case(String name, int batch, int in, int out, int size, int stride, boolean inputGradient) {
        /** The exact expected values, in row-major order of y (forward) or x (input gradient). */
        double[] expected() {
            int outSize = (size + 2 - 3) / stride + 1;
            if (!inputGradient) {
                double[] y = new double[batch * out * outSize * outSize];
                for (int i = 0; i < y.length; i++) {
                    int col = i % outSize;
                    int row = (i / outSize) % outSize;
                    y[i] = (double) in * taps(row) * taps(col);
                }
                return y;
            }
            // d sum(y) / dx[h, w] = out x the number of (output position, tap) pairs that read x[h, w]
            int[] cover = new int[size];
            for (int o = 0; o < outSize; o++) {
                for (int a = 0; a < 3; a++) {
                    int h = o * stride - 1 + a;
                    if (h >= 0 && h < size) {
                        cover[h]++;
                    }
                }
            }
            double[] dx = new double[batch * in * size * size];
            for (int i = 0; i < dx.length; i++) {
                dx[i] = (double) out * cover[(i / size) % size] * cover[i % size];
            }
            return dx;
        }

        private int taps(int position) {
            int count = 0;
            for (int a = 0; a < 3; a++) {
                int p = position * stride - 1 + a;
                count += p >= 0 && p < size ? 1 : 0;
            }
            return count;
        }

        @Override
        public String toString() {
            return name + " (batch " + batch + ", " + in + " -> " + out + " channels, " + size + "x" + size + ", stride "
                    + stride + ")";
        }
    }

    /** The cases found wrong on the machine described above, one per failing kernel family. */
    public static final List<Case> CASES = List.of(
            new Case("forward, 17 input channels", 2, 17, 8, 8, 1, false),
            new Case("forward, 257 input channels (the discriminator after minibatch std)", 2, 257, 16, 8, 1, false),
            new Case("input gradient, 3 output channels (an image-producing last layer)", 4, 32, 3, 8, 1, true),
            new Case("input gradient, stride 2, 48 input channels", 2, 48, 16, 8, 2, true));

    /**
     * Runs every case on the CPU; returns a description of the first wrong element of each failing case, or empty
     * when all agree with their closed forms.
     */
    public static List<String> failures() {
        List<String> failures = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (Case c : CASES) {
                try (NDManager scope = manager.newSubManager()) {
                    // stale memory full of NaN: an element a kernel does not write shows as NaN
                    scope.ones(new Shape(1 << 20)).mul(Float.NaN).close();
                    float[] got = compute(c, scope);
                    double[] want = c.expected();
                    int first = -1;
                    int wrong = 0;
                    for (int i = 0; i < want.length; i++) {
                        if (!(Math.abs(got[i] - want[i]) <= 1e-3 * want[i])) { // NaN is wrong too
                            first = wrong++ == 0 ? i : first;
                        }
                    }
                    if (wrong > 0) {
                        failures.add(c + ": element " + first + " is " + got[first] + ", expected " + (long) want[first]
                                + " (" + wrong + " of " + want.length + " elements wrong)");
                    }
                }
            }
        }
        return failures;
    }

    private static float[] compute(Case c, NDManager scope) {
        NDArray x = scope.ones(new Shape(c.batch(), c.in(), c.size(), c.size()));
        NDArray w = scope.ones(new Shape(c.out(), c.in(), 3, 3));
        Shape stride = new Shape(c.stride(), c.stride());
        Shape pad = new Shape(1, 1);
        Shape dilation = new Shape(1, 1);
        if (!c.inputGradient()) {
            return Conv2d.conv2d(x, w, null, stride, pad, dilation, 1).singletonOrThrow().toFloatArray();
        }
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(Conv2d.conv2d(x, w, null, stride, pad, dilation, 1).singletonOrThrow().sum());
        }
        return x.getGradient().toFloatArray();
    }

    /**
     * Fails, once per process and before anything is trained or evaluated on the CPU, when the engine's convolutions
     * are wrong here; later calls return at once.
     *
     * @throws IllegalStateException naming each wrong case and the remedy
     */
    public static synchronized void requireCorrect() {
        if (verdict == null) {
            List<String> failures = failures();
            verdict = failures.isEmpty() ? Optional.empty() : Optional.of(message(failures, System.getenv(ISA_VARIABLE)));
        }
        if (verdict.isPresent()) {
            throw new IllegalStateException(verdict.get());
        }
    }

    /** The error for {@code failures} under the given oneDNN instruction-set limit (null: none). */
    static String message(List<String> failures, String isaLimit) {
        return "the engine's CPU convolutions are wrong on this machine (nothing was trained or evaluated):\n  - "
                + String.join("\n  - ", failures) + "\nThey are oneDNN's kernels inside libtorch "
                + "(lib/PERFORMANCE.md, \"Engine self-check\"). " + (isaLimit == null
                        ? "Start Java with the environment variable " + ISA_VARIABLE + "=" + WORKAROUND
                                + " (correct, convolutions 3-6x slower); `make setup` does this for the project's kernel"
                                + " and make targets when it finds this machine affected (build/engine.env)."
                        : ISA_VARIABLE + " is " + isaLimit + "; try " + ISA_VARIABLE + "=" + WORKAROUND + ".");
    }

    /**
     * Runs the check and prints its verdict; exits 0 when every case is right, {@value #EXIT_WRONG} otherwise.
     * {@code make setup} runs it to decide whether this machine needs {@value #ISA_VARIABLE}={@value #WORKAROUND}.
     */
    public static void main(String[] args) {
        List<String> failures = failures();
        String isa = System.getenv(ISA_VARIABLE);
        String under = isa == null ? "" : " under " + ISA_VARIABLE + "=" + isa;
        if (failures.isEmpty()) {
            System.out.println("convolution check: " + CASES.size() + " cases right" + under);
            return;
        }
        System.out.println("convolution check: " + failures.size() + " of " + CASES.size() + " cases wrong" + under
                + ":\n  - " + String.join("\n  - ", failures));
        System.exit(EXIT_WRONG);
    }
}
