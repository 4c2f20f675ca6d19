package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TorchCheckpoint} on tiny files written by PyTorch 1.13 ({@code src/test/resources/interop/make_checkpoints.py}
 * states every value), on broken files made here, and on the parity fixtures when present.
 */
class TorchCheckpointTest {
    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(TorchCheckpointTest.class.getResource("/interop/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyDtypeIsRebuiltWithItsShapeAndValues() throws IOException {
        Map<String, TorchTensor> sd = TorchCheckpoint.stateDict(resource("dtypes.pth"));
        assertEquals(List.of("f32", "f16", "bf16", "f64", "i64", "base", "view", "param", "sub"), List.copyOf(sd.keySet()),
                "keys in file order");
        TorchTensor f32 = sd.get("f32");
        assertEquals(TorchDtype.FLOAT32, f32.dtype());
        assertArrayEquals(new long[] {2, 3}, f32.shape());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, f32.toFloats());
        TorchTensor f16 = sd.get("f16");
        assertEquals(TorchDtype.FLOAT16, f16.dtype());
        assertArrayEquals(new long[] {3, 2}, f16.shape());
        assertArrayEquals(new float[] {-0.5f, -0.25f, 0, 0.25f, 0.5f, 0.75f}, f16.toFloats());
        TorchTensor bf16 = sd.get("bf16");
        assertEquals(TorchDtype.BFLOAT16, bf16.dtype());
        assertArrayEquals(new float[] {-2, -0.5f, 1, 2.5f}, bf16.toFloats());
        TorchTensor f64 = sd.get("f64");
        assertEquals(TorchDtype.FLOAT64, f64.dtype());
        for (int i = 0; i < 4; i++) {
            assertEquals(i / 8.0 + 1e-300, f64.getDouble(i), 0.0);
        }
        TorchTensor i64 = sd.get("i64");
        assertEquals(TorchDtype.INT64, i64.dtype());
        long[] longs = i64.toLongs();
        for (int i = 0; i < 5; i++) {
            assertEquals(i * 3L - (1L << 40), longs[i]);
        }
        assertArrayEquals(new float[] {0, 1, 2}, sd.get("param").toFloats(), "nn.Parameter");
        assertArrayEquals(new float[] {10, 11, 12}, sd.get("sub").toFloats(), "a Tensor subclass (__main__.Sub)");
    }

    @Test
    void aBigEndianFileIsReadByItsByteorderEntry() throws IOException {
        Map<String, TorchTensor> big = TorchCheckpoint.stateDict(resource("big.pth"));
        Map<String, TorchTensor> little = TorchCheckpoint.stateDict(resource("dtypes.pth"));
        for (String key : List.of("f32", "i64", "f16")) {
            assertEquals(little.get(key), big.get(key), key);
        }
    }

