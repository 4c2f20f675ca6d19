package lddgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download and unpack path of `make data`, exercised on archives made here (no network). */
class DownloadTest {
    @TempDir
    Path tmp;

    @Test
    void sha256OfKnownContent() throws IOException {
        Path f = tmp.resolve("abc.txt");
        Files.writeString(f, "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Download.sha256(f));
    }

    @Test
    void fetchKeepsOnlyVerifiedContent() throws IOException {
        Path src = tmp.resolve("src.bin");
        Files.write(src, new byte[] {1, 2, 3, 4});
        String sha = Download.sha256(src);
        Path target = tmp.resolve("out/target.bin");
        Download.fetch(src.toUri(), target, sha);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Files.readAllBytes(target));

        Path other = tmp.resolve("out/other.bin");
        String wrong = "0".repeat(64);
        IOException e = assertThrows(IOException.class, () -> Download.fetch(src.toUri(), other, wrong));
        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(sha), e.getMessage());
        assertFalse(Files.exists(other));
        try (var s = Files.list(tmp.resolve("out"))) {
            assertEquals(1, s.count(), "no partial file left behind");
        }
    }

    @Test
    void unreachableSourceChangesNothing() {
        Path target = tmp.resolve("never.bin");
        IOException e = assertThrows(IOException.class,
                () -> Download.fetch(tmp.resolve("missing.tar.gz").toUri(), target, "0".repeat(64)));
        assertTrue(e.getMessage().contains("Could not download"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void verifyNamesFileAndExpectedDigest() throws IOException {
        Path f = tmp.resolve("weights.pt");
        Files.writeString(f, "not the weights");
        String expected = "1".repeat(64);
        IOException e = assertThrows(IOException.class, () -> Download.verify(f, expected, "Run `make weights`."));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(expected), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Download.verify(tmp.resolve("none.pt"), expected, "Run `make weights`."));
        assertTrue(missing.getMessage().contains("Missing") && missing.getMessage().contains(expected));
    }

    @Test
    void installUnpacksAGeneratedCifarArchive() throws IOException {
        ImageSet train = SyntheticImages.generate(5, 32, 1);
        ImageSet test = SyntheticImages.generate(3, 32, 2);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (int i = 1; i <= 5; i++) {
            tarEntry(tar, "cifar-10-batches-bin/data_batch_" + i + ".bin", Cifar10Binary.encode(train));
        }
        tarEntry(tar, "cifar-10-batches-bin/test_batch.bin", Cifar10Binary.encode(test));
        tarEntry(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
        tar.write(new byte[1024]);
        Path archive = tmp.resolve("upstream.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(tar.toByteArray());
        }
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path dir = Cifar10Download.install(archive.toUri(), Download.sha256(archive), data);
        Cifar10 c = new Cifar10(dir);
        assertEquals(25, c.train().size());
        assertArrayEquals(test.pixels(), c.test().pixels());
        try (var s = Files.list(data)) {
            assertEquals(2, s.count(), "only the archive and the unpacked folder remain");
        }
    }

    private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] content) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        tar.write(h);
        tar.write(content);
        tar.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
