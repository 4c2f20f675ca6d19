package lddgan.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * NumPy's {@code .npz} (a zip of {@code <name>.npy}, stored or deflated: {@code numpy.savez} /
 * {@code savez_compressed}) and {@code .npy} format (NEP 1, "A simple file format for NumPy arrays"): the magic
 * {@code \x93NUMPY}, version 1.0 (2-byte header length) or 2.0 / 3.0 (4-byte), a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, then the elements.
 *
 * <p>Written because DJL's {@code NDList.decode}, which otherwise reads the fixtures' .npz, rejects a whole file when
 * one array is in Fortran order ("Invalid numpy header"). Reads the numeric dtypes of {@link TorchDtype} (f2, f4, f8,
 * i1-i8, u1, b1; bf16 has no NumPy code) in either byte order and C or Fortran order; arrays come back row-major
 * little-endian. Anything else (strings, objects, structured dtypes) is an error naming the file and the entry.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** NumPy's type codes of the dtypes read and written (bfloat16 has none). */
    private static final Map<String, TorchDtype> CODES = Map.of("f2", TorchDtype.FLOAT16, "f4", TorchDtype.FLOAT32,
            "f8", TorchDtype.FLOAT64, "i1", TorchDtype.INT8, "i2", TorchDtype.INT16, "i4", TorchDtype.INT32,
            "i8", TorchDtype.INT64, "u1", TorchDtype.UINT8, "b1", TorchDtype.BOOL);

    private Npz() {
    }

    /** Every array of an .npz file by name (the entry name without {@code .npy}), in file order. */
    public static Map<String, TorchTensor> read(Path file) throws IOException {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointFormatException(file, "not a readable .npz (zip) file: " + e.getMessage());
        }
        try (zip) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (!e.getName().endsWith(".npy")) {
                    continue;
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, readNpy(in.readAllBytes(), "entry " + e.getName()));
                } catch (IllegalArgumentException ex) {
                    throw new CheckpointFormatException(file, ex.getMessage());
                } catch (ZipException ex) {
                    throw new CheckpointFormatException(file, "entry " + e.getName() + " damaged (" + ex.getMessage() + ")");
                }
            }
        }
        return out;
    }

    /** Every array of an .npz file as arrays of {@code manager} in their own dtypes, named. */
    public static Map<String, NDArray> read(NDManager manager, Path file) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, TorchTensor> e : read(file).entrySet()) {
            NDArray a = e.getValue().toNDArray(manager);
            a.setName(e.getKey());
            out.put(e.getKey(), a);
        }
        return out;
    }

    /**
     * One .npy array.
     *
     * @param bytes the whole .npy content
     * @param what names the source in errors
     * @throws IllegalArgumentException when the content is not a supported .npy array
     */
    public static TorchTensor readNpy(byte[] bytes, String what) {
        if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, MAGIC, 0, 6)) {
            throw new IllegalArgumentException(what + ": not a .npy array (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLength = b.getInt(8);
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(what + ": unknown .npy version " + major);
        }
        if (headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw new IllegalArgumentException(what + ": header length " + headerLength + " past the end");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new IllegalArgumentException(what + ": unsupported .npy header " + header.strip());
        }
        TorchDtype dtype = dtype(descr.group(2) + descr.group(3), what);
        boolean bigEndian = descr.group(1).equals(">");
        long[] shape = java.util.Arrays.stream(shapeText.group(1).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        long numel = TorchTensor.numel(shape);
        int dataStart = headerStart + headerLength;
        long bytesNeeded = numel * dtype.bytes();
        if (bytes.length - dataStart < bytesNeeded) {
            throw new IllegalArgumentException(what + ": " + TorchTensor.shapeText(shape) + " " + dtype + " needs "
                    + bytesNeeded + " bytes of data, found " + (bytes.length - dataStart) + " (truncated)");
        }
        byte[] data = java.util.Arrays.copyOfRange(bytes, dataStart, Math.toIntExact(dataStart + bytesNeeded));
        if (bigEndian && dtype.bytes() > 1) {
            for (int i = 0; i < data.length; i += dtype.bytes()) {
                for (int x = i, y = i + dtype.bytes() - 1; x < y; x++, y--) {
                    byte t = data[x];
                    data[x] = data[y];
                    data[y] = t;
                }
            }
        }
        ByteBuffer storage = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long[] stride = new long[shape.length];
        long step = 1;
        boolean isFortran = fortran.group(1).equals("True");
        for (int k = 0; k < shape.length; k++) {
            int d = isFortran ? k : shape.length - 1 - k;
            stride[d] = step;
            step *= shape[d];
        }
        return TorchTensor.strided(dtype, storage, numel, 0, shape, stride);
    }

    /**
     * Writes arrays as an .npz file (atomically), as {@code numpy.savez_compressed} does: one deflated
     * {@code <name>.npy} entry per array, .npy version 1.0 with a little-endian C-order header padded to 64 bytes.
     * Entries carry a fixed time stamp (1980-01-01), so the same arrays always give the same bytes and SHA-256.
     *
     * @param arrays name to tensor, in entry order (numeric dtypes with a NumPy code)
     */
    public static Path write(Path file, Map<String, TorchTensor> arrays) throws IOException {
        return lddgan.io.AtomicFiles.write(file, out -> {
            java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out);
            zip.setMethod(java.util.zip.ZipOutputStream.DEFLATED);
            for (Map.Entry<String, TorchTensor> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
                zip.putNextEntry(entry);
                zip.write(npy(e.getValue()));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** One tensor as .npy (version 1.0) bytes. */
    public static byte[] npy(TorchTensor t) {
        String shape = t.shape().length == 1 ? "(" + t.shape()[0] + ",)"
                : "(" + String.join(", ", java.util.Arrays.stream(t.shape()).mapToObj(Long::toString).toList()) + ")";
        StringBuilder header = new StringBuilder("{'descr': '" + (t.dtype().bytes() == 1 ? "|" : "<") + code(t.dtype())
                + "', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((MAGIC.length + 4 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] head = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + head.length + t.data().remaining()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) head.length).put(head).put(t.data().duplicate());
        return b.array();
    }

    private static String code(TorchDtype dtype) {
        return CODES.entrySet().stream().filter(e -> e.getValue() == dtype).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(dtype + " has no NumPy dtype code"));
    }

    private static TorchDtype dtype(String code, String what) {
        TorchDtype dtype = CODES.get(code);
        if (dtype == null) {
            throw new IllegalArgumentException(what + ": unsupported dtype " + code);
        }
        return dtype;
    }
}
