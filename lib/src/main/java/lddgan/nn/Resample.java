package lddgan.nn;

import ai.djl.ndarray.NDArray;

/** Resampling option of a residual block: none, FIR upsampling x2 or FIR downsampling x2 ({@link Fir}). */
public enum Resample {
    /** Keep the resolution. */
    NONE,
    /** FIR upsampling by 2 ({@link Fir#upsample}). */
    UP,
    /** FIR downsampling by 2 ({@link Fir#downsample}). */
    DOWN;

    /** Resamples an (N, C, H, W) array. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case NONE -> x;
            case UP -> Fir.upsample(x);
            case DOWN -> Fir.downsample(x);
        };
    }

    /** The spatial size after resampling a side of {@code size} pixels. */
    public long outputSize(long size) {
        return switch (this) {
            case NONE -> size;
            case UP -> size * 2;
            case DOWN -> size / 2;
        };
    }
}
