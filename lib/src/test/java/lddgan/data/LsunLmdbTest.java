package lddgan.data;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static lddgan.data.ImageFixtures.assertMessageContains;
import static lddgan.data.ImageFixtures.assertNotFound;
import static lddgan.data.ImageFixtures.pixel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/** {@link LsunLmdb} on small databases written here with lmdbjava, as LSUN's export is laid out. */
class LsunLmdbTest {
    @TempDir
    Path tmp;

    /** Writes {@code entries} (key -> value) into a new LMDB environment in {@code folder}, in the map's order. */
    private static Path writeDatabase(Path folder, Map<byte[], byte[]> entries) throws IOException {
        Files.createDirectories(folder);
        try (Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(64L << 20).setMaxDbs(1).open(folder.toFile())) {
            Dbi<byte[]> dbi = env.openDbi((byte[]) null);
            try (Txn<byte[]> txn = env.txnWrite()) {
                entries.forEach((k, v) -> dbi.put(txn, k, v));
                txn.commit();
            }
        }
        return folder;
    }

    private static byte[] key(String text) {
        return text.getBytes(US_ASCII);
    }

    /** Three entries written out of key order: PNG, JPEG and WebP values as the official export holds. */
    private Path churchLike() throws IOException {
        Map<byte[], byte[]> entries = new LinkedHashMap<>();
        entries.put(key("c9f0e1d2"), ImageFixtures.resource("lossy-40x30.webp"));
        entries.put(key("0a1b2c3d"), ImageFixtures.png(ImageFixtures.solid(60, 40, 0xC81E5A)));
        entries.put(key("7f00aa11"), ImageFixtures.jpeg(ImageFixtures.solid(40, 64, 0x1E5AC8)));
        return writeDatabase(tmp.resolve("church_outdoor_train_lmdb"), entries);
    }

    @Test
    void readsEntriesInKeyOrderWithTheReferencePreprocessing() throws IOException {
        Path folder = churchLike();
        try (LsunLmdb db = LsunLmdb.open(folder, 16)) {
            assertEquals(3, db.size());
            assertEquals("church_outdoor_train_lmdb@16", db.name());
            assertEquals(List.of("0a1b2c3d", "7f00aa11", "c9f0e1d2"), List.of(db.key(0), db.key(1), db.key(2)));
            assertArrayEquals(new int[] {0xC8, 0x1E, 0x5A}, pixel(db.read(0), 16, 5, 9));
            int[] jpeg = pixel(db.read(1), 16, 8, 8);
            assertTrue(Math.abs(jpeg[0] - 0x1E) <= 3 && Math.abs(jpeg[1] - 0x5A) <= 3 && Math.abs(jpeg[2] - 0xC8) <= 3,
                    Arrays.toString(jpeg));
            byte[] webp = ImagePreprocessing.resizeCenterCrop(
                    ImagePreprocessing.decode(ImageFixtures.resource("lossy-40x30.webp"), "fixture"), 16);
            assertArrayEquals(webp, db.read(2));
            assertArrayEquals(ImageFixtures.resource("lossy-40x30.webp"), db.encoded(2));

            ImageSet two = db.load(2);
            assertEquals("church_outdoor_train_lmdb@16[:2]", two.name());
            assertEquals(2, two.size());
            assertEquals(16, two.width());
            assertArrayEquals(db.read(1), Arrays.copyOfRange(two.pixels(), 768, 1536));
            ImageSet all = db.load(10);
            assertEquals(3, all.size());
            assertEquals("church_outdoor_train_lmdb@16", all.name());
            assertArrayEquals(new byte[3], all.labels());
        }
    }

    @Test
    void losslessWebpValueMatchesPilBitForBit() throws IOException {
        Path folder = writeDatabase(tmp.resolve("db"), Map.of(key("only"), ImageFixtures.resource("lossless-45x28.webp")));
        try (LsunLmdb db = LsunLmdb.open(folder, 32)) {
            byte[] pil = ImagePreprocessing.resizeCenterCrop(ImageFixtures.resourceImage("pil-expected-45x28-r32.png"), 32);
            assertArrayEquals(pil, db.read(0));
        }
    }

