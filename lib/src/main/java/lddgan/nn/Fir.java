package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * FIR resampling with the kernel [1, 3, 3, 1] ({@code up_or_down_sampling.py} of score_sde/DDGAN,
 * REFERENCE-CODE.md section 2). The 2-D kernel is the outer product of the 1-D kernel with itself,
 * divided by its sum (64), so a constant image stays constant away from the borders.
 *
 * <ul>
 *   <li>{@link #downsample}: {@code downsample_2d}: pad 1, 4x4 blur, stride 2 (H -> H/2).
 *   <li>{@link #upsample}: {@code upsample_2d}: zero insertion x2, kernel times 4, pad (2, 1),
 *       4x4 convolution (H -> 2H), computed in polyphase form. (The kernel is symmetric, so upfirdn2d's flip
 *       changes nothing.)
 *   <li>{@link #blur}: the 4x4 blur at stride 1 with the given padding; {@link FirConvDownsample} uses
 *       it with padding 2 before its strided 3x3 convolution.
 * </ul>
 *
 * All act on each channel separately (depthwise convolutions, groups = C), so they have no
 * parameters. Zero padding, as in {@code upfirdn2d}.
 */
public final class Fir {
    /** The 1-D FIR kernel of NCSN++ and the DDGAN discriminator. */
    private static final float[] KERNEL_1D = {1, 3, 3, 1};

    /** Taps of the 2-D kernel (4 x 4). */
    public static final int TAPS = 16;

    private Fir() {
    }

    /** The 1-D kernel [1, 3, 3, 1] (a copy). */
    public static float[] kernel1d() {
        return KERNEL_1D.clone();
    }

    /** The 4x4 kernel outer(k, k) / sum(outer(k, k)) times {@code gain}, row-major. */
    public static float[] kernel2d(float gain) {
        float sum = 0;
        for (float a : KERNEL_1D) {
            for (float b : KERNEL_1D) {
                sum += a * b;
            }
        }
        float[] k = new float[TAPS];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                k[4 * i + j] = KERNEL_1D[i] * KERNEL_1D[j] / sum * gain;
            }
        }
        return k;
    }

    /** {@code downsample_2d(x, [1,3,3,1], factor=2)}: (N, C, H, W) -> (N, C, H/2, W/2). */
    public static NDArray downsample(NDArray x) {
        checkRank(x);
        return depthwise(x, 1f, new Shape(2, 2), new Shape(1, 1));
    }

    /**
     * {@code upsample_2d(x, [1,3,3,1], factor=2)}: (N, C, H, W) -> (N, C, 2H, 2W).
     *
     * <p>The reference inserts zeros (x at the even positions), pads (2, 1) and correlates with 4 k. Of the 16 taps,
     * only 4 ever meet a non-zero input, so the same sums are formed in polyphase form: each of the four output
     * phases (a, b) (rows 2i + a, columns 2j + b) is a 3x3 depthwise correlation of x itself, with padding 1 and the
     * taps of {@link #phaseWeights}: [1, 3, 0] / 4 for the even phase and [0, 3, 1] / 4 for the odd one, per axis.
     * One grouped convolution computes the four phases (C -> 4C), and a reshape and transpose interleaves them. The
     * products and sums are the reference's own non-zero ones, so the result agrees bit for bit with the zero-insertion
     * form, at about twice its speed and without its 4x larger intermediate (lib/PERFORMANCE.md; {@code FirTest}).
     */
    public static NDArray upsample(NDArray x) {
        checkRank(x);
        Shape s = x.getShape();
        long n = s.get(0);
        int c = (int) s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        float[] phase = phaseWeights();
        float[] weights = new float[c * phase.length];
        for (int i = 0; i < c; i++) {
            System.arraycopy(phase, 0, weights, i * phase.length, phase.length);
        }
        NDArray kernel = Scalars.constant(x.getManager(), weights, new Shape(4L * c, 1, 3, 3), x.getDataType());
        // 1. the four phases of every channel: (N, 4C, H, W), channel 4c + 2a + b holds phase (a, b) of channel c
        NDArray phases = Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), c)
                .singletonOrThrow();
        // 2. interleave: (N, C, a, b, H, W) -> (N, C, H, a, W, b) -> (N, C, 2H, 2W)
        return phases.reshape(n, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, 2 * h, 2 * w);
    }

    /**
     * The 3x3 taps of the four phases of {@link #upsample}, phase (a, b) at offset 9 (2a + b): the outer product of
     * the per-axis taps [1, 3, 0] / 4 (a = 0, output row 2i sees x[i - 1] and x[i]) or [0, 3, 1] / 4 (a = 1, row
     * 2i + 1 sees x[i] and x[i + 1]). These are the entries of 4 outer(k, k) / 64 that meet the non-zero samples of the
     * zero-inserted input.
     */
    static float[] phaseWeights() {
        float[] k2 = kernel2d(4f);
        // per phase, the 1-D taps of the 4-tap kernel seen by rows (or columns) i - 1, i, i + 1 of x:
        // even outputs see kernel taps 0 and 2, odd outputs taps 1 and 3 (correlation after padding 2)
        int[][] taps = {{0, 2, -1}, {-1, 1, 3}};
        float[] phases = new float[36];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        int ti = taps[a][i];
                        int tj = taps[b][j];
                        phases[9 * (2 * a + b) + 3 * i + j] = ti < 0 || tj < 0 ? 0f : k2[4 * ti + tj];
                    }
                }
            }
        }
        return phases;
    }

    /** The 4x4 blur at stride 1 with zero padding {@code pad}: (N, C, H, W) -> (N, C, H+2pad-3, W+2pad-3). */
    public static NDArray blur(NDArray x, int pad) {
        checkRank(x);
        return depthwise(x, 1f, new Shape(1, 1), new Shape(pad, pad));
    }

    /**
     * The 4x4 FIR kernel applied to every channel on its own: one depthwise convolution (groups = C) over
     * (N, C, H, W). (Reshaping to N C single-channel images and convolving them with one 1 -> 1 kernel, as before,
     * ran at under 1 GFLOP/s in oneDNN and took 30 % of LDDGAN's sampling time: lib/PERFORMANCE.md.)
     */
    private static NDArray depthwise(NDArray x, float gain, Shape stride, Shape padding) {
        int c = (int) x.getShape().get(1);
        float[] k = kernel2d(gain);
        float[] weights = new float[c * TAPS];
        for (int i = 0; i < c; i++) {
            System.arraycopy(k, 0, weights, i * TAPS, TAPS);
        }
        NDArray kernel = Scalars.constant(x.getManager(), weights, new Shape(c, 1, 4, 4), x.getDataType());
        return Conv2d.conv2d(x, kernel, null, stride, padding, new Shape(1, 1), c).singletonOrThrow();
    }

    private static void checkRank(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getDataType() != DataType.FLOAT32 && x.getDataType() != DataType.FLOAT16
                && x.getDataType() != DataType.FLOAT64) {
            throw new IllegalArgumentException("FIR resampling expects a floating (N, C, H, W) array, got "
                    + x.getShape() + " " + x.getDataType());
        }
    }
}
