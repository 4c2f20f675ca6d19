package lddgan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * A set of labelled 8-bit images in channel-major (C, H, W) layout, as CIFAR-10 stores them.
 *
 * <p>Models see images in [-1, 1] (DDGAN and LDDGAN centre data so, REFERENCE-CODE.md section 2):
 * {@link #batch} converts x / 127.5 - 1.
 *
 * @param name where the images come from (file names or generator), named in every result
 * @param channels image channels (3 for CIFAR-10)
 * @param height image height
 * @param width image width
 * @param pixels N * C * H * W bytes, unsigned
 * @param labels N class labels
 */
public record ImageSet(String name, int channels, int height, int width, byte[] pixels, byte[] labels) {
    public ImageSet {
        Objects.requireNonNull(name, "name");
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("ImageSet '" + name + "': channels, height and width must be positive, got "
                    + channels + "x" + height + "x" + width);
        }
        if (pixels.length != (long) labels.length * channels * height * width) {
            throw new IllegalArgumentException("ImageSet '" + name + "': " + pixels.length + " pixel bytes for "
                    + labels.length + " images of " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Bytes per image (C * H * W). */
    public int imageBytes() {
        return channels * height * width;
    }

    /** The first {@code n} images (all when {@code n} is at least the size). */
    public ImageSet limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new ImageSet(name + "[:" + n + "]", channels, height, width,
                Arrays.copyOf(pixels, n * imageBytes()), Arrays.copyOf(labels, n));
    }

    /** The images at the given indices, in that order (for shuffled mini-batches). */
    public ImageSet select(int[] indices) {
        byte[] px = new byte[indices.length * imageBytes()];
        byte[] lb = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageBytes(), px, i * imageBytes(), imageBytes());
            lb[i] = labels[indices[i]];
        }
        return new ImageSet(name, channels, height, width, px, lb);
    }

    /** Concatenates sets of the same image shape. */
    public static ImageSet concat(String name, ImageSet... sets) {
        ImageSet first = sets[0];
        int n = Arrays.stream(sets).mapToInt(ImageSet::size).sum();
        byte[] px = new byte[n * first.imageBytes()];
        byte[] lb = new byte[n];
        int at = 0;
        for (ImageSet s : sets) {
            if (s.channels != first.channels || s.height != first.height || s.width != first.width) {
                throw new IllegalArgumentException("Cannot concatenate '" + s.name + "' (" + s.shapeText() + ") with '"
                        + first.name + "' (" + first.shapeText() + ")");
            }
            System.arraycopy(s.pixels, 0, px, at * first.imageBytes(), s.pixels.length);
            System.arraycopy(s.labels, 0, lb, at, s.size());
            at += s.size();
        }
        return new ImageSet(name, first.channels, first.height, first.width, px, lb);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as a float32 (N, C, H, W) array in [-1, 1]. */
    public NDArray batch(NDManager manager, int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("batch [" + from + ", " + to + ") of '" + name + "' with " + size() + " images");
        }
        byte[] slice = Arrays.copyOfRange(pixels, from * imageBytes(), to * imageBytes());
        NDArray u8 = manager.create(java.nio.ByteBuffer.wrap(slice), new Shape(to - from, channels, height, width), DataType.UINT8);
        return u8.toType(DataType.FLOAT32, false).divi(127.5f).subi(1f);
    }

    /**
     * Images in [-1, 1], (N, C, H, W), quantised to 8 bits as a saved PNG would be: round((x + 1) 127.5), clamped
     * to [0, 255]; labels are 0 (generated samples have none). The inverse of {@link #batch} up to rounding.
     *
     * @param name what the images are (for example "samples of ddgan-cifar10@cpu, step 400")
     */
    public static ImageSet fromImages(String name, NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("images must be (N, C, H, W), got " + s);
        }
        float[] values = images.toType(DataType.FLOAT32, false).toFloatArray();
        byte[] px = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            long v = Math.round((values[i] + 1.0) * 127.5);
            px[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return new ImageSet(name, (int) s.get(1), (int) s.get(2), (int) s.get(3), px, new byte[(int) s.get(0)]);
    }

    /** Labels {@code from} to {@code to} as an int32 array. */
    public NDArray labelBatch(NDManager manager, int from, int to) {
        return labelBatch(manager, java.util.stream.IntStream.range(from, to).toArray());
    }

    /** The labels of images {@code indices} (a batch drawn from a permutation) as an int32 array. */
    public NDArray labelBatch(NDManager manager, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = label(indices[i]);
        }
        return manager.create(out);
    }

    /** The unsigned label of image {@code i}. */
    public int label(int i) {
        return Byte.toUnsignedInt(labels[i]);
    }

    /** "N x C x H x W". */
    public String shapeText() {
        return size() + " x " + channels + " x " + height + " x " + width;
    }
}
