package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pytorch-fid's Inception-v3: its layout, the pooling it needs, and what a wrong or missing file says. */
class FidInceptionV3Test {
    @TempDir
    Path tmp;

    @Test
    void theLayoutIsTorchvisionsWithPublishedCounts() {
        // 94 BasicConv2d layers x (weight + 4 BatchNorm arrays + num_batches_tracked) + fc weight and bias
        assertEquals(94, FidInceptionV3.CONVS.size());
        assertEquals(566, FidInceptionV3.expectedKeys().size());
        assertEquals(23_850_960, FidInceptionV3.parameterCount(), "the parity fixture's config.json count");
        assertEquals(new Shape(192, 2048, 1, 1), FidInceptionV3.expectedKeys().get("Mixed_7c.branch_pool.conv.weight"));
    }

    @Test
    void averagePoolingLeavesThePaddingOutOfTheMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(16f).reshape(1, 1, 4, 4);
            float[] y = FidInceptionV3.avgPool3(x).toFloatArray();
            assertEquals((0 + 1 + 4 + 5) / 4f, y[0], 1e-5f, "corner: 4 taps");
            assertEquals((0 + 1 + 2 + 4 + 5 + 6) / 6f, y[1], 1e-5f, "edge: 6 taps");
            assertEquals((0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10) / 9f, y[5], 1e-5f, "inside: 9 taps");
        }
    }

    @Test
    void anotherNetworksStateDictIsRefusedNamingTheKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> wrong = new HashMap<>();
            wrong.put("module.conv_1.weight", m.zeros(new Shape(8, 3, 3, 3)));
            wrong.put("fc.weight", m.zeros(new Shape(10, 2048)));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> FidInceptionV3.of(wrong, "G.pth", "0".repeat(64), Device.cpu()));
            String msg = e.getMessage();
            assertTrue(msg.startsWith("G.pth is not pytorch-fid's Inception-v3"), msg);
            assertTrue(msg.contains("565 missing [Conv2d_1a_3x3.bn.bias"), msg);
            assertTrue(msg.contains("1 unexpected [module.conv_1.weight]"), msg);
            assertTrue(msg.contains("1 mis-shaped [fc.weight (10, 2048) (expected (1008, 2048))]"), msg);
        }
    }

    private FidInceptionWeights weightsAt(Path file, String digest) {
        return new FidInceptionWeights(file, digest, URI.create(FidInceptionWeights.DEFAULT_URL));
    }

    @Test
    void aMissingFileNamesThePathTheDigestAndTheCommand() {
        Path file = tmp.resolve(FidInceptionWeights.FILE_NAME);
        var e = assertThrows(IOException.class, () -> weightsAt(file, FidInceptionWeights.SHA256_PREFIX).verify());
        String msg = e.getMessage();
        assertTrue(msg.contains(file.toString()) && msg.contains("a SHA-256 starting with 6726825d")
                && msg.contains("make weights"), msg);
    }

    @Test
    void theHashPrefixOfTheNameIsChecked() throws IOException {
        Path file = Files.writeString(tmp.resolve(FidInceptionWeights.FILE_NAME), "not the network");
        var e = assertThrows(IOException.class, () -> weightsAt(file, FidInceptionWeights.SHA256_PREFIX).verify());
        assertTrue(e.getMessage().contains("starting with 6726825d was expected"), e.getMessage());
        String actual = lddgan.data.Download.sha256(file);
        assertEquals(actual, weightsAt(file, actual.substring(0, 8)).verify(), "a matching prefix passes");
        assertEquals(actual, weightsAt(file, actual).verify(), "so does the full digest");
        assertThrows(IOException.class, () -> weightsAt(file, "f" + actual.substring(1)).verify());
    }
}