    @Test
    void aDataMdbFileOpensWithoutItsFolderAndNoLockFileIsCreated() throws IOException {
        Path source = churchLike();
        Path readOnlyCopy = Files.createDirectories(tmp.resolve("media/church_outdoor_train_lmdb"));
        Files.copy(source.resolve("data.mdb"), readOnlyCopy.resolve("data.mdb"));
        try (LsunLmdb db = LsunLmdb.open(readOnlyCopy.resolve("data.mdb"), 8)) {
            assertEquals(3, db.size());
            assertEquals("church_outdoor_train_lmdb@8", db.name());
            assertEquals(3 * 64, db.read(2).length);
        }
        try (LsunLmdb db = LsunLmdb.open(readOnlyCopy, 8)) {
            assertEquals("0a1b2c3d", db.key(0));
        }
        try (Stream<Path> files = Files.list(readOnlyCopy)) {
            assertEquals(List.of("data.mdb"), files.map(p -> p.getFileName().toString()).toList(), "MDB_NOLOCK: no lock.mdb");
        }
    }

    @Test
    void aCorruptEntryIsNamedByKeyAndDatabase() throws IOException {
        Map<byte[], byte[]> entries = new LinkedHashMap<>();
        entries.put(key("aaa-good"), ImageFixtures.png(ImageFixtures.solid(20, 20, 0x808080)));
        entries.put(key("bbb-not-an-image"), "<html>gone</html>".getBytes(US_ASCII));
        byte[] webp = ImageFixtures.resource("lossy-40x30.webp");
        entries.put(key("ccc-truncated"), Arrays.copyOf(webp, webp.length / 2));
        entries.put(new byte[] {0x01, (byte) 0xFF}, new byte[] {1, 2, 3});
        Path folder = writeDatabase(tmp.resolve("broken_lmdb"), entries);
        try (LsunLmdb db = LsunLmdb.open(folder, 8)) {
            assertEquals(4, db.size());
            assertEquals("0x01ff", db.key(0));
            assertEquals(3 * 64, db.read(1).length);
            for (int i : new int[] {0, 2, 3}) {
                IOException e = assertThrows(IOException.class, () -> db.read(i));
                assertMessageContains(e, folder.toString(), "'" + db.key(i) + "'", "expected a PNG, JPEG or WebP image");
            }
            IOException e = assertThrows(IOException.class, () -> db.load(4));
            assertTrue(e.getMessage().contains("'0x01ff'"), "the lowest failing entry is named: " + e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotLmdbIsRefusedWithItsPath() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("fake_lmdb"));
        byte[] noise = new byte[64 * 1024];
        new Random(3).nextBytes(noise);
        Files.write(folder.resolve("data.mdb"), noise);
        IOException e = assertThrows(IOException.class, () -> LsunLmdb.open(folder, 256));
        assertMessageContains(e, folder.toString(), "not an LMDB database");

        Path tiny = Files.write(tmp.resolve("tiny.mdb"), "hello".getBytes(US_ASCII));
        IOException tooShort = assertThrows(IOException.class, () -> LsunLmdb.open(tiny, 256));
        assertMessageContains(tooShort, tiny.toString(), "too short");

        Path png = Files.write(tmp.resolve("image.png"), ImageFixtures.png(ImageFixtures.solid(100, 100, 0x123456)));
        IOException image = assertThrows(IOException.class, () -> LsunLmdb.open(png, 256));
        assertMessageContains(image, png.toString(), "not an LMDB database");
    }

    @Test
    void aTruncatedDatabaseIsRefusedBeforeItIsMapped() throws IOException {
        Map<byte[], byte[]> entries = new LinkedHashMap<>();
        Random random = new Random(11);
        for (int i = 0; i < 12; i++) {
            byte[] value = new byte[40_000];
            random.nextBytes(value);
            entries.put(key(String.format("%04d", i)), value);
        }
        Path whole = writeDatabase(tmp.resolve("whole"), entries);
        byte[] data = Files.readAllBytes(whole.resolve("data.mdb"));
        Path cut = Files.createDirectories(tmp.resolve("cut_lmdb"));
        Files.write(cut.resolve("data.mdb"), Arrays.copyOf(data, data.length / 2));
        IOException e = assertThrows(IOException.class, () -> LsunLmdb.open(cut, 256));
        assertMessageContains(e, cut.toString(), "truncated");
        try (LsunLmdb db = LsunLmdb.open(whole, 256)) {
            assertEquals(12, db.size());
            assertEquals("0011", db.key(11));
        }
    }

    @Test
    void damagedPagesGiveAnErrorNotACrash() throws IOException {
        Map<byte[], byte[]> entries = new LinkedHashMap<>();
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            byte[] value = new byte[100 + random.nextInt(20_000)];
            random.nextBytes(value);
            entries.put(key(String.format("%040x", i * 7919L)), value);
        }
        Path whole = writeDatabase(tmp.resolve("whole"), entries);
        try (LsunLmdb db = LsunLmdb.open(whole, 8)) {
            assertEquals(300, db.size());
            if (Files.isReadable(Path.of("/proc/self/maps"))) {
                assertTrue(db.mapChecked(), "on Linux every copy out of the map is bounds-checked");
            }
        }
        byte[] data = Files.readAllBytes(whole.resolve("data.mdb"));
        // every page after the two meta pages overwritten: LMDB follows node offsets of 0x5A5A; the keys it returns
        // are caught (outside the file, or out of order) before anything is read from beyond the map
        byte[] flooded = data.clone();
        Arrays.fill(flooded, 8192, flooded.length, (byte) 0x5A);
        Path bad = Files.createDirectories(tmp.resolve("flooded_lmdb"));
        Files.write(bad.resolve("data.mdb"), flooded);
        IOException e = assertThrows(IOException.class, () -> LsunLmdb.open(bad, 8));
        assertMessageContains(e, bad.toString(), "damaged");
        // random bytes in the tree: LMDB's own checks (page not found, wrong page type)
        byte[] noisy = data.clone();
        Random noise = new Random(1);
        for (int i = 8192; i < noisy.length; i++) {
            noisy[i] = (byte) noise.nextInt();
        }
        Path worse = Files.createDirectories(tmp.resolve("noisy_lmdb"));
        Files.write(worse.resolve("data.mdb"), noisy);
        IOException f = assertThrows(IOException.class, () -> LsunLmdb.open(worse, 8));
        assertMessageContains(f, worse.toString(), "damaged");
    }

    @Test
    void missingPathsEmptyDatabasesAndClosingAreClear() throws IOException {
        Path missing = tmp.resolve("church_outdoor_train_lmdb");
        assertNotFound(() -> LsunLmdb.open(missing, 256), missing);

        Path noData = Files.createDirectories(tmp.resolve("no_data_lmdb"));
        NoSuchFileException noFile = assertThrows(NoSuchFileException.class, () -> LsunLmdb.open(noData, 256));
        assertMessageContains(noFile, noData.toString(), "data.mdb");

        Path empty = writeDatabase(tmp.resolve("empty_lmdb"), Map.of());
        IOException none = assertThrows(IOException.class, () -> LsunLmdb.open(empty, 256));
        assertMessageContains(none, empty.toString(), "no entries");

        LsunLmdb db = LsunLmdb.open(churchLike(), 8);
        db.close();
        db.close();
        assertThrows(IllegalStateException.class, () -> db.read(0));
        assertThrows(IndexOutOfBoundsException.class, () -> db.key(3));
    }
}
