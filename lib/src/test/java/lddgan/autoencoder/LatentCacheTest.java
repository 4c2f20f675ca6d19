package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import lddgan.data.ImageSet;
import lddgan.metrics.DatasetKey;
import lddgan.space.FirstStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latent cache (LDDGAN Sec. 4.2; REFERENCE-CODE.md sections 4 and 6) with a tiny first stage of known values. */
class LatentCacheTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final AutoencoderIdentity IDENTITY = new AutoencoderIdentity("pool-mix", "ckpt/a/manifest.json", SHA_A);
    /** Ten 3x4x4 images; image 7's top-left 2x2 block is (R, G, B) = (255, 0, 255), whose latent reaches max |z|. */
    private static final ImageSet IMAGES = images();
    /** max over pooled x in [-1, 1]^3 of |0.5 R - 0.25 G + 2 B| = 2.75, reached by image 7's first block. */
    private static final double KNOWN_MAX_ABS = 2.75;

    @TempDir
    Path tmp;

    /**
     * A tiny deterministic first stage: 2x2 average pooling, then a fixed 1x1 linear map to 4 channels (R, G, B,
     * 0.5 R - 0.25 G + 2 B); decode is the nearest upsampling of the first three channels. Optionally adds
     * N(0, noiseStd^2) like a KL encoder's posterior sample.
     */
    static final class PoolAndMix implements FirstStage {
        static final float[][] MIX = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5f, -0.25f, 2f}};
        private final double noiseStd;

        PoolAndMix(double noiseStd) {
            this.noiseStd = noiseStd;
        }

        /** The latents of images (n, 3, h, w) given as floats, in Java. */
        static float[] encode(float[] x, int n, int h, int w) {
            int lh = h / 2;
            int lw = w / 2;
            float[] z = new float[n * 4 * lh * lw];
            for (int i = 0; i < n; i++) {
                for (int y = 0; y < lh; y++) {
                    for (int xx = 0; xx < lw; xx++) {
                        float[] pooled = new float[3];
                        for (int c = 0; c < 3; c++) {
                            int base = (i * 3 + c) * h * w;
                            pooled[c] = (x[base + 2 * y * w + 2 * xx] + x[base + 2 * y * w + 2 * xx + 1]
                                    + x[base + (2 * y + 1) * w + 2 * xx] + x[base + (2 * y + 1) * w + 2 * xx + 1]) * 0.25f;
                        }
                        for (int k = 0; k < 4; k++) {
                            z[((i * 4 + k) * lh + y) * lw + xx] =
                                    MIX[k][0] * pooled[0] + MIX[k][1] * pooled[1] + MIX[k][2] * pooled[2];
                        }
                    }
                }
            }
            return z;
        }

        @Override
        public NDArray encode(NDArray images) {
            Shape s = images.getShape();
            int n = (int) s.get(0);
            int h = (int) s.get(2);
            int w = (int) s.get(3);
            Shape latent = new Shape(n, 4, h / 2, w / 2);
            NDArray z = images.getManager().create(encode(images.toFloatArray(), n, h, w), latent);
            if (noiseStd == 0) {
                return z;
            }
            return z.add(images.getManager().randomNormal(0f, (float) noiseStd, latent, DataType.FLOAT32));
        }

        @Override
        public NDArray decode(NDArray latent) {
            Shape s = latent.getShape();
            int n = (int) s.get(0);
            int lh = (int) s.get(2);
            int lw = (int) s.get(3);
            float[] z = latent.toFloatArray();
            float[] x = new float[n * 3 * 4 * lh * lw];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 2 * lh; y++) {
                        for (int xx = 0; xx < 2 * lw; xx++) {
                            x[((i * 3 + c) * 2 * lh + y) * 2 * lw + xx] = z[((i * 4 + c) * lh + y / 2) * lw + xx / 2];
                        }
                    }
                }
            }
            return latent.getManager().create(x, new Shape(n, 3, 2 * lh, 2 * lw));
        }

        @Override
        public Shape latentShape(Shape imageShape) {
            int c = imageShape.dimension() - 3;
            Shape latent = new Shape(4, imageShape.get(c + 1) / 2, imageShape.get(c + 2) / 2);
            return c == 0 ? latent : new Shape(imageShape.get(0)).addAll(latent);
        }

        @Override
        public boolean isStochastic() {
            return noiseStd > 0;
        }

        @Override
        public String name() {
            return "pool-mix-test";
        }

        @Override
        public double scaleFactor() {
            return 3.0;
        }
    }

    private static ImageSet images() {
        int n = 10;
        byte[] px = new byte[n * 3 * 4 * 4];
        new Random(7).nextBytes(px);
        int base = 7 * 48;
        for (int c = 0; c < 3; c++) {
            byte value = (byte) (c == 1 ? 0 : 255);
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    px[base + c * 16 + y * 4 + x] = value;
                }
            }
        }
        return new ImageSet("test images", 3, 4, 4, px, new byte[n]);
    }

    /** What the stage gives for the whole set in one call, through the engine. */
    private static float[] encodedDirectly(FirstStage stage) {
        try (NDManager m = NDManager.newBaseManager()) {
            return stage.encode(IMAGES.batch(m, 0, IMAGES.size())).toFloatArray();
        }
    }

    private LatentCache create(Path file, FirstStage stage, AutoencoderIdentity identity, LatentCache.Options options)
            throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            return LatentCache.create(file, stage, identity, IMAGES, m, options);
        }
    }

    /** The latents of a cache file read as other programs read them: float32 LE after the preamble and the header. */
    private static float[] payload(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = LatentCache.PREAMBLE_BYTES + headerLength(file);
        float[] out = new float[(bytes.length - start) / 4];
        ByteBuffer.wrap(bytes, start, bytes.length - start).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static int headerLength(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(bytes, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void roundTripIsBitIdenticalWithTheHeaderFilledIn() throws Exception {
        Path file = tmp.resolve("cache/latents.bin");
        List<int[]> progress = new ArrayList<>();
        PoolAndMix stage = new PoolAndMix(0);
        LatentCache written = create(file, stage, IDENTITY,
                LatentCache.Options.defaults().withBatchSize(3).withProgress((done, total) -> progress.add(new int[] {done, total})));
        float[] expected = encodedDirectly(stage);
        LatentCache read = LatentCache.open(file, IDENTITY);

        assertEquals(written.header().payloadSha256(), read.header().payloadSha256());
        float[] stored = payload(file);
        assertEquals(expected.length, stored.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(stored[i]), "value " + i);
        }
        // known values: the Java closed form of the stage on x = byte / 127.5 - 1
        float[] x = new float[IMAGES.pixels().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Byte.toUnsignedInt(IMAGES.pixels()[i]) / 127.5f - 1f;
        }
        assertArrayEquals(PoolAndMix.encode(x, 10, 4, 4), stored, 1e-6f);
        assertEquals(List.of("3/10", "6/10", "9/10", "10/10"), progress.stream().map(p -> p[0] + "/" + p[1]).toList());

        LatentCache.Header h = read.header();
        assertEquals(LatentCache.FORMAT, h.format());
        assertEquals(IDENTITY, h.autoencoder());
        assertEquals("pool-mix-test", h.firstStage());
        assertEquals("test images", h.dataset());
        assertEquals(DatasetKey.of(IMAGES).text(), h.datasetKey());
        assertEquals(10, h.count());
        assertArrayEquals(new int[] {3, 4, 4}, h.imageShape());
        assertArrayEquals(new int[] {4, 2, 2}, h.latentShape());
        assertEquals(new Shape(4, 2, 2), read.latentShape());
        assertEquals("float32", h.dtype());
        assertEquals("little-endian", h.byteOrder());
        assertFalse(h.stochastic());
        assertNull(h.seed());
        assertEquals(3, h.encodeBatchSize());
        assertEquals(LatentCache.SCALE_FACTOR_RULE, h.scaleFactorRule());
        assertEquals(3.0, h.nominalScaleFactor());
        Instant.parse(h.created());
        assertEquals(10, h.statistics().images());
        assertEquals(3.0, h.statistics().scale());
        LatentStatistics direct = LatentStatistics.of(expected, 10, 4, 3.0);
        assertArrayEquals(direct.mean(), h.statistics().mean(), 1e-12);
        assertArrayEquals(direct.std(), h.statistics().std(), 1e-12);
        assertEquals(0, h.statistics().valuesOutside());

        // the payload hash is the SHA-256 of the bytes after the header, float32 little-endian
        byte[] bytes = Files.readAllBytes(file);
        int length = headerLength(file);
        assertEquals(LatentCache.PREAMBLE_BYTES + length + 4L * expected.length, bytes.length);
        assertEquals("LDDGANLC", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        byte[] payload = Arrays.copyOfRange(bytes, LatentCache.PREAMBLE_BYTES + length, bytes.length);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)), h.payloadSha256());
        ByteBuffer le = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(expected[5], le.getFloat(20));
        JsonNode json = new ObjectMapper().readTree(new String(bytes, LatentCache.PREAMBLE_BYTES, length, StandardCharsets.UTF_8));
        assertEquals("pool-mix", json.get("autoencoder").get("name").asText());
        assertEquals(SHA_A, json.get("autoencoder").get("sha256").asText());
        assertTrue(json.has("statistics") && json.has("absQuantile999") && json.has("payloadSha256"));
        LatentCache.Header alone = LatentCache.readHeader(file);
        assertEquals(h.payloadSha256(), alone.payloadSha256());
        assertEquals(h.autoencoder(), alone.autoencoder());
        assertEquals(h.scaleFactor(), alone.scaleFactor());

        // nothing but the cache is left in its folder (temp file renamed)
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void scaleFactorIsTheMaximumAbsoluteLatentAndTheQuantileIsRecorded() throws Exception {
        LatentCache cache = create(tmp.resolve("latents.bin"), new PoolAndMix(0), IDENTITY, LatentCache.Options.defaults());
        float[] z = encodedDirectly(new PoolAndMix(0));
        double max = 0;
        for (float v : z) {
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(KNOWN_MAX_ABS, max);
        assertEquals(KNOWN_MAX_ABS, cache.scaleFactor());
        assertEquals(KNOWN_MAX_ABS, cache.header().statistics().maxAbs());
        assertEquals(sortedQuantile(z, 0.999), cache.header().absQuantile999(), 1e-12);
        assertTrue(cache.header().absQuantile999() <= cache.scaleFactor());
        // with the scale factor itself nothing lies outside [-1, 1]; with a smaller divisor, what |z| > 1 counts
        assertEquals(0, LatentStatistics.of(z, 10, 4, cache.scaleFactor()).valuesOutside());
        long aboveOne = 0;
        for (float v : z) {
            aboveOne += Math.abs(v) > 1 ? 1 : 0;
        }
        assertEquals(aboveOne, LatentStatistics.of(z, 10, 4, 1.0).valuesOutside());
        assertEquals((double) aboveOne / z.length, LatentStatistics.of(z, 10, 4, 1.0).fractionOutside(), 1e-15);
    }

    /** numpy.quantile(|values|, q) (linear) by sorting. */
    private static double sortedQuantile(float[] values, double q) {
        double[] a = new double[values.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs((double) values[i]);
        }
        Arrays.sort(a);
        double h = q * (a.length - 1);
        int lo = (int) Math.floor(h);
        return lo + 1 < a.length ? a[lo] + (h - lo) * (a[lo + 1] - a[lo]) : a[lo];
    }

    @Test
    void absQuantileEqualsSortingIncludingNarrowingPasses() {
        Random r = new Random(3);
        float[] gaussian = new float[200_001];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = (float) (r.nextGaussian() * 7);
        }
        gaussian[5] = 1e5f;
        // most values in one histogram bin (a far outlier), many ties at 0: the narrowing passes run
        float[] clustered = new float[150_000];
        for (int i = 0; i < clustered.length; i++) {
            clustered[i] = i % 3 == 0 ? 0f : (float) (r.nextDouble() * 1e-3);
        }
        clustered[17] = -1e6f;
        for (float[] values : new float[][] {gaussian, clustered}) {
            for (double q : new double[] {0, 0.1, 0.3, 0.5, 0.999, 1}) {
                assertEquals(sortedQuantile(values, q), LatentCache.absQuantile(values, q), 0, "q " + q);
            }
        }
        assertEquals(3.0, LatentCache.absQuantile(new float[] {-3f}, 0.999));
    }

    @Test
    void stochasticEncoderRecordsItsSeedAndIsReproducible() throws Exception {
        PoolAndMix stage = new PoolAndMix(0.1);
        LatentCache.Options options = LatentCache.Options.defaults().withBatchSize(4).withSeed(42);
        LatentCache a = create(tmp.resolve("a.bin"), stage, IDENTITY, options);
        LatentCache b = create(tmp.resolve("b.bin"), stage, IDENTITY, options);
        LatentCache c = create(tmp.resolve("c.bin"), stage, IDENTITY, options.withSeed(43));
        assertTrue(a.header().stochastic());
        assertEquals(42L, a.header().seed());
        assertEquals(43L, c.header().seed());
        assertEquals(a.header().payloadSha256(), b.header().payloadSha256());
        assertNotEquals(a.header().payloadSha256(), c.header().payloadSha256());
        float[] mean = encodedDirectly(new PoolAndMix(0));
        LatentCache.open(tmp.resolve("a.bin"), IDENTITY);
        float[] sample = payload(tmp.resolve("a.bin"));
        double sumSq = 0;
        for (int i = 0; i < mean.length; i++) {
            sumSq += (sample[i] - mean[i]) * (sample[i] - mean[i]);
        }
        double std = Math.sqrt(sumSq / mean.length);
        assertTrue(std > 0.07 && std < 0.13, "posterior noise std " + std);
    }

    @Test
    void refusesACacheOfAnotherAutoencoderNamingBoth() throws Exception {
        Path file = tmp.resolve("latents.bin");
        create(file, new PoolAndMix(0), IDENTITY, LatentCache.Options.defaults());

        AutoencoderIdentity otherWeights = new AutoencoderIdentity("pool-mix", "ckpt/b/manifest.json", SHA_B);
        IOException e = assertThrows(IOException.class, () -> LatentCache.open(file, otherWeights));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected 'pool-mix' (checkpoint ckpt/b/manifest.json, SHA-256 " + SHA_B + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("found 'pool-mix' (checkpoint ckpt/a/manifest.json, SHA-256 " + SHA_A + ")"),
                e.getMessage());

        AutoencoderIdentity otherName = new AutoencoderIdentity("vq-f4", "ckpt/a/manifest.json", SHA_A);
        e = assertThrows(IOException.class, () -> LatentCache.open(file, otherName));
        assertTrue(e.getMessage().contains("expected 'vq-f4'") && e.getMessage().contains("found 'pool-mix'"), e.getMessage());

        // the same weights moved elsewhere (and the hash in upper case) are the same autoencoder
        AutoencoderIdentity moved = new AutoencoderIdentity("pool-mix", "/elsewhere/manifest.json", SHA_A.toUpperCase());
        assertEquals(10, LatentCache.open(file, moved).size());
    }

    @Test
    void identityOfAFileIsItsSha256() throws Exception {
        Path manifest = tmp.resolve("manifest.json");
        Files.writeString(manifest, "{}");
        AutoencoderIdentity id = AutoencoderIdentity.of("kl-f2-cifar10", manifest);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("{}".getBytes(StandardCharsets.UTF_8))),
                id.sha256());
        assertEquals(manifest.toString(), id.checkpoint());
        assertThrows(IllegalArgumentException.class, () -> new AutoencoderIdentity("x", "y", "not-a-hash"));
    }

    @Test
    void refusesAFlippedPayloadByteATruncatedFileAndOtherDamage() throws Exception {
        Path file = tmp.resolve("latents.bin");
        create(file, new PoolAndMix(0), IDENTITY, LatentCache.Options.defaults());
        byte[] good = Files.readAllBytes(file);
        int length = headerLength(file);

        byte[] flipped = good.clone();
        flipped[LatentCache.PREAMBLE_BYTES + length + 37] ^= 0x01;
        Path bad = tmp.resolve("flipped.bin");
        Files.write(bad, flipped);
        LatentCache.readHeader(bad); // the header alone is intact
        IOException e = assertThrows(IOException.class, () -> LatentCache.open(bad, IDENTITY));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("payload SHA-256"), e.getMessage());

        Path truncated = tmp.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(good, good.length - 5));
        e = assertThrows(IOException.class, () -> LatentCache.open(truncated, IDENTITY));
        assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Files.write(truncated, Arrays.copyOf(good, LatentCache.PREAMBLE_BYTES + length / 2));
        e = assertThrows(IOException.class, () -> LatentCache.open(truncated, IDENTITY));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Files.write(truncated, Arrays.copyOf(good, 5));
        e = assertThrows(IOException.class, () -> LatentCache.open(truncated, IDENTITY));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path longer = tmp.resolve("longer.bin");
        Files.write(longer, Arrays.copyOf(good, good.length + 4));
        e = assertThrows(IOException.class, () -> LatentCache.open(longer, IDENTITY));
        assertTrue(e.getMessage().contains("4 bytes after"), e.getMessage());

        byte[] header = good.clone();
        header[LatentCache.PREAMBLE_BYTES + 3] ^= 0x01;
        Path badHeader = tmp.resolve("header.bin");
        Files.write(badHeader, header);
        e = assertThrows(IOException.class, () -> LatentCache.open(badHeader, IDENTITY));
        assertTrue(e.getMessage().contains(badHeader.toString()) && e.getMessage().contains("header's SHA-256"), e.getMessage());

        Path notACache = tmp.resolve("statistics.bin");
        Files.writeString(notACache, "LDDGAN-FEATURE-STATISTICS 1\n{}\n");
        e = assertThrows(IOException.class, () -> LatentCache.open(notACache, IDENTITY));
        assertTrue(e.getMessage().contains(notACache.toString()) && e.getMessage().contains("not a latent cache"), e.getMessage());

        byte[] version = good.clone();
        version[8] = 2;
        Path otherVersion = tmp.resolve("version.bin");
        Files.write(otherVersion, version);
        e = assertThrows(IOException.class, () -> LatentCache.open(otherVersion, IDENTITY));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());

        Path empty = tmp.resolve("empty.bin");
        Files.write(empty, new byte[0]);
        assertThrows(IOException.class, () -> LatentCache.open(empty, IDENTITY));
    }
}
