package lddgan.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import lddgan.nn.Scoped;

/**
 * Wavelet space, as in WDDGAN (REFERENCE-CODE.md section 5; WaveDiff {@code train_wddgan.py}):
 * encode = one-level Haar DWT ({@link HaarWavelet}, bands [LL, LH, HL, HH] on channels) divided
 * by 2, so that LL lies in [-1, 1]; decode = multiply by 2, inverse DWT, clamp to [-1, 1].
 * CIFAR-10: 3x32x32 -&gt; 12x16x16.
 */
public final class WaveletSpace implements DataSpace {
    /** WaveDiff divides the bands by 2 (LL of images in [-1, 1] lies in [-2, 2]). */
    public static final double SCALE = 2.0;

    /** DWT(images) / 2. */
    @Override
    public NDArray encode(NDArray images) {
        return Scoped.apply(images, (in, scope) -> HaarWavelet.dwt(in).div(SCALE));
    }

    /** clamp(IDWT(2 x), -1, 1). */
    @Override
    public NDArray decode(NDArray x) {
        return Scoped.apply(x, (in, scope) -> HaarWavelet.idwt(in.mul(SCALE)).clip(-1f, 1f));
    }

    /** (C, H, W) -&gt; (4C, H/2, W/2), keeping a leading batch dimension. */
    @Override
    public Shape spaceShape(Shape imageShape) {
        int c = Shapes.channelsHeightWidth(imageShape);
        long h = imageShape.get(c + 1);
        long w = imageShape.get(c + 2);
        if (h % 2 != 0 || w % 2 != 0) {
            throw new IllegalArgumentException("the Haar transform needs even H and W, got " + imageShape);
        }
        Shape bands = new Shape(4 * imageShape.get(c), h / 2, w / 2);
        return c == 0 ? bands : new Shape(imageShape.get(0)).addAll(bands);
    }

    @Override
    public String name() {
        return "wavelet";
    }

    @Override
    public double scaleFactor() {
        return SCALE;
    }

    @Override
    public String toString() {
        return "WaveletSpace";
    }
}