    @Test
    void aNonContiguousViewIsGatheredByOffsetAndStride() throws IOException {
        Map<String, TorchTensor> sd = TorchCheckpoint.stateDict(resource("dtypes.pth"));
        float[] base = sd.get("base").toFloats();
        TorchTensor view = sd.get("view");
        assertArrayEquals(new long[] {3, 2}, view.shape());
        // view = base.t()[1:4, ::2]: view[i][j] = base[2 j][1 + i], base 4x6
        float[] expected = new float[6];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                expected[i * 2 + j] = base[(2 * j) * 6 + 1 + i];
            }
        }
        assertArrayEquals(expected, view.toFloats());
        assertArrayEquals(new float[] {1, 13, 2, 14, 3, 15}, view.toFloats());
    }

    @Test
    void halfPrecisionConversionCoversSpecialValues() {
        assertEquals(65504f, TorchTensor.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, TorchTensor.halfToFloat((short) 0x0001), "smallest subnormal");
        assertEquals(-0.0f, TorchTensor.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, TorchTensor.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(TorchTensor.halfToFloat((short) 0x7e00)));
        assertEquals(-2f, TorchTensor.halfToFloat((short) 0xc000));
    }

    @Test
    void objectsOfUnknownClassesAreSkippedAndTheRestIsRead() throws IOException {
        Map<?, ?> root = assertInstanceOf(Map.class, TorchCheckpoint.read(resource("objects.pth")));
        for (String key : List.of("hparams", "counts", "counter", "window", "mylist", "mydict")) {
            assertInstanceOf(TorchCheckpoint.SkippedObject.class, root.get(key), key + " = " + root.get(key));
        }
        assertEquals("argparse.Namespace", ((TorchCheckpoint.SkippedObject) root.get("hparams")).className());
        assertEquals("collections.defaultdict", ((TorchCheckpoint.SkippedObject) root.get("counts")).className());
        assertEquals(java.util.Set.of("x", "y"), root.get("tags"));
        assertArrayEquals(new byte[] {0, 1}, (byte[]) root.get("raw"));
        assertEquals(7, root.get("epoch"));
        assertTrue(root.get("when") != null);
        assertEquals(List.of("weight"), List.copyOf(TorchCheckpoint.stateDict(resource("objects.pth")).keySet()));
    }

    @Test
    void theLegacyFormatIsRefusedByName() {
        Path legacy = resource("legacy.pth");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchCheckpoint.read(legacy));
        assertTrue(e.getMessage().contains(legacy.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("legacy torch.save format of PyTorch < 1.6"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(resource("dtypes.pth"));
        for (int keep : new int[] {whole.length / 2, whole.length - 30}) {
            Path cut = tmp.resolve("cut" + keep + ".pth");
            Files.write(cut, java.util.Arrays.copyOf(whole, keep));
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchCheckpoint.read(cut));
            assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void filesThatAreNotCheckpointsAreRefusedSayingWhatTheyAre() throws IOException {
        Path text = tmp.resolve("notes.pth");
        Files.writeString(text, "hello");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchCheckpoint.read(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a zip archive"), e.getMessage());
        Path empty = tmp.resolve("empty.pth");
        Files.write(empty, new byte[0]);
        e = assertThrows(CheckpointFormatException.class, () -> TorchCheckpoint.read(empty));
        assertTrue(e.getMessage().contains("an empty file"), e.getMessage());
        Path zip = tmp.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("x".getBytes());
            z.closeEntry();
        }
        e = assertThrows(CheckpointFormatException.class, () -> TorchCheckpoint.read(zip));
        assertTrue(e.getMessage().contains("without <name>/data.pkl") && e.getMessage().contains("readme.txt"),
                e.getMessage());
    }

    @Test
    void parityFixturesReadIncludingALightningCheckpointWithAnUnknownClass() throws IOException {
        Path dir = ParityFixturesOrSkip.directory("TorchCheckpointTest");
        Map<String, TorchTensor> d = TorchCheckpoint.stateDict(dir.resolve("D-small3-ngf16/weights.pth"));
        assertTrue(d.keySet().stream().allMatch(k -> k.startsWith("module.")), "DDP prefix kept by the reader");
        assertArrayEquals(new long[] {32, 8, 1, 1}, d.get("module.start_conv.weight").shape());
        Object root = TorchCheckpoint.read(dir.resolve("AE-kl-f2-ch32/weights.ckpt"));
        Map<?, ?> ckpt = assertInstanceOf(Map.class, root);
        TorchCheckpoint.SkippedObject hp = assertInstanceOf(TorchCheckpoint.SkippedObject.class, ckpt.get("hyper_parameters"));
        assertEquals("argparse.Namespace", hp.className());
        Map<String, TorchTensor> ae = TorchCheckpoint.stateDict(dir.resolve("AE-kl-f2-ch32/weights.ckpt"));
        assertArrayEquals(new long[] {64, 4, 3, 3}, ae.get("decoder.conv_in.weight").shape());
    }
}
