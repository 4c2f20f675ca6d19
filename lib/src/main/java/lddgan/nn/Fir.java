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
 *       4x4 convolution (H -> 2H). (The kernel is symmetric, so upfirdn2d's flip changes nothing.)
 *   <li>{@link #blur}: the 4x4 blur at stride 1 with the given padding; {@link FirConvDownsample} uses
 *       it with padding 2 before its strided 3x3 convolution.
 * </ul>
 *
 * All act on each channel separately (the array is viewed as (N*C, 1, H, W)), so they have no
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

    /** {@code upsample_2d(x, [1,3,3,1], factor=2)}: (N, C, H, W) -> (N, C, 2H, 2W). */
    public static NDArray upsample(NDArray x) {
        checkRank(x);
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        // 1. zero insertion: (N, C, H, W) -> (N, C, 2H, 2W) with x at the even positions
        NDArray cols = x.reshape(n, c, h, 1, w, 1);
        cols = cols.concat(cols.zerosLike(), 5);
        NDArray inserted = cols.concat(cols.zerosLike(), 3).reshape(n, c, 2 * h, 2 * w);
        // 2. pad (2, 1) and correlate with 4k: pad 2 on both sides, keep the first 2H x 2W outputs
        NDArray full = depthwise(inserted, 4f, new Shape(1, 1), new Shape(2, 2));
        return full.get(":, :, :" + 2 * h + ", :" + 2 * w);
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
        NDArray kernel = x.getManager().create(weights, new Shape(c, 1, 4, 4)).toType(x.getDataType(), false);
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
