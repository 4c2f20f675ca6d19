package lddgan.data;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import jnr.ffi.Pointer;
import jnr.ffi.provider.MemoryManager;
import org.lmdbjava.BufferProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * LSUN in its official LMDB export (for example {@code church_outdoor_train_lmdb/}, 126,227 entries): keys are image
 * ids, values encoded images (WebP in the official export; PNG and JPEG are accepted too). Image {@code i} is the
 * {@code i}-th entry in key order (LMDB's cursor order, byte-wise), the order of the reference code's
 * {@code datasets_prep/lsun.py} ({@code [key for key, _ in txn.cursor()]}); the reference trains LSUN Church on the
 * first 120,000 ({@code Subset(train_data, range(0, 120000))}), which {@code load(120_000)} or {@code read(0..119_999)}
 * give.
 *
 * <p>Each image is preprocessed as the reference code does (DDGAN/LDDGAN {@code train_ddgan.py}, LSUN:
 * {@code Resize(256)}, {@code CenterCrop(256)}, then {@code ToTensor} + {@code Normalize(0.5, 0.5)} to [-1, 1] in
 * {@link ImageSet#batch}; the {@code RandomHorizontalFlip} is a training-time augmentation); see
 * {@link ImagePreprocessing} for the exact arithmetic.
 *
 * <p>The database is opened read-only without a lock file ({@code MDB_RDONLY}, {@code MDB_NOLOCK}, also
 * {@code MDB_NORDAHEAD} as torchvision's {@code readahead=False}), so it may lie on read-only media; a path to a
 * {@code data.mdb} file rather than its folder is opened with {@code MDB_NOSUBDIR}. Before LMDB maps the file, its two
 * meta pages are checked (magic number, version, and that the file is as long as the database says), so a file that
 * is not LMDB or is truncated is refused with an {@link IOException} instead of crashing the JVM on a page beyond the
 * end of the file. Keys are listed without touching the values, so opening reads only the tree's pages. LMDB trusts
 * its pages, so damage inside them is looked for on the way: keys must come in strictly increasing byte order and be as
 * many as the database records, and (on Linux) every key and value must lie inside the mapped file before it is
 * copied; damaged values themselves fail to decode, naming their key.
 *
 * <p>Uses lmdbjava with its bundled liblmdb and an own zero-copy buffer proxy over jnr-ffi: no {@code --add-opens}
 * is needed on Java 17+. Reads are thread-safe (one read transaction per call); close only when no read is under way.
 */
public final class LsunLmdb implements ImageSource, AutoCloseable {
    /** LMDB's meta page magic number ({@code MDB_MAGIC}). */
    static final int MAGIC = 0xBEEFC0DE;
    /** LMDB's data format version ({@code MDB_DATA_VERSION}, LMDB 0.9.x). */
    static final int DATA_VERSION = 1;

    private final Path path;
    private final int resolution;
    private final String name;
    private final Env<Slice> env;
    private final Dbi<Slice> dbi;
    private final List<byte[]> keys;
    private final MapBounds bounds;
    private volatile boolean closed;

    private LsunLmdb(Path path, int resolution, String name, Env<Slice> env, Dbi<Slice> dbi, List<byte[]> keys, MapBounds bounds) {
        this.path = path;
        this.resolution = resolution;
        this.name = name;
        this.env = env;
        this.dbi = dbi;
        this.keys = keys;
        this.bounds = bounds;
    }

    /**
     * Where LMDB mapped the file (Linux: read from {@code /proc/self/maps}, the mappings of the file's inode that
     * appeared while the environment opened, cut to the file's length): every key and value is checked to lie inside
     * before it is copied, so a damaged page yields an {@link IOException} rather than a crash of the JVM. Where the
     * mappings cannot be read (other systems) nothing is checked.
     */
    private record MapBounds(long[] starts, long[] ends) {
        static final MapBounds UNKNOWN = new MapBounds(new long[0], new long[0]);

        void check(long address, long length, String what) throws IOException {
            if (starts.length == 0) {
                return;
            }
            for (int i = 0; i < starts.length; i++) {
                if (address >= starts[i] && length >= 0 && length <= ends[i] - address) {
                    return;
                }
            }
            throw new IOException(what + " (" + length + " bytes at 0x" + Long.toHexString(address) + ") lies outside the "
                    + "database file as LMDB mapped it: the database is damaged");
        }

        /** The mappings at offset 0 of the file's inode now, as "start-end" strings; empty where unknown. */
        static List<String> mappings(Path dataFile) {
            Path maps = Path.of("/proc/self/maps");
            try {
                String inode = String.valueOf(Files.getAttribute(dataFile, "unix:ino"));
                String fileName = dataFile.getFileName().toString();
                List<String> found = new ArrayList<>();
                for (String line : Files.readAllLines(maps, US_ASCII)) {
                    String[] f = line.trim().split("\\s+", 6);
                    if (f.length == 6 && f[4].equals(inode) && Long.parseLong(f[2], 16) == 0 && f[5].endsWith(fileName)) {
                        found.add(f[0]);
                    }
                }
                return found;
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }

        /** The mappings that appeared since {@code before}, each cut to {@code fileSize} bytes. */
        static MapBounds opened(Path dataFile, List<String> before, long fileSize) {
            List<String> added = new ArrayList<>(mappings(dataFile));
            added.removeAll(before);
            long[] starts = new long[added.size()];
            long[] ends = new long[added.size()];
            for (int i = 0; i < added.size(); i++) {
                String[] range = added.get(i).split("-");
                starts[i] = Long.parseUnsignedLong(range[0], 16);
                ends[i] = Math.min(Long.parseUnsignedLong(range[1], 16), starts[i] + fileSize);
            }
            return starts.length == 0 ? UNKNOWN : new MapBounds(starts, ends);
        }
    }

    /**
     * Opens the database read-only and lists its keys; decodes nothing yet.
     *
     * @param path the database folder (holding {@code data.mdb}) or the {@code data.mdb} file itself
     * @param resolution side of the square output images (256 for LSUN Church 256)
     * @throws IOException naming the path when it does not exist, holds no {@code data.mdb}, is not an LMDB database,
     *     is truncated or damaged, or holds no entry
     */
    public static LsunLmdb open(Path path, int resolution) throws IOException {
        ImagePreprocessing.checkResolution(resolution);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "LSUN LMDB database not found (expected a folder holding data.mdb, "
                    + "such as church_outdoor_train_lmdb/, or a data.mdb file)");
        }
        boolean folder = Files.isDirectory(path);
        Path dataFile = folder ? path.resolve("data.mdb") : path;
        if (folder && !Files.isRegularFile(dataFile)) {
            throw new NoSuchFileException(dataFile.toString(), null, "the folder " + path + " holds no data.mdb: not an LMDB "
                    + "database folder (expected LSUN's <category>_<split>_lmdb/ folder)");
        }
        long fileSize = checkHeader(dataFile, path);
        Path named = folder ? path : path.toAbsolutePath().getParent();
        String name = (named == null || named.getFileName() == null ? path.toString() : named.getFileName().toString()) + "@" + resolution;

        Env<Slice> env = null;
        try {
            EnumSet<EnvFlags> flags = EnumSet.of(EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOLOCK, EnvFlags.MDB_NORDAHEAD, EnvFlags.MDB_NOTLS);
            if (!folder) {
                flags.add(EnvFlags.MDB_NOSUBDIR);
            }
            List<String> mappedBefore = MapBounds.mappings(dataFile);
            env = Env.create(SliceProxy.INSTANCE).setMapSize(fileSize).setMaxDbs(1).open(path.toFile(), flags.toArray(EnvFlags[]::new));
            MapBounds bounds = MapBounds.opened(dataFile, mappedBefore, fileSize);
            Dbi<Slice> dbi = env.openDbi((byte[]) null);
            List<byte[]> keys = listKeys(env, dbi, path, bounds);
            if (keys.isEmpty()) {
                throw new IOException("LSUN LMDB database " + path + " holds no entries: expected encoded images keyed by id");
            }
            LsunLmdb db = new LsunLmdb(path, resolution, name, env, dbi, keys, bounds);
            env = null;
            return db;
        } catch (LmdbException e) {
            throw new IOException("Cannot open LSUN LMDB database " + path + ": " + e.getMessage() + " (" + e.getClass().getSimpleName()
                    + "): not an LMDB database, or damaged", e);
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    /**
     * Checks the two meta pages of an LMDB data file as {@code mdb_env_read_header} reads them (64-bit layout: page
     * header 16 bytes, then magic, version, address, map size, the free and main database records of 48 bytes each,
     * whose first 4 bytes in the free record hold the page size, last page number, transaction id), and that the file
     * reaches the last page the newer meta page names.
     *
     * @return the file's size
     */
    static long checkHeader(Path dataFile, Path shownAs) throws IOException {
        long size = Files.size(dataFile);
        String what = "LSUN LMDB database " + shownAs + (shownAs.equals(dataFile) ? "" : " (" + dataFile.getFileName() + ")");
        try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.READ)) {
            Meta first = readMeta(channel, 0, size, what);
            Meta second = readMeta(channel, first.pageSize, size, what);
            Meta newer = second.txnId > first.txnId ? second : first;
            if (newer.fixedAddress != 0) {
                throw new IOException(what + " was written with MDB_FIXEDMAP (map address 0x" + Long.toHexString(newer.fixedAddress)
                        + "), which LsunLmdb does not open");
            }
            long needed = (newer.lastPage + 1) * first.pageSize;
            if (newer.lastPage < 1 || needed <= 0 || size < needed) {
                throw new IOException(what + " is truncated: the file has " + size + " bytes but its meta page (transaction "
                        + newer.txnId + ") says the database has " + (newer.lastPage + 1) + " pages of " + first.pageSize
                        + " bytes (" + needed + " bytes)");
            }
        }
        return size;
    }

    private record Meta(int pageSize, long fixedAddress, long lastPage, long txnId) {
    }

    private static Meta readMeta(FileChannel channel, long offset, long size, String what) throws IOException {
        int headerBytes = 16 + 136;
        if (size < offset + headerBytes) {
            throw new IOException(what + " is not an LMDB database or is truncated: " + size + " bytes, too short for its "
                    + (offset == 0 ? "first" : "second") + " meta page");
        }
        ByteBuffer page = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        while (page.hasRemaining()) {
            if (channel.read(page, offset + page.position()) < 0) {
                throw new IOException(what + ": unexpected end of file in a meta page");
            }
        }
        int magic = page.getInt(16);
        int version = page.getInt(20);
        if (magic != MAGIC) {
            throw new IOException(what + " is not an LMDB database: the " + (offset == 0 ? "first" : "second") + " meta page (byte "
                    + offset + ") has magic 0x" + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC)
                    + " (LMDB 0.9, 64-bit)");
        }
        if (version != DATA_VERSION) {
            throw new IOException(what + " has LMDB data version " + version + ", expected " + DATA_VERSION + " (LMDB 0.9)");
        }
        int pageSize = page.getInt(40);
        if (offset == 0 && (pageSize < 512 || pageSize > (1 << 16) || Integer.bitCount(pageSize) != 1)) {
            throw new IOException(what + " is damaged: its meta page gives page size " + pageSize + " (expected a power of two, 512-65536)");
        }
        return new Meta(pageSize, page.getLong(24), page.getLong(136), page.getLong(144));
    }

    /**
     * The keys in cursor order, copied. LMDB trusts its pages; damage inside them (rather than truncation, which
     * {@link #checkHeader} catches) is caught here as far as it shows: a key outside the file, keys out of order, or a
     * count different from the database's own.
     */
    private static List<byte[]> listKeys(Env<Slice> env, Dbi<Slice> dbi, Path path, MapBounds bounds) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        try (Txn<Slice> txn = env.txnRead(); Cursor<Slice> cursor = dbi.openCursor(txn)) {
            long entries = dbi.stat(txn).entries;
            boolean more = cursor.first();
            while (more) {
                byte[] key = cursor.key().copy(bounds, "LSUN LMDB database " + path + ": key " + keys.size());
                if (!keys.isEmpty() && Arrays.compareUnsigned(keys.get(keys.size() - 1), key) >= 0) {
                    throw new IOException("LSUN LMDB database " + path + " is damaged: key " + keys.size() + " ('" + keyText(key)
                            + "') does not follow '" + keyText(keys.get(keys.size() - 1)) + "' in byte order");
                }
                keys.add(key);
                if (keys.size() > entries || keys.size() == Integer.MAX_VALUE) {
                    throw new IOException("LSUN LMDB database " + path + " is damaged: its cursor passes more keys than the "
                            + entries + " entries the database records");
                }
                more = cursor.next();
            }
            if (keys.size() != entries) {
                throw new IOException("LSUN LMDB database " + path + " is damaged: " + keys.size() + " keys listed but the database "
                        + "records " + entries + " entries");
            }
        } catch (LmdbException e) {
            throw new IOException("LSUN LMDB database " + path + " is damaged: listing its keys failed after "
                    + (keys.isEmpty() ? "none" : keys.size() + " keys (last '" + keyText(keys.get(keys.size() - 1)) + "')") + ": "
                    + e.getMessage() + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return keys;
    }

    @Override
    public int size() {
        return keys.size();
    }

    /** The database folder's name and the resolution, for example "church_outdoor_train_lmdb@256". */
    @Override
    public String name() {
        return name;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    /** Whether keys and values are checked to lie inside the mapped file before they are copied (on Linux). */
    boolean mapChecked() {
        return bounds.starts().length > 0;
    }

    /** The database path as given to {@link #open}. */
    public Path path() {
        return path;
    }

    /** The key of entry {@code index}: ASCII text as is (LSUN's ids), otherwise "0x" and hexadecimal. */
    public String key(int index) {
        return keyText(keyBytes(index));
    }

    private byte[] keyBytes(int index) {
        if (index < 0 || index >= keys.size()) {
            throw new IndexOutOfBoundsException("entry " + index + " of '" + name + "', which has " + keys.size() + " entries");
        }
        return keys.get(index);
    }

    /** The encoded bytes of entry {@code index} (WebP in the official export). */
    public byte[] encoded(int index) throws IOException {
        byte[] key = keyBytes(index);
        if (closed) {
            throw new IllegalStateException("LSUN LMDB database " + path + " is closed");
        }
        try (Txn<Slice> txn = env.txnRead()) {
            Slice value = dbi.get(txn, Slice.of(key));
            if (value == null) {
                throw new IOException("LSUN LMDB database " + path + ": entry '" + keyText(key) + "' (" + index
                        + ") has disappeared; the database changed while open?");
            }
            return value.copy(bounds, "LSUN LMDB database " + path + ": the value of entry '" + keyText(key) + "' (" + index + ")");
        } catch (LmdbException e) {
            throw new IOException("LSUN LMDB database " + path + ": reading entry '" + keyText(key) + "' (" + index + ") failed: "
                    + e.getMessage() + " (" + e.getClass().getSimpleName() + "); the database is damaged", e);
        }
    }

    /**
     * Image {@code index}: decoded, resized on its shorter side, centre-cropped (see {@link ImagePreprocessing}).
     *
     * @throws IOException naming the database and the entry's key when the entry cannot be read or decoded
     */
    @Override
    public byte[] read(int index) throws IOException {
        byte[] encoded = encoded(index);
        return ImagePreprocessing.decodeAndPreprocess(encoded, "entry '" + key(index) + "' (" + index + ") of LSUN LMDB database "
                + path, resolution);
    }

    /** Closes the LMDB environment (unmaps the file); idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            env.close();
        }
    }

    @Override
    public String toString() {
        return "LsunLmdb[" + path + ", " + keys.size() + " entries, " + resolution + "x" + resolution + (closed ? ", closed" : "") + "]";
    }

    /** A key as ASCII text when it is printable, else "0x" and hexadecimal; cut after 64 bytes (LSUN's ids have 40). */
    static String keyText(byte[] key) {
        byte[] shown = key.length > 64 ? Arrays.copyOf(key, 64) : key;
        String more = key.length > 64 ? "... (" + key.length + " bytes)" : "";
        for (byte b : shown) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HexFormat.of().formatHex(shown) + more;
            }
        }
        return new String(shown, US_ASCII) + more;
    }

    /**
     * An LMDB value in place: address and length inside the memory map, valid while its transaction is open; or a key
     * to look up.
     */
    static final class Slice {
        private long address;
        private long length;
        private byte[] input;

        static Slice of(byte[] key) {
            Slice s = new Slice();
            s.input = key;
            return s;
        }

        /** The bytes, copied out of the map after checking that they lie inside it. */
        byte[] copy(MapBounds bounds, String what) throws IOException {
            if (input != null) {
                return input.clone();
            }
            bounds.check(address, length, what);
            if (length > Integer.MAX_VALUE - 16) {
                throw new IOException(what + " has " + length + " bytes, too many for one image");
            }
            byte[] bytes = new byte[(int) length];
            SliceProxy.MEMORY.newPointer(address, length).get(0, bytes, 0, bytes.length);
            return bytes;
        }
    }

    /**
     * lmdbjava's buffer proxy for {@link Slice}: keys in are copied to native memory, keys and values out are only
     * located (no copy, no reflection on {@code java.nio}, unlike lmdbjava's ByteBuffer proxies, which need
     * {@code --add-opens} on Java 17; unlike its byte-array proxy, which copies every value the cursor passes).
     */
    private static final class SliceProxy extends BufferProxy<Slice> {
        static final SliceProxy INSTANCE = new SliceProxy();
        static final MemoryManager MEMORY = jnr.ffi.Runtime.getSystemRuntime().getMemoryManager();
        /** Never called on the paths LsunLmdb uses (no CursorIterable, no Java comparator callbacks). */
        private static final Comparator<Slice> ORDER = (a, b) -> {
            throw new UnsupportedOperationException("LsunLmdb compares no keys in Java");
        };

        @Override
        protected Slice allocate() {
            return new Slice();
        }

        @Override
        protected void deallocate(Slice buffer) {
        }

        @Override
        protected byte[] getBytes(Slice buffer) {
            throw new UnsupportedOperationException("LsunLmdb copies values only through Slice.copy, which checks bounds");
        }

        @Override
        protected Comparator<Slice> getSignedComparator() {
            return ORDER;
        }

        @Override
        protected Comparator<Slice> getUnsignedComparator() {
            return ORDER;
        }

        @Override
        protected Pointer in(Slice buffer, Pointer ptr) {
            if (buffer.input == null) {
                throw new IllegalArgumentException("only keys given as bytes can be passed to LMDB");
            }
            Pointer memory = MEMORY.allocateDirect(Math.max(1, buffer.input.length));
            memory.put(0, buffer.input, 0, buffer.input.length);
            ptr.putLong(STRUCT_FIELD_OFFSET_SIZE, buffer.input.length);
            ptr.putAddress(STRUCT_FIELD_OFFSET_DATA, memory.address());
            return memory;
        }

        @Override
        protected Pointer in(Slice buffer, int size, Pointer ptr) {
            throw new UnsupportedOperationException("LsunLmdb is read-only");
        }

        @Override
        protected Slice out(Slice buffer, Pointer ptr) {
            buffer.input = null;
            buffer.address = ptr.getAddress(STRUCT_FIELD_OFFSET_DATA);
            buffer.length = ptr.getLong(STRUCT_FIELD_OFFSET_SIZE);
            return buffer;
        }
    }
}
