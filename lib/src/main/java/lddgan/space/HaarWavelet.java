package lddgan.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import lddgan.nn.Scalars;
import lddgan.nn.Scoped;

/**
 * The one-level orthonormal 2-D Haar transform of WDDGAN (REFERENCE-CODE.md section 5; WaveDiff's
 * {@code DWT_2D("haar")}). For each 2x2 block {@code a b / c d} (a at even row, even column):
 *
 * <pre>
 * LL = (a + b + c + d) / 2      low-pass in both directions
 * LH = (a - b + c - d) / 2      high-pass across columns (vertical edges)
 * HL = (a + b - c - d) / 2      high-pass across rows (horizontal edges)
 * HH = (a - b - c + d) / 2      diagonal
 * </pre>
 *
 * The band matrix is orthonormal and symmetric, so the inverse is its transpose and the sum of
 * squares is preserved. Bands are concatenated on channels as WaveDiff does:
 * {@code [LL(c = 0..C-1), LH(c = 0..C-1), HL(c = 0..C-1), HH(c = 0..C-1)]}, i.e. output channel
 * {@code band * C + c}. Implemented with reshape/transpose and one 4x4 matrix product; no per-pixel
 * loops.
 */
public final class HaarWavelet {
    /** Rows: bands LL, LH, HL, HH; columns: pixels a, b, c, d of a 2x2 block. */
    private static final float[] BANDS = {
        0.5f, 0.5f, 0.5f, 0.5f,
        0.5f, -0.5f, 0.5f, -0.5f,
        0.5f, 0.5f, -0.5f, -0.5f,
        0.5f, -0.5f, -0.5f, 0.5f,
    };

    private HaarWavelet() {
    }

    /**
     * The forward transform (DWT).
     *
     * @param x (N, C, H, W) with even H and W
     * @return (N, 4C, H/2, W/2) bands [LL, LH, HL, HH], in {@code x}'s manager
     */
    public static NDArray dwt(NDArray x) {
        Shape s = x.getShape();
        Shapes.checkImages(s);
        if (s.get(2) % 2 != 0 || s.get(3) % 2 != 0) {
            throw new IllegalArgumentException("the Haar transform needs even H and W, got " + s);
        }
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / 2;
        long w = s.get(3) / 2;
        return Scoped.apply(x, (in, scope) -> {
            NDArray matrix = Scalars.constant(scope, BANDS, new Shape(4, 4), in.getDataType());
            // (N, C, h, 2, w, 2) -> (N, C, h, w, 2, 2) -> (N, C, h, w, 4): pixels a, b, c, d per block
            NDArray pixels = in.reshape(n, c, h, 2, w, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h, w, 4);
            // band_j = sum_p BANDS[j][p] pixel_p; then (N, C, h, w, 4) -> (N, 4, C, h, w) -> (N, 4C, h, w)
            return pixels.matMul(matrix.transpose()).transpose(0, 4, 1, 2, 3).reshape(n, 4 * c, h, w);
        });
    }

    /**
     * The inverse transform (IDWT), the transpose of {@link #dwt}.
     *
     * @param bands (N, 4C, h, w) as returned by {@link #dwt}
     * @return (N, C, 2h, 2w), in {@code bands}' manager
     */
    public static NDArray idwt(NDArray bands) {
        Shape s = bands.getShape();
        Shapes.checkImages(s);
        if (s.get(1) % 4 != 0) {
            throw new IllegalArgumentException("the bands need 4C channels, got " + s);
        }
        long n = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return Scoped.apply(bands, (in, scope) -> {
            NDArray matrix = Scalars.constant(scope, BANDS, new Shape(4, 4), in.getDataType());
            // (N, 4C, h, w) -> (N, 4, C, h, w) -> (N, C, h, w, 4): bands LL, LH, HL, HH per block
            NDArray perBlock = in.reshape(n, 4, c, h, w).transpose(0, 2, 3, 4, 1);
            // pixel_p = sum_j BANDS[j][p] band_j; (N, C, h, w, 2, 2) -> (N, C, h, 2, w, 2) -> (N, C, 2h, 2w)
            return perBlock.matMul(matrix).reshape(n, c, h, w, 2, 2).transpose(0, 1, 2, 4, 3, 5)
                    .reshape(n, c, 2 * h, 2 * w);
        });
    }
}
