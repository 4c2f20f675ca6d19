package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lddgan.generator.NcsnppGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors export under the reference's keys: a bit-identical round trip, the header, and damaged files. */
class SafetensorsTest {
    @TempDir
    Path tmp;

    private static void assertBitIdentical(Block a, Block b) {
        List<ReferenceKeys.Entry> ea = ReferenceKeys.of(a);
        List<ReferenceKeys.Entry> eb = ReferenceKeys.of(b);
        assertEquals(ea.size(), eb.size());
        for (int i = 0; i < ea.size(); i++) {
            float[] x = ea.get(i).parameter().getArray().toFloatArray();
            float[] y = eb.get(i).parameter().getArray().toFloatArray();
            int[] bx = new int[x.length];
            int[] by = new int[y.length];
            for (int j = 0; j < x.length; j++) {
                bx[j] = Float.floatToRawIntBits(x[j]);
                by[j] = Float.floatToRawIntBits(y[j]);
            }
            assertArrayEquals(bx, by, ea.get(i).key());
        }
    }

    @Test
    void exportAndLoadRoundTripBitForBit() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NcsnppGenerator a = ReferenceWeightsTest.smallGenerator(manager);
            Path file = tmp.resolve("g.safetensors");
            Safetensors.export(a, file);
            assertTrue(Safetensors.looksLikeSafetensors(file));
            assertEquals("pt", Safetensors.metadata(file).get("format"));
            Map<String, TorchTensor> read = Safetensors.read(file);
            assertEquals(ReferenceWeights.stateDict(a), read, "tensors, keys and order as exported");
            NcsnppGenerator b = ReferenceWeightsTest.smallGenerator(manager);
            ReferenceWeights.load(b, file);
            assertBitIdentical(a, b);
            Path again = tmp.resolve("again.safetensors");
            Safetensors.export(b, again);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "the file itself is reproduced");
            // header: 8-byte size, JSON padded to 8
            byte[] bytes = Files.readAllBytes(file);
            long n = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, n % 8);
            String header = new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(header.contains("\"all_modules.0.weight\":{\"dtype\":\"F32\",\"shape\":[64,16],\"data_offsets\":[0,4096]}"),
                    header.substring(0, 200));
        }
    }

    @Test
    void theReferenceCheckpointComesBackUnderItsKeysBitForBit() throws IOException {
        Path dir = ParityFixturesOrSkip.directory("SafetensorsTest");
        for (String name : new String[] {"G-lddgan-cifar10-nf32", "D-small3-ngf16", "AE-kl-f2-ch32"}) {
            Path c = dir.resolve(name);
            Path weights = Files.exists(c.resolve("weights.pth")) ? c.resolve("weights.pth") : c.resolve("weights.ckpt");
            Map<String, TorchTensor> reference = ReferenceWeights.normalize(null, TorchCheckpoint.stateDict(weights));
            try (NDManager manager = NDManager.newBaseManager()) {
                ParityCheck.Built built = ParityCheck.build(manager, c);
                ReferenceWeights.load(built.network(), weights);
                Path file = tmp.resolve(name + ".safetensors");
                Safetensors.export(built.network(), file);
                Map<String, TorchTensor> exported = Safetensors.read(file);
                assertEquals(reference.keySet(), exported.keySet(), name);
                reference.forEach((k, t) -> assertEquals(t, exported.get(k), name + " " + k));
            }
        }
    }

    @Test
    void damagedFilesAreRefusedNamingTheFile() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = tmp.resolve("g.safetensors");
            Safetensors.export(ReferenceWeightsTest.smallGenerator(manager), file);
            byte[] bytes = Files.readAllBytes(file);
            Path cut = tmp.resolve("cut.safetensors");
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 10));
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Safetensors.read(cut));
            assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("data_offsets"), e.getMessage());
            Path head = tmp.resolve("head.safetensors");
            Files.write(head, java.util.Arrays.copyOf(bytes, 100));
            e = assertThrows(CheckpointFormatException.class, () -> Safetensors.read(head));
            assertTrue(e.getMessage().contains("header size"), e.getMessage());
        }
    }
}
