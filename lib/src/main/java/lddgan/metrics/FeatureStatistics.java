package lddgan.metrics;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import lddgan.data.ImageSet;
import lddgan.io.AtomicFiles;
import org.ejml.data.DMatrixRMaj;

/**
 * The mean mu and covariance Sigma of a set's features, the sufficient statistics of FID (Heusel et al. 2017,
 * Sec. 3; pytorch-fid's {@code .npz} files hold the same two arrays).
 *
 * <p>File format ({@link #write}, {@link #read}): a first line {@value #MAGIC}, a second line of JSON naming the
 * dataset, the extractor, N and the dimension, then mu (d) and Sigma (d x d, row-major) as big-endian float64.
 *
 * @param dataset what the features were computed from (a {@link DatasetKey} text, or a description of samples)
 * @param extractorId the {@link FeatureExtractor#id()} used
 * @param count N, the number of feature vectors
 * @param mean mu, d values
 * @param covariance Sigma, d x d values, row-major
 */
public record FeatureStatistics(String dataset, String extractorId, long count, double[] mean, double[] covariance) {
    /** First line of a statistics file. */
    public static final String MAGIC = "LDDGAN-FEATURE-STATISTICS 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public FeatureStatistics {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(extractorId, "extractorId");
        if ((long) mean.length * mean.length != covariance.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " values but covariance " + covariance.length);
        }
    }

    /** The feature dimension d. */
    public int dimension() {
        return mean.length;
    }

    /** Sigma as an EJML matrix (a copy). */
    public DMatrixRMaj covarianceMatrix() {
        return new DMatrixRMaj(dimension(), dimension(), true, covariance.clone());
    }

    /** Statistics of the features of every image of a set, {@code batchSize} images at a time. */
    public static FeatureStatistics of(FeatureExtractor extractor, ImageSet images, int batchSize, String dataset) {
        FeatureMoments moments = new FeatureMoments(extractor.dimension());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < images.size(); from += batchSize) {
                try (NDManager batch = manager.newSubManager()) {
                    moments.add(extractor.features(images.batch(batch, from, Math.min(images.size(), from + batchSize))));
                }
            }
        }
        return moments.statistics(dataset, extractor.id());
    }

    /** Writes the statistics atomically (the bytes whose SHA-256 is {@link #sha256()}). */
    public Path write(Path file) throws IOException {
        return AtomicFiles.write(file, this::writeTo);
    }

    /**
     * The SHA-256 of these statistics in this project's file format ({@link #write}): the digest {@code sha256sum}
     * prints for the cached {@code .stats} file, recorded with every FID computed against them.
     */
    public String sha256() {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            try (java.security.DigestOutputStream out = new java.security.DigestOutputStream(
                    java.io.OutputStream.nullOutputStream(), digest)) {
                writeTo(out);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest feature statistics", e);
        }
    }

    private void writeTo(java.io.OutputStream out) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("dataset", dataset);
        header.put("extractor", extractorId);
        header.put("count", count);
        header.put("dimension", dimension());
        byte[] head = (MAGIC + "\n" + JSON.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(head);
        for (double v : mean) {
            data.writeDouble(v);
        }
        for (double v : covariance) {
            data.writeDouble(v);
        }
        data.flush();
    }

    /**
     * Reads statistics written by {@link #write}.
     *
     * @throws IOException when the file is not a statistics file or is truncated, naming the file
     */
    public static FeatureStatistics read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(raw);
            String magic = readLine(in);
            if (!MAGIC.equals(magic)) {
                throw new IOException(file + " is not a feature statistics file (first line '" + magic + "', expected '" + MAGIC + "')");
            }
            JsonNode header = JSON.readTree(readLine(in));
            int d = header.get("dimension").asInt();
            double[] mean = new double[d];
            double[] covariance = new double[d * d];
            try {
                for (int i = 0; i < d; i++) {
                    mean[i] = in.readDouble();
                }
                for (int i = 0; i < d * d; i++) {
                    covariance[i] = in.readDouble();
                }
            } catch (java.io.EOFException e) {
                throw new IOException(file + " is truncated (dimension " + d + ")", e);
            }
            return new FeatureStatistics(header.get("dataset").asText(), header.get("extractor").asText(),
                    header.get("count").asLong(), mean, covariance);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || s.length() > 100_000) {
                throw new IOException("unexpected end of header");
            }
            s.append((char) c);
        }
        return new String(s.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
