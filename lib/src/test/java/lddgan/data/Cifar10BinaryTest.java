package lddgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BinaryTest {
    @TempDir
    Path tmp;

    @Test
    void readsWhatWasWrittenInTheOfficialLayout() throws IOException {
        ImageSet images = SyntheticImages.generate(7, 32, 3);
        Path file = tmp.resolve("data_batch_1.bin");
        Files.write(file, Cifar10Binary.encode(images));
        assertEquals(7 * 3073, Files.size(file));
        ImageSet back = Cifar10Binary.read(file);
        assertEquals(7, back.size());
        assertArrayEquals(images.pixels(), back.pixels());
        assertArrayEquals(images.labels(), back.labels());
        // record layout: label byte, then the red plane (1024 bytes), green, blue
        byte[] raw = Files.readAllBytes(file);
        assertEquals(images.labels()[1], raw[3073]);
        assertEquals(images.pixels()[3072 + 1024], raw[3073 + 1 + 1024]);
    }

    @Test
    void truncatedFileNamesTheFileAndItsSize() throws IOException {
        Path file = tmp.resolve("data_batch_2.bin");
        byte[] bytes = Cifar10Binary.encode(SyntheticImages.generate(3, 32, 1));
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        IOException e = assertThrows(IOException.class, () -> Cifar10Binary.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains((bytes.length - 100) + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void malformedLabelIsRefused() throws IOException {
        Path file = tmp.resolve("bad.bin");
        byte[] bytes = Cifar10Binary.encode(SyntheticImages.generate(2, 32, 1));
        bytes[3073] = 42;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> Cifar10Binary.read(file));
        assertTrue(e.getMessage().contains("record 1") && e.getMessage().contains("label 42"), e.getMessage());
    }

    @Test
    void missingFileSaysHowToGetIt() {
        IOException e = assertThrows(IOException.class, () -> Cifar10Binary.read(tmp.resolve("none.bin")));
        assertTrue(e.getMessage().contains("make data"), e.getMessage());
    }

    @Test
    void batchesAreScaledToMinusOneOne() {
        byte[] px = new byte[3 * 2 * 2];
        px[0] = 0;
        px[1] = (byte) 255;
        px[2] = (byte) 128;
        ImageSet s = new ImageSet("hand", 3, 2, 2, px, new byte[] {4});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray b = s.batch(m, 0, 1);
            assertEquals(new ai.djl.ndarray.types.Shape(1, 3, 2, 2), b.getShape());
            float[] v = b.toFloatArray();
            assertEquals(-1f, v[0], 1e-6);
            assertEquals(1f, v[1], 1e-6);
            assertEquals(128 / 127.5f - 1, v[2], 1e-6);
            assertEquals(4, s.labelBatch(m, 0, 1).toIntArray()[0]);
        }
    }

    @Test
    void syntheticImagesAreDeterministicAndCoverTheClasses() {
        ImageSet a = SyntheticImages.generate(200, 32, 9);
        ImageSet b = SyntheticImages.generate(200, 32, 9);
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(10, java.util.stream.IntStream.range(0, a.size()).map(a::label).distinct().count());
        assertTrue(!Arrays.equals(a.pixels(), SyntheticImages.generate(200, 32, 10).pixels()));
    }

    @Test
    void sharedRealSubsetHasTheDocumentedCounts() throws IOException {
        Path shared = lddgan.config.ProjectPaths.root().resolve("../shared/data/cifar10-subset").normalize();
        assumeTrue(Files.isDirectory(shared), "no shared CIFAR-10 subset on this machine");
        Cifar10 c = new Cifar10(shared);
        assertEquals(5170, c.train().size());
        assertEquals(1017, c.test().size());
        assertTrue(!c.isFull());
    }
}
