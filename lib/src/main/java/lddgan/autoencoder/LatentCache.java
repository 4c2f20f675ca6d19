package lddgan.autoencoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SplittableRandom;
import lddgan.data.ImageSet;
import lddgan.io.AtomicFiles;
import lddgan.metrics.DatasetKey;
import lddgan.space.FirstStage;

/**
 * A dataset encoded once by an autoencoder's {@link FirstStage}, kept in a file with the autoencoder's identity: the
 * record from which the latent's scale factor and statistics are taken (LDDGAN Sec. 4.2: x0 = E(X0) / scale;
 * REFERENCE-CODE.md sections 4 and 6). Training does not read the latents back: like the reference, it encodes each
 * batch with the first stage at every step ({@code lddgan.space.LatentSpace}); production reads the
 * {@link #readHeader header} (the scale factor) and {@link #open checks} a cache against its autoencoder. Other
 * programs read the latents as the format below says.
 *
 * <h2>File format ({@value #FORMAT})</h2>
 * <pre>
 * offset 0   8 bytes   magic "LDDGANLC" (ASCII)
 *        8   int32 LE  version ({@value #VERSION})
 *       12   int32 LE  L, the header's length in bytes
 *       16   32 bytes  SHA-256 of the header bytes
 *       48   L bytes   header: UTF-8 JSON, a {@link Header}
 *   48 + L   N*C*H*W   latents, float32 little-endian, (N, C, H, W) row-major, raw (NOT divided by the scale factor)
 * </pre>
 * The header holds the payload's SHA-256; reading checks both hashes, the magic, the version, the format, the size
 * and the autoencoder's identity, and refuses the file with a message naming it otherwise. Python reads the
 * latents with {@code numpy.fromfile(path, '<f4', offset=48 + L).reshape(N, C, H, W)}. Files are written atomically
 * ({@link AtomicFiles}): a crash leaves the old file or none.
 *
 * <h2>Scale factor</h2>
 * The reference divides latents by fixed, hand-chosen divisors so that they lie roughly in [-1, 1] (105 / 6 / 60 for
 * its CIFAR-10 / CelebA-HQ / LSUN Church autoencoders, REFERENCE-CODE.md section 2). Here the scale factor is computed
 * from the cached set as max |z| over every cached value ({@value #SCALE_FACTOR_RULE}): the smallest divisor that puts
 * every cached latent in [-1, 1], with nothing clipped. It is sensitive to a single outlier, so the header also
 * records the 99.9th percentile of |z| (linear interpolation between order statistics, as numpy's default), the
 * first stage's own nominal scale factor, and the {@link LatentStatistics} (whose "outside" fraction is computed
 * with that nominal factor). Sampling must decode with the same factor as training: x0 = scaleFactor * x0'.
 *
 * <h2>Stochastic encoders</h2>
 * A KL encoder draws a posterior sample (REFERENCE-CODE.md section 6). The cache holds one sample per image, drawn
 * with the engine reseeded before every batch b from (seed, b); seed and batch size are in the header, so the same
 * file is produced again on the same engine and device. The reference draws a fresh sample at every training step
 * instead (REFERENCE-CODE.md section 4); with a KL weight of 1e-6 the posterior is narrow, so one sample is close.
 * The engine seed is global to the JVM ({@code Engine.setRandomSeed}): encode while nothing else draws.
 */
