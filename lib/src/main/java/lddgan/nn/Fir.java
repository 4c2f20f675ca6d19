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
        return perChannel(x, flat -> Conv2d.conv2d(flat, kernel(x, 1f), null, new Shape(2, 2), new Shape(1, 1))
                .singletonOrThrow());
    }

    /** {@code upsample_2d(x, [1,3,3,1], factor=2)}: (N, C, H, W) -> (N, C, 2H, 2W). */
    public static NDArray upsample(NDArray x) {
        checkRank(x);
        return perChannel(x, flat -> {
            Shape s = flat.getShape();
            long m = s.get(0);
            long h = s.get(2);
            long w = s.get(3);
            // 1. zero insertion: (M, 1, H, W) -> (M, 1, 2H, 2W) with x at the even positions
            NDArray cols = flat.reshape(m, 1, h, 1, w, 1);
            cols = cols.concat(cols.zerosLike(), 5);
            NDArray inserted = cols.concat(cols.zerosLike(), 3).reshape(m, 1, 2 * h, 2 * w);
            // 2. pad (2, 1) and correlate with 4k: pad 2 on both sides, keep the first 2H x 2W outputs
            NDArray full = Conv2d.conv2d(inserted, kernel(x, 4f), null, new Shape(1, 1), new Shape(2, 2))
                    .singletonOrThrow();
            return full.get(":, :, :" + 2 * h + ", :" + 2 * w);
        });
    }

    /** The 4x4 blur at stride 1 with zero padding {@code pad}: (N, C, H, W) -> (N, C, H+2pad-3, W+2pad-3). */
    public static NDArray blur(NDArray x, int pad) {
        checkRank(x);
        return perChannel(x, flat -> Conv2d.conv2d(flat, kernel(x, 1f), null, new Shape(1, 1), new Shape(pad, pad))
                .singletonOrThrow());
    }

    private static NDArray kernel(NDArray like, float gain) {
        return like.getManager().create(kernel2d(gain), new Shape(1, 1, 4, 4)).toType(like.getDataType(), false);
    }

    private static NDArray perChannel(NDArray x, java.util.function.UnaryOperator<NDArray> op) {
        Shape s = x.getShape();
        NDArray out = op.apply(x.reshape(s.get(0) * s.get(1), 1, s.get(2), s.get(3)));
        Shape o = out.getShape();
        return out.reshape(s.get(0), s.get(1), o.get(2), o.get(3));
    }

    private static void checkRank(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getDataType() != DataType.FLOAT32 && x.getDataType() != DataType.FLOAT16
                && x.getDataType() != DataType.FLOAT64) {
            throw new IllegalArgumentException("FIR resampling expects a floating (N, C, H, W) array, got "
                    + x.getShape() + " " + x.getDataType());
        }
    }
}
