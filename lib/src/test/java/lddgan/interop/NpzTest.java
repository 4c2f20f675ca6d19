package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Npz} on tiny files written by NumPy ({@code src/test/resources/interop/make_npz.py} states the values). */
class NpzTest {
    @TempDir
    Path tmp;

    @Test
    void namesDtypesShapesValuesOrdersAndByteOrders() throws IOException {
        Map<String, TorchTensor> a = Npz.read(TorchCheckpointTest.resource("arrays.npz"));
        assertEquals(List.of("x", "t", "d", "f", "b", "m", "h", "v2"), List.copyOf(a.keySet()));
        assertEquals(TorchDtype.FLOAT32, a.get("x").dtype());
        assertArrayEquals(new long[] {2, 3}, a.get("x").shape());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, a.get("x").toFloats());
        assertEquals(TorchDtype.INT64, a.get("t").dtype());
        assertArrayEquals(new long[] {3, 0, 1L << 40}, a.get("t").toLongs());
        assertEquals(0.1, a.get("d").getDouble(0), 0.0);
        assertEquals(1e-300, a.get("d").getDouble(1), 0.0);
        assertArrayEquals(new long[] {2, 3}, a.get("f").shape(), "Fortran order");
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.get("f").toFloats(), "Fortran order, row-major here");
        assertArrayEquals(new float[] {1.5f, -2f}, a.get("b").toFloats(), "big-endian");
        assertEquals(TorchDtype.BOOL, a.get("m").dtype());
        assertArrayEquals(new float[] {1, 0}, a.get("m").toFloats());
        assertArrayEquals(new float[] {0.5f, -0.25f}, a.get("h").toFloats(), "float16");
        assertArrayEquals(new float[] {7, 8}, a.get("v2").toFloats(), ".npy format 2.0");
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f},
                Npz.read(TorchCheckpointTest.resource("compressed.npz")).get("x").toFloats(), "savez_compressed");
    }

    @Test
    void asDjlArraysInTheirOwnDtypes() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> a = Npz.read(manager, TorchCheckpointTest.resource("arrays.npz"));
            assertEquals(DataType.INT64, a.get("t").getDataType());
            assertArrayEquals(new long[] {3, 0, 1L << 40}, a.get("t").toLongArray());
            assertEquals(new Shape(2, 3), a.get("f").getShape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.get("f").toFloatArray());
            assertEquals("x", a.get("x").getName());
            assertEquals(DataType.FLOAT16, a.get("h").getDataType());
            assertArrayEquals(new float[] {0.5f, -0.25f}, a.get("h").toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    @Test
    void unsupportedAndDamagedFilesNameTheFileAndEntry() throws IOException {
        Path objects = TorchCheckpointTest.resource("objects.npz");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Npz.read(objects));
        assertTrue(e.getMessage().contains(objects.toString()) && e.getMessage().contains("o.npy")
                && e.getMessage().contains("unsupported dtype O"), e.getMessage());
        byte[] whole = Files.readAllBytes(TorchCheckpointTest.resource("compressed.npz"));
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(CheckpointFormatException.class, () -> Npz.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        byte[] npy = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 70, 0};
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }";
        byte[] content = new byte[10 + 70 + 8];
        System.arraycopy(npy, 0, content, 0, 10);
        byte[] h = String.format("%-69s\n", header).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, content, 10, 70);
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Npz.readNpy(content, "short.npy"));
        assertTrue(t.getMessage().contains("truncated") && t.getMessage().startsWith("short.npy"), t.getMessage());
    }

    @Test
    void writtenEntriesAreTheBytesNumPyWrites() throws IOException {
        Path file = TorchCheckpointTest.resource("arrays.npz");
        Map<String, TorchTensor> a = Npz.read(file);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            // C-order little-endian entries of numpy.savez: header, padding to 64 bytes and data byte for byte
            for (String name : List.of("x", "t", "d", "m", "h")) {
                byte[] numpy = zip.getInputStream(zip.getEntry(name + ".npy")).readAllBytes();
                assertArrayEquals(numpy, Npz.npy(a.get(name)), name);
            }
        }
    }

    @Test
    void roundTripIsBitIdenticalAndRepeatable() throws IOException {
        Map<String, TorchTensor> a = new java.util.LinkedHashMap<>(Npz.read(TorchCheckpointTest.resource("arrays.npz")));
        a.remove("v2");
        Path one = Npz.write(tmp.resolve("one.npz"), a);
        Map<String, TorchTensor> back = Npz.read(one);
        assertEquals(a.keySet(), back.keySet());
        for (String name : a.keySet()) {
            assertEquals(a.get(name), back.get(name), name);
        }
        Path two = Npz.write(tmp.resolve("two.npz"), a);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), "same arrays, same bytes (fixed time stamps)");
    }
}
