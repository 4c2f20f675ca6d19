package lddgan.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Pixel space, as in DDGAN: the GAN works on the images themselves (identity encode; decode
 * clamps to [-1, 1]).
 */
public final class PixelSpace implements DataSpace {

    /** A copy of {@code images} (the caller owns it independently of the input). */
    @Override
    public NDArray encode(NDArray images) {
        Shapes.checkImages(images.getShape());
        return images.duplicate();
    }

    /** {@code x} clamped to [-1, 1]. */
    @Override
    public NDArray decode(NDArray x) {
        return x.clip(-1f, 1f);
    }

    /** The image shape itself. */
    @Override
    public Shape spaceShape(Shape imageShape) {
        Shapes.channelsHeightWidth(imageShape);
        return imageShape;
    }

    @Override
    public String name() {
        return "pixel";
    }

    @Override
    public double scaleFactor() {
        return 1.0;
    }

    @Override
    public String toString() {
        return "PixelSpace";
    }
}
