package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing exactly as PyTorch's {@code F.interpolate(x, size, mode='bilinear', align_corners=False)} (what
 * pytorch-fid applies before its Inception-v3): output pixel d of an axis of n_in -> n_out samples the input at
 * s = (d + 0.5) n_in / n_out - 0.5, clamped at 0, between i = floor(s) and min(i + 1, n_in - 1) with weights
 * 1 - (s - i) and s - i. Both axes are applied as one matrix product each (rows then columns, the order of PyTorch's
 * kernel: each output is h0 (w0 x00 + w1 x01) + h1 (w0 x10 + w1 x11)); no antialiasing, as PyTorch's default.
 */
public final class BilinearResize {
    private BilinearResize() {
    }

    /**
     * Resizes (N, C, H, W) images to (N, C, outH, outW); an axis of the same size is left untouched (PyTorch copies).
     */
    public static NDArray resize(NDArray x, int outH, int outW) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDArray y = x;
        if (w != outW) {
            y = y.matMul(x.getManager().create(matrix(w, outW), new Shape(outW, w)).transpose());
        }
        if (h != outH) {
            y = x.getManager().create(matrix(h, outH), new Shape(outH, h)).matMul(y);
        }
        return y;
    }

    /** The (out x in) interpolation matrix of one axis, row-major. */
    public static float[] matrix(int in, int out) {
        float[] m = new float[out * in];
        float scale = (float) in / out;
        for (int d = 0; d < out; d++) {
            // in float, as PyTorch's area_pixel_compute_source_index for float tensors
            float src = scale * (d + 0.5f) - 0.5f;
            src = Math.max(src, 0f);
            int i0 = (int) src;
            int i1 = i0 < in - 1 ? i0 + 1 : i0;
            float lambda1 = src - i0;
            float lambda0 = 1f - lambda1;
            m[d * in + i0] += lambda0;
            m[d * in + i1] += lambda1;
        }
        return m;
    }
}
