package lddgan.data;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Encoded images read one at a time and preprocessed as the reference code does (see {@link ImagePreprocessing}):
 * an image folder ({@link ImageFolder}, CelebA-HQ 256) or an LMDB database ({@link LsunLmdb}, LSUN Church 256).
 * ImageNet-100 ({@link ImageNet100}). Too large to hold in memory at full size, so {@link #read} serves single images
 * (for streaming) and {@link #load} the first few, or chosen ones, as an {@link ImageSet}.
 */
public interface ImageSource {
    /** Number of images. */
    int size();

    /** Where the images come from and at which resolution, for example "church_outdoor_train_lmdb@256". */
    String name();

    /** Side of the square output images. */
    int resolution();

    /**
     * Image {@code index} (0 to {@code size() - 1}, in the source's fixed order), preprocessed.
     *
     * @return 3 * resolution * resolution unsigned bytes, channel-major (C, H, W), as {@link ImageSet} stores them
     * @throws IOException naming the file or database entry when it cannot be read or decoded
     */
    byte[] read(int index) throws IOException;

    /**
     * The class label of image {@code index} (0 for the unconditional datasets, the class for {@link ImageNet100}).
     */
    default int label(int index) {
        return 0;
    }

    /**
     * The first {@code min(limit, size())} images as an {@link ImageSet} with their labels ({@link #label}), decoded in
     * parallel; named {@link #name()}, with "[:n]" appended when not all are loaded. One set holds at most 2^31 - 1
     * bytes: 10,922 images at 256 x 256.
     *
     * @throws IOException the error of the lowest-numbered image that fails
     */
    default ImageSet load(int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        int n = Math.min(limit, size());
        return load(IntStream.range(0, n).toArray(), n < size() ? name() + "[:" + n + "]" : name());
    }

    /**
     * The images {@code indices}, in that order, as an {@link ImageSet} named {@code name}, with their labels.
     *
     * @throws IOException the error of the first image (in {@code indices}' order) that fails
     * @throws IllegalArgumentException when the images do not fit in one set or a label is outside 0-255
     */
    default ImageSet load(int[] indices, String name) throws IOException {
        int n = indices.length;
        int imageBytes = 3 * resolution() * resolution();
        if ((long) n * imageBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name() + ": " + n + " images of 3x" + resolution() + "x" + resolution()
                    + " do not fit in one ImageSet (at most " + Integer.MAX_VALUE / imageBytes + "); load fewer or stream with read(i)");
        }
        byte[] pixels = new byte[n * imageBytes];
        byte[] labels = new byte[n];
        AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
        IOException[] failure = new IOException[1];
        IntStream.range(0, n).parallel().forEach(i -> {
            if (i > firstFailure.get()) {
                return;
            }
            try {
                byte[] image = read(indices[i]);
                System.arraycopy(image, 0, pixels, i * imageBytes, imageBytes);
            } catch (IOException e) {
                synchronized (failure) {
                    if (i < firstFailure.get()) {
                        firstFailure.set(i);
                        failure[0] = e;
                    }
                }
            }
        });
        synchronized (failure) {
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        for (int i = 0; i < n; i++) {
            int label = label(indices[i]);
            if (label < 0 || label > 255) {
                throw new IllegalArgumentException(name() + ": image " + indices[i] + " has label " + label
                        + ", an ImageSet stores 0-255");
            }
            labels[i] = (byte) label;
        }
        return new ImageSet(name, 3, resolution(), resolution(), pixels, labels);
    }
}
