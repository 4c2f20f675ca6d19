package lddgan.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloads a file and checks its SHA-256 before it appears under its final name: the bytes go to a temporary
 * file beside the target, which is renamed only when the digest matches. A failed or interrupted download
 * changes nothing. Also verifies files already on disk (datasets, feature-network weights).
 */
public final class Download {
    private Download() {
    }

    /**
     * Fetches {@code source} into {@code target} unless {@code target} already exists with the expected digest.
     *
     * @return the target path
     * @throws IOException naming the URL when it cannot be read (offline machines), or naming the file and both
     *     digests when the content does not match
     */
    public static Path fetch(URI source, Path target, String expectedSha256) throws IOException {
        if (Files.isRegularFile(target) && matches(sha256(target), expectedSha256)) {
            return target;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            String actual;
            try {
                URLConnection connection = source.toURL().openConnection();
                connection.setConnectTimeout(20_000);
                connection.setReadTimeout(60_000);
                try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                    actual = copyWithDigest(in, out);
                }
            } catch (IOException e) {
                throw new IOException("Could not download " + source + " (" + e + "). This machine may have no network: "
                        + "download it on a connected machine and place it at " + target + ". Nothing was changed.", e);
            }
            if (!matches(actual, expectedSha256)) {
                throw new IOException("Downloaded " + source + " has SHA-256 " + actual + " but " + describe(expectedSha256)
                        + " was expected for " + target + ": corrupted or changed upstream. Nothing was changed.");
            }
            return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Checks that {@code file} exists and has the expected SHA-256.
     *
     * @return the file's SHA-256 (hashed once, so callers that record it need not hash again)
     * @throws IOException naming the file, the expected digest and how to get the file
     */
    public static String verify(Path file, String expectedSha256, String howToGet) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Missing " + file + " (expected " + describe(expectedSha256) + "). " + howToGet);
        }
        String actual = sha256(file);
        if (!matches(actual, expectedSha256)) {
            throw new IOException(file + " has SHA-256 " + actual + " but " + describe(expectedSha256) + " was expected: the "
                    + "file is corrupted or a different version. " + howToGet);
        }
        return actual;
    }

    /**
     * Whether a digest is the expected one: all 64 hex digits, or, when fewer are known, its first ones (torch.hub's
     * check for the hash prefix in a file name such as {@code pt_inception-2015-12-05-6726825d.pth}).
     */
    public static boolean matches(String actualSha256, String expected) {
        String e = expected.toLowerCase(Locale.ROOT);
        return e.length() == 64 ? actualSha256.equalsIgnoreCase(e) : !e.isEmpty() && actualSha256.toLowerCase(Locale.ROOT)
                .startsWith(e);
    }

    private static String describe(String expected) {
        return expected.length() == 64 ? "SHA-256 " + expected.toLowerCase(Locale.ROOT)
                : "a SHA-256 starting with " + expected.toLowerCase(Locale.ROOT);
    }

    /** The lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copyWithDigest(in, OutputStream.nullOutputStream());
        }
    }

    private static String copyWithDigest(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream din = new DigestInputStream(in, digest)) {
            din.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
