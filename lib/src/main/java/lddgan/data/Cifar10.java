package lddgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import lddgan.config.ProjectPaths;

/**
 * The CIFAR-10 dataset on this machine (the paper's Sec. 5.1.1 CIFAR-10 32x32 benchmark).
 *
 * <p>Where it is looked for, first match wins:
 * <ol>
 *   <li>the folder in {@value #ENV} (holding {@code data_batch_1.bin}, or a {@code cifar-10-batches-bin} folder that does);
 *   <li>{@code data/cifar-10-batches-bin} under the project root (what {@code make data} writes);
 *   <li>{@code ../shared/data/cifar10-subset} beside the project root (5,170 train / 1,017 test real images).
 * </ol>
 *
 * @param dir the folder holding the batch files
 */
public record Cifar10(Path dir) {
    /** Environment variable (and system property {@code lddgan.data}) naming the CIFAR-10 folder. */
    public static final String ENV = "LDDGAN_DATA_DIR";
    /** The five training batch files. */
    public static final List<String> TRAIN_FILES = IntStream.rangeClosed(1, 5).mapToObj(i -> "data_batch_" + i + ".bin").toList();
    /** The test batch file. */
    public static final String TEST_FILE = "test_batch.bin";

    /** The first folder in the search order that holds CIFAR-10 batch files, if any. */
    public static Optional<Cifar10> locate() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("lddgan.data", System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            candidates.add(p);
            candidates.add(p.resolve("cifar-10-batches-bin"));
        }
        Path root = ProjectPaths.root();
        candidates.add(root.resolve("data").resolve("cifar-10-batches-bin"));
        candidates.add(root.resolve("..").resolve("shared").resolve("data").resolve("cifar10-subset").normalize());
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve(TRAIN_FILES.get(0)))).findFirst().map(Cifar10::new);
    }

    /** Like {@link #locate()} but failing with a message that says how to get the data. */
    public static Cifar10 require() {
        return locate().orElseThrow(() -> new IllegalStateException("CIFAR-10 not found: run `make data` on a connected machine, "
                + "or set " + ENV + " to a folder holding data_batch_1.bin .. test_batch.bin"));
    }

    /** The training split: every {@code data_batch_N.bin} present, in order. */
    public ImageSet train() throws IOException {
        List<Path> files = TRAIN_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
        return Cifar10Binary.read("CIFAR-10 train (" + dir + ")", files);
    }

    /** The test split. */
    public ImageSet test() throws IOException {
        ImageSet s = Cifar10Binary.read(dir.resolve(TEST_FILE));
        return new ImageSet("CIFAR-10 test (" + dir + ")", s.channels(), s.height(), s.width(), s.pixels(), s.labels());
    }

    /** True when this is the full dataset (50,000 training images) rather than a subset. */
    public boolean isFull() throws IOException {
        long bytes = 0;
        for (String f : TRAIN_FILES) {
            Path p = dir.resolve(f);
            bytes += Files.isRegularFile(p) ? Files.size(p) : 0;
        }
        return bytes == 50_000L * Cifar10Binary.RECORD_BYTES;
    }
}
