package lddgan.space;

import ai.djl.ndarray.types.Shape;

/** Shape checks shared by the data spaces. */
public final class Shapes {
    private Shapes() {
    }

    /** Checks that {@code shape} is (N, C, H, W). */
    public static void checkImages(Shape shape) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("expected images (N, C, H, W), got " + shape);
        }
    }

    /**
     * The index of the channel axis of a (C, H, W) or (N, C, H, W) shape.
     *
     * @throws IllegalArgumentException for any other rank
     */
    public static int channelsHeightWidth(Shape shape) {
        if (shape.dimension() != 3 && shape.dimension() != 4) {
            throw new IllegalArgumentException("expected (C, H, W) or (N, C, H, W), got " + shape);
        }
        return shape.dimension() - 3;
    }
}