public final class LatentCache {
    /** The first 8 bytes of a cache file. */
    public static final String MAGIC = "LDDGANLC";
    /** The binary layout version this class writes and reads. */
    public static final int VERSION = 1;
    /** The header's {@code format}. */
    public static final String FORMAT = "lddgan-latent-cache/1";
    /** The payload's element type. */
    public static final String DTYPE = "float32";
    /** The payload's byte order. */
    public static final String BYTE_ORDER = "little-endian";
    /** How the scale factor is computed (the header's {@code scaleFactorRule}). */
    public static final String SCALE_FACTOR_RULE = "max |z| over the cached latents";
    /** The quantile of |z| recorded beside the scale factor. */
    public static final double RECORDED_QUANTILE = 0.999;
    /** Bytes before the header: magic, version, header length, header SHA-256. */
    public static final int PREAMBLE_BYTES = 8 + 4 + 4 + 32;

    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_BYTES = 16 << 20;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 16;
    private static final int CHUNK_FLOATS = 1 << 18;
    private static final int QUANTILE_BINS = 1 << 16;
    private static final int QUANTILE_SORT_LIMIT = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The JSON header of a cache file.
     *
     * @param format {@value LatentCache#FORMAT}
     * @param autoencoder the autoencoder that encoded the set
     * @param firstStage the {@link FirstStage#name()} used
     * @param dataset the image set's name
     * @param datasetKey the set's {@link DatasetKey#text()} (name, size and content digest)
     * @param count N, the number of latents
     * @param imageShape (C, H, W) of the images
     * @param latentShape (C, H, W) of one latent
     * @param dtype {@value LatentCache#DTYPE}
     * @param byteOrder {@value LatentCache#BYTE_ORDER}
     * @param stochastic whether the encoder drew a posterior sample (KL), false for a deterministic (VQ) one
     * @param seed the seed of the posterior samples; null when not stochastic
     * @param encodeBatchSize images per encoder call (with the seed, what reproduces a stochastic encoding)
     * @param scaleFactor the computed scale factor: max |z| over the cached latents
     * @param scaleFactorRule {@value LatentCache#SCALE_FACTOR_RULE}
     * @param absQuantile999 the 99.9th percentile of |z|, for reference
     * @param nominalScaleFactor the first stage's own {@link FirstStage#scaleFactor()}
     * @param statistics per-channel statistics of the raw latents, "outside" counted with the nominal scale factor
     * @param payloadSha256 SHA-256 (hex) of the payload bytes
     * @param created ISO-8601 time of writing
     */
    public record Header(String format, AutoencoderIdentity autoencoder, String firstStage, String dataset,
                         String datasetKey, int count, int[] imageShape, int[] latentShape, String dtype,
                         String byteOrder, boolean stochastic, Long seed, int encodeBatchSize, double scaleFactor,
                         String scaleFactorRule, double absQuantile999, double nominalScaleFactor,
                         LatentStatistics statistics, String payloadSha256, String created) {

        /** (C, H, W) of one latent. */
        public Shape shape() {
            return new Shape(latentShape[0], latentShape[1], latentShape[2]);
        }

        /** C * H * W. */
        public int valuesPerLatent() {
            return latentShape[0] * latentShape[1] * latentShape[2];
        }

        /** The payload's length in bytes. */
        public long payloadBytes() {
            return 4L * count * valuesPerLatent();
        }
    }

    /** Told after each encoded batch. */
    @FunctionalInterface
    public interface Progress {
        /** {@code encoded} of {@code total} images are encoded. */
        void update(int encoded, int total);
    }

    /**
     * How {@link #create} encodes.
     *
     * @param batchSize images per encoder call (each in its own NDManager scope)
     * @param seed the seed of a stochastic encoder's posterior samples (ignored for a deterministic one)
     * @param progress told after each batch; may be null
     */
    public record Options(int batchSize, long seed, Progress progress) {
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
        }

        /** Batches of 100, seed 0, no progress. */
        public static Options defaults() {
            return new Options(100, 0, null);
        }

        /** These options with another batch size. */
        public Options withBatchSize(int value) {
            return new Options(value, seed, progress);
        }

        /** These options with another seed. */
        public Options withSeed(long value) {
            return new Options(batchSize, value, progress);
        }

        /** These options with a progress listener. */
        public Options withProgress(Progress value) {
            return new Options(batchSize, seed, value);
        }
    }

    private final Path file;
    private final Header header;

    private LatentCache(Path file, Header header) {
        this.file = file;
        this.header = header;
    }

    /**
     * Encodes every image of {@code images} with {@code stage}, computes the scale factor and the statistics, and
     * writes the cache to {@code file} atomically (replacing any file there).
     *
     * @param file where the cache goes (its folder is created)
     * @param stage the autoencoder's first stage
     * @param identity which trained autoencoder {@code stage} is (recorded, checked by {@link #open})
     * @param images the dataset, in [-1, 1] through {@link ImageSet#batch}
     * @param manager where batches are made (on the first stage's device); each batch gets a sub-manager closed
     *     after it, so memory stays flat
     * @param options batch size, seed, progress
     * @return the cache, as {@link #open} would return it
     * @throws IllegalArgumentException when the set is empty, its images cannot be encoded, or the latents do not fit
     *     in one Java array (2^31 values)
     * @throws IllegalStateException when the encoder returns another shape than announced, a non-finite value, or only
     *     zeros (no scale factor)
     * @throws IOException when the file cannot be written
     */
    public static LatentCache create(Path file, FirstStage stage, AutoencoderIdentity identity, ImageSet images,
                                     NDManager manager, Options options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(options, "options");
        int n = images.size();
        if (n == 0) {
            throw new IllegalArgumentException("image set '" + images.name() + "' is empty: nothing to cache");
        }
        Shape latentShape = stage.latentShape(new Shape(images.channels(), images.height(), images.width()));
        if (latentShape.dimension() != 3) {
            throw new IllegalStateException("first stage '" + stage.name() + "' announced a latent shape " + latentShape
                    + ", expected (C, H, W)");
        }
        int per = Math.toIntExact(latentShape.size());
        long total = (long) per * n;
        if (total > MAX_VALUES) {
            throw new IllegalArgumentException(n + " latents of " + latentShape + " are " + total
                    + " values, more than one cache holds (" + MAX_VALUES + "): cache the set in parts");
        }
        float[] values = new float[(int) total];
        int channels = (int) latentShape.get(0);
        LatentStatistics.Accumulator statistics = new LatentStatistics.Accumulator(channels, stage.scaleFactor());
        int batchSize = options.batchSize();
        for (int batch = 0, from = 0; from < n; batch++, from += batchSize) {
            int to = Math.min(n, from + batchSize);
            try (NDManager scope = manager.newSubManager()) {
                if (stage.isStochastic()) {
                    Engine.getInstance().setRandomSeed(batchSeed(options.seed(), batch));
                }
                NDArray latents = stage.encode(images.batch(scope, from, to));
                Shape expected = new Shape(to - from).addAll(latentShape);
                if (!latents.getShape().equals(expected)) {
                    throw new IllegalStateException("first stage '" + stage.name() + "' encoded images " + from + ".."
                            + (to - 1) + " to " + latents.getShape() + ", expected " + expected);
                }
                float[] batchValues = latents.toType(DataType.FLOAT32, false).toFloatArray();
                for (float v : batchValues) {
                    if (!Float.isFinite(v)) {
                        throw new IllegalStateException("first stage '" + stage.name() + "' returned " + v
                                + " for an image among " + from + ".." + (to - 1) + " of '" + images.name() + "'");
                    }
                }
                System.arraycopy(batchValues, 0, values, from * per, batchValues.length);
                statistics.add(batchValues, to - from);
            }
            if (options.progress() != null) {
                options.progress().update(to, n);
            }
        }
        LatentStatistics stats = statistics.result();
        double scaleFactor = stats.maxAbs();
        if (!(scaleFactor > 0)) {
            throw new IllegalStateException("every latent of '" + images.name() + "' is 0: no scale factor maps them to [-1, 1]");
        }
        Header header = new Header(FORMAT, identity, stage.name(), images.name(), DatasetKey.of(images).text(), n,
                new int[] {images.channels(), images.height(), images.width()},
                new int[] {channels, (int) latentShape.get(1), (int) latentShape.get(2)}, DTYPE, BYTE_ORDER,
                stage.isStochastic(), stage.isStochastic() ? options.seed() : null, batchSize, scaleFactor,
                SCALE_FACTOR_RULE, absQuantile(values, RECORDED_QUANTILE), stage.scaleFactor(), stats,
                payloadSha256(values), Instant.now().toString());
        write(file, header, values);
        return new LatentCache(file, header);
    }

    /**
     * Reads a cache, checking that it was made by the {@code expected} autoencoder (same name and SHA-256,
     * {@link AutoencoderIdentity#sameAutoencoder}) and that it is intact.
     *
     * @throws IOException naming the file when it is not a latent cache (magic), has another version or format, is
     *     truncated or has trailing bytes, its header or payload SHA-256 differs from the recorded one, or it was made
     *     by another autoencoder (the message gives the expected and the found identity)
     */
    public static LatentCache open(Path file, AutoencoderIdentity expected) throws IOException {
        Objects.requireNonNull(expected, "expected");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, channel);
            if (!expected.sameAutoencoder(header.autoencoder())) {
                throw new IOException("latent cache " + file + " was made by another autoencoder: expected "
                        + expected.describe() + ", found " + header.autoencoder().describe()
                        + "; encode the dataset again with the expected one (LatentCache.create)");
            }
            // readHeader checked that the payload ends the file
            long position = channel.size() - header.payloadBytes();
            long total = (long) header.count() * header.valuesPerLatent();
            MessageDigest digest = sha256();
            ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
            for (long at = 0; at < total; at += CHUNK_FLOATS) {
                int length = (int) Math.min(CHUNK_FLOATS, total - at);
                chunk.clear().limit(4 * length);
                readFully(file, channel, chunk, position);
                position += 4L * length;
                digest.update(chunk.array(), 0, 4 * length);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(header.payloadSha256())) {
                throw new IOException("latent cache " + file + " is corrupted: payload SHA-256 " + actual
                        + ", the header says " + header.payloadSha256());
            }
            return new LatentCache(file, header);
        }
    }

    /**
     * Reads and checks a cache's header without reading the latents: magic, version, header SHA-256, format, dtype
     * and the file's size (the payload's hash is only checked by {@link #open}).
     *
     * @throws IOException naming the file when any of these is wrong
     */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel);
        }
    }

    private static Header readHeader(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int got = 0;
        while (preamble.hasRemaining()) {
            int r = channel.read(preamble, got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        if (got == 0) {
            throw new IOException(file + " is empty, not a latent cache");
        }
        byte[] magic = Arrays.copyOf(preamble.array(), Math.min(got, MAGIC_BYTES.length));
        if (!Arrays.equals(magic, Arrays.copyOf(MAGIC_BYTES, magic.length))) {
            throw new IOException(file + " is not a latent cache (it starts with '"
                    + new String(magic, StandardCharsets.ISO_8859_1) + "', a latent cache with '" + MAGIC + "')");
        }
        if (got < PREAMBLE_BYTES) {
            throw new IOException("latent cache " + file + " is truncated: " + size + " bytes, not even the "
                    + PREAMBLE_BYTES + "-byte preamble");
        }
        int version = preamble.getInt(8);
        if (version != VERSION) {
            throw new IOException("latent cache " + file + " has version " + version + ", this reader reads version "
                    + VERSION + ": encode the dataset again");
        }
        int headerLength = preamble.getInt(12);
        if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
            throw new IOException("latent cache " + file + " is corrupted: header length " + headerLength);
        }
        if (size < PREAMBLE_BYTES + (long) headerLength) {
            throw new IOException("latent cache " + file + " is truncated: " + size + " bytes, the header alone needs "
                    + (PREAMBLE_BYTES + (long) headerLength));
        }
        ByteBuffer headerBytes = ByteBuffer.allocate(headerLength);
        readFully(file, channel, headerBytes, PREAMBLE_BYTES);
        byte[] recordedHash = Arrays.copyOfRange(preamble.array(), 16, 48);
        if (!MessageDigest.isEqual(recordedHash, sha256().digest(headerBytes.array()))) {
            throw new IOException("latent cache " + file + " is corrupted: its header's SHA-256 differs from the recorded one");
        }
        Header header;
        try {
            header = JSON.readValue(headerBytes.array(), Header.class);
        } catch (IOException e) {
            throw new IOException("latent cache " + file + ": the header is not a " + FORMAT + " header: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(header.format())) {
            throw new IOException("latent cache " + file + " has format '" + header.format() + "', expected '" + FORMAT + "'");
        }
        if (!DTYPE.equals(header.dtype()) || !BYTE_ORDER.equals(header.byteOrder())) {
            throw new IOException("latent cache " + file + " holds " + header.dtype() + " " + header.byteOrder()
                    + " values, this reader reads " + DTYPE + " " + BYTE_ORDER);
        }
        if (header.autoencoder() == null || header.payloadSha256() == null || header.count() <= 0
                || header.latentShape() == null || header.latentShape().length != 3
                || Arrays.stream(header.latentShape()).anyMatch(d -> d <= 0)
                || (long) header.count() * header.valuesPerLatent() > MAX_VALUES
                || !(header.scaleFactor() > 0) || Double.isInfinite(header.scaleFactor())) {
            throw new IOException("latent cache " + file + " has an incomplete or inconsistent header (autoencoder, count, "
                    + "latentShape, scaleFactor or payloadSha256)");
        }
        long expectedSize = PREAMBLE_BYTES + (long) headerLength + header.payloadBytes();
        if (size < expectedSize) {
            throw new IOException("latent cache " + file + " is truncated: " + size + " bytes, " + expectedSize
                    + " expected for " + header.count() + " latents of " + header.shape() + " float32");
        }
        if (size > expectedSize) {
            throw new IOException("latent cache " + file + " has " + (size - expectedSize) + " bytes after the "
                    + header.count() + " latents it declares (" + expectedSize + " bytes expected)");
        }
        return header;
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, at);
            if (r < 0) {
                throw new EOFException("latent cache " + file + " is truncated: it ends at byte " + at);
            }
            at += r;
        }
    }

    private static void write(Path file, Header header, float[] values) throws IOException {
        byte[] json = JSON.writeValueAsBytes(header);
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(MAGIC_BYTES).putInt(VERSION).putInt(json.length).put(sha256().digest(json));
        AtomicFiles.write(file, out -> {
            out.write(preamble.array());
            out.write(json);
            writePayload(values, out);
        });
    }

    /** Writes {@code values} as float32 little-endian bytes, chunk by chunk. */
    private static void writePayload(float[] values, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < values.length; at += CHUNK_FLOATS) {
            int length = Math.min(CHUNK_FLOATS, values.length - at);
            chunk.clear();
            chunk.asFloatBuffer().put(values, at, length);
            out.write(chunk.array(), 0, 4 * length);
        }
    }

    /** The hex SHA-256 of the payload bytes of {@code values} (what {@link #writePayload} writes). */
    private static String payloadSha256(float[] values) {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            writePayload(values, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a digest over a null stream does not fail
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The engine seed of batch {@code batch} (as {@code GanTrainer} derives per-step seeds); also
     * {@link ReconstructionEvaluation}'s.
     */
    static int batchSeed(long seed, int batch) {
        return (int) new SplittableRandom(seed * 0x9E3779B97F4A7C15L + batch).nextLong();
    }

    /**
     * The {@code q}-quantile of |values| with numpy's default (linear) rule: with the |values| sorted as v_0 &lt;= ...
     * &lt;= v_{n-1} and h = q (n - 1), v_floor(h) + (h - floor(h)) (v_floor(h)+1 - v_floor(h)). Exact, without sorting a
     * copy of the values: histogram passes narrow the range holding the wanted order statistic.
     *
     * @throws IllegalArgumentException when {@code values} is empty or {@code q} is outside [0, 1]
     */
    static double absQuantile(float[] values, double q) {
        if (values.length == 0 || !(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile " + q + " of " + values.length + " values");
        }
        double h = q * (values.length - 1);
        long lo = (long) Math.floor(h);
        double fraction = h - lo;
        double low = kthSmallestAbs(values, lo);
        if (fraction == 0) {
            return low;
        }
        return low + fraction * (kthSmallestAbs(values, lo + 1) - low);
    }

    /** The k-th smallest (0-based) |value|, finite values only. */
    private static double kthSmallestAbs(float[] values, long k) {
        double lo = 0;
        double hi = 0;
        for (float v : values) {
            hi = Math.max(hi, Math.abs((double) v));
        }
        long below = 0;
        while (lo < hi) {
            double perUnit = QUANTILE_BINS / (hi - lo);
            long[] counts = new long[QUANTILE_BINS];
            for (float v : values) {
                double a = Math.abs((double) v);
                if (a >= lo && a <= hi) {
                    counts[bin(a, lo, perUnit)]++;
                }
            }
            long rank = k - below;
            int b = 0;
            while (rank >= counts[b]) {
                rank -= counts[b];
                below += counts[b];
                b++;
            }
            // bin b holds the order statistics below .. below + counts[b] - 1; bins are monotone in |v|
            if (counts[b] <= QUANTILE_SORT_LIMIT) {
                double[] in = new double[(int) counts[b]];
                int m = 0;
                for (float v : values) {
                    double a = Math.abs((double) v);
                    if (a >= lo && a <= hi && bin(a, lo, perUnit) == b) {
                        in[m++] = a;
                    }
                }
                Arrays.sort(in);
                return in[(int) rank];
            }
            double newLo = Double.POSITIVE_INFINITY;
            double newHi = Double.NEGATIVE_INFINITY;
            for (float v : values) {
                double a = Math.abs((double) v);
                if (a >= lo && a <= hi && bin(a, lo, perUnit) == b) {
                    newLo = Math.min(newLo, a);
                    newHi = Math.max(newHi, a);
                }
            }
            lo = newLo;
            hi = newHi;
        }
        return lo;
    }

    private static int bin(double a, double lo, double perUnit) {
        return (int) Math.min(QUANTILE_BINS - 1, (a - lo) * perUnit);
    }

    /** The file the cache was read from or written to. */
    public Path file() {
        return file;
    }

    /** The header. */
    public Header header() {
        return header;
    }

    /** N, the number of latents. */
    public int size() {
        return header.count();
    }

    /** (C, H, W) of one latent. */
    public Shape latentShape() {
        return header.shape();
    }

    /** The computed scale factor (max |z|, see the class documentation): the diffusion sees z / scaleFactor. */
    public double scaleFactor() {
        return header.scaleFactor();
    }

    @Override
    public String toString() {
        return "LatentCache(" + file + ": " + size() + " x " + latentShape() + " by " + header.autoencoder().name()
                + ", scale " + scaleFactor() + ")";
    }
}
