package lddgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the official CIFAR-10 "binary version": each record is 1 label byte (0-9) then 1024 red,
 * 1024 green and 1024 blue bytes of a 32x32 image, row-major. A file may hold any number of records
 * (the full dataset has 10,000 per batch file; the shared subset fewer).
 */
public final class Cifar10Binary {
    /** Bytes per record: 1 label + 3 * 32 * 32 pixels. */
    public static final int RECORD_BYTES = 3073;
    /** Image side. */
    public static final int SIDE = 32;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private Cifar10Binary() {
    }

    /**
     * Reads one batch file.
     *
     * @throws IOException naming the file when it is missing, empty, truncated (size not a multiple of
     *     {@value #RECORD_BYTES}) or holds a label outside 0-9
     */
    public static ImageSet read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "CIFAR-10 batch file not found (run `make data`, or set LDDGAN_DATA_DIR)");
        }
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new IOException("CIFAR-10 file " + file + " has " + size + " bytes, which is not a positive multiple of the "
                    + RECORD_BYTES + "-byte record (1 label + 3072 pixels): the file is truncated or not a CIFAR-10 binary batch ("
                    + (size / RECORD_BYTES) + " whole records and " + (size % RECORD_BYTES) + " bytes left over)");
        }
        if (size > Integer.MAX_VALUE) {
            throw new IOException("CIFAR-10 file " + file + " is too large (" + size + " bytes) for one batch");
        }
        byte[] raw = Files.readAllBytes(file);
        int n = (int) (size / RECORD_BYTES);
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * (RECORD_BYTES - 1)];
        for (int i = 0; i < n; i++) {
            int label = Byte.toUnsignedInt(raw[i * RECORD_BYTES]);
            if (label >= CLASSES) {
                throw new IOException("CIFAR-10 file " + file + ": record " + i + " (byte offset " + ((long) i * RECORD_BYTES)
                        + ") has label " + label + ", expected 0-9: not a CIFAR-10 binary batch");
            }
            labels[i] = (byte) label;
            System.arraycopy(raw, i * RECORD_BYTES + 1, pixels, i * (RECORD_BYTES - 1), RECORD_BYTES - 1);
        }
        return new ImageSet(file.getFileName().toString(), 3, SIDE, SIDE, pixels, labels);
    }

    /** Reads several batch files into one set, in order. */
    public static ImageSet read(String name, List<Path> files) throws IOException {
        List<ImageSet> sets = new ArrayList<>();
        for (Path f : files) {
            sets.add(read(f));
        }
        return ImageSet.concat(name, sets.toArray(ImageSet[]::new));
    }

    /** Encodes images back into the binary record layout (for tests and for writing subsets). */
    public static byte[] encode(ImageSet set) {
        if (set.channels() != 3 || set.height() != SIDE || set.width() != SIDE) {
            throw new IllegalArgumentException("CIFAR-10 records hold 3x32x32 images, got " + set.shapeText());
        }
        byte[] out = new byte[set.size() * RECORD_BYTES];
        for (int i = 0; i < set.size(); i++) {
            out[i * RECORD_BYTES] = set.labels()[i];
            System.arraycopy(set.pixels(), i * (RECORD_BYTES - 1), out, i * RECORD_BYTES + 1, RECORD_BYTES - 1);
        }
        return out;
    }
}
