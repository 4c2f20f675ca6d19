package lddgan.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import lddgan.config.ProjectPaths;

/**
 * {@code make data}: downloads the official CIFAR-10 binary archive, checks its SHA-256 and unpacks it to
 * {@code data/cifar-10-batches-bin}. Offline it fails with a clear message and changes nothing.
 */
public final class Cifar10Download {
    /** The official archive (Krizhevsky, 2009). */
    public static final URI ARCHIVE_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** SHA-256 of the official archive (170,052,171 bytes; its MD5 is c32a1d4ab5d03f1284b67883e8d87530). */
    public static final String ARCHIVE_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";

    private Cifar10Download() {
    }

    /**
     * Downloads (if needed) and unpacks the archive into {@code dataDir/cifar-10-batches-bin}, atomically: the
     * batches are unpacked into a temporary folder and renamed into place only when all six files read back.
     */
    public static Path install(URI source, String sha256, Path dataDir) throws IOException {
        Path finalDir = dataDir.resolve("cifar-10-batches-bin");
        if (Files.isRegularFile(finalDir.resolve(Cifar10.TEST_FILE))) {
            return finalDir;
        }
        Path archive = Download.fetch(source, dataDir.resolve("cifar-10-binary.tar.gz"), sha256);
        Path tmp = Files.createTempDirectory(dataDir, "cifar10-unpack");
        try {
            TarGz.extract(archive, tmp);
            Path unpacked = tmp.resolve("cifar-10-batches-bin");
            Cifar10 check = new Cifar10(unpacked);
            int train = check.train().size();
            int test = check.test().size();
            Files.move(unpacked, finalDir, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("CIFAR-10 ready in " + finalDir + ": " + train + " train and " + test + " test images");
            return finalDir;
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Entry point of {@code make data}. */
    public static void main(String[] args) {
        try {
            install(ARCHIVE_URL, ARCHIVE_SHA256, ProjectPaths.dataDir());
        } catch (IOException | RuntimeException e) {
            System.err.println("make data failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
