package lddgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import lddgan.config.ProjectPaths;

/**
 * The CIFAR-10 dataset on this machine (the paper's CIFAR-10 32x32 benchmark, Tables 1-3).
 *
 * <p>Where it is looked for:
 * <ol>
 *   <li>the folder in {@value #ENV} (or the system property {@code lddgan.data}), holding {@code data_batch_1.bin} or
 *       a {@code cifar-10-batches-bin} folder that does. When it is set, it must hold the data: an empty value or a
 *       folder without it is an error naming the path, never a fallback to another copy;
 *   <li>otherwise {@code data/cifar-10-batches-bin} under the project root (what {@code make data} writes);
 *   <li>otherwise {@code ../shared/data/cifar10-subset} beside the project root (5,170 train / 1,017 test real images).
 * </ol>
 * Every training file must be there (a missing one is an error, not a smaller set); a {@code SHA256SUMS} file beside
 * them is verified (once per folder and process while the files stay unchanged), so a truncated or altered file is
 * refused naming it.
 *
 * <p>What is read is a named {@link Selection} of records: the small profiles read {@link Selection#SUBSET}, the first
 * records of each official batch, which are exactly the records of the shared subset, so that a reviewer with the
 * full CIFAR-10 ({@code make data}) trains on the very same images and {@code make verify} compares like with like;
 * the paper profile reads {@link Selection#ALL}, which must be the full 50,000.
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
    /** The checksum file of a subset (sha256sum format). */
    public static final String CHECKSUMS = "SHA256SUMS";
    /** Records of each official batch file. */
    public static final int RECORDS_PER_FILE = 10_000;

    /** Folders verified in this process (real path), with the state of their files when they were verified. */
    private static final Map<Path, List<Object>> VERIFIED = new ConcurrentHashMap<>();
    /** One lock per folder, so that concurrent readers of one folder hash it once. */
    private static final Map<Path, Object> VERIFICATION_LOCKS = new ConcurrentHashMap<>();
    /** How many times a folder's files were hashed in this process (for tests). */
    static final AtomicInteger FULL_VERIFICATIONS = new AtomicInteger();

    /**
     * Which records are read: the first {@code train[i]} records of {@code data_batch_(i+1).bin} and the first
     * {@code test} records of {@code test_batch.bin}; -1 reads a whole file.
     *
     * @param name the selection's name, as results record it
     * @param train records per training file
     * @param test records of the test file
     */
    public record Selection(String name, List<Integer> train, int test) {
        /** The shared subset's records (its README): 1,102 + 4 x 1,017 = 5,170 training and 1,017 test images. */
        public static final Selection SUBSET = new Selection("subset-5170", List.of(1102, 1017, 1017, 1017, 1017), 1017);
        /** Every record: on the full dataset 50,000 training and 10,000 test images. */
        public static final Selection ALL = new Selection("all", List.of(-1, -1, -1, -1, -1), -1);

        /** A short description for data set names. */
        String describe() {
            return this == ALL || equals(ALL) ? "every record" : "selection " + name + ": the first " + train + " records of"
                    + " data_batch_1..5, " + test + " of test_batch";
        }
    }

    /**
     * The folder to read: {@value #ENV} when set (which must hold the data), else the first default location that
     * does; empty when nothing was set and nothing is found.
     *
     * @throws IllegalStateException when {@value #ENV} is set but empty or names a folder without CIFAR-10, naming it
     */
    public static Optional<Cifar10> locate() {
        String configured = System.getProperty("lddgan.data", System.getenv(ENV));
        if (configured != null) {
            if (configured.isBlank()) {
                throw new IllegalStateException(ENV + " is set but empty: set it to a folder holding data_batch_1.bin .."
                        + " test_batch.bin, or unset it to use the default locations");
            }
            Path p = Path.of(configured);
            for (Path candidate : List.of(p, p.resolve("cifar-10-batches-bin"))) {
                if (Files.isRegularFile(candidate.resolve(TRAIN_FILES.get(0)))) {
                    return Optional.of(new Cifar10(candidate));
                }
            }
            throw new IllegalStateException(ENV + "=" + configured + " holds no CIFAR-10: expected " + TRAIN_FILES.get(0)
                    + " .. " + TEST_FILE + " in " + p.toAbsolutePath() + " or in its cifar-10-batches-bin folder, found "
                    + (Files.isDirectory(p) ? "neither" : "no such folder") + "; nothing else is used in its place");
        }
        Path root = ProjectPaths.root();
        List<Path> candidates = List.of(root.resolve("data").resolve("cifar-10-batches-bin"),
                root.resolve("..").resolve("shared").resolve("data").resolve("cifar10-subset").normalize());
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve(TRAIN_FILES.get(0)))).findFirst().map(Cifar10::new);
    }

    /** Like {@link #locate()} but failing with a message that says how to get the data. */
    public static Cifar10 require() {
        return locate().orElseThrow(() -> new IllegalStateException("CIFAR-10 not found in data/cifar-10-batches-bin or"
                + " ../shared/data/cifar10-subset: run `make data` on a connected machine, or set " + ENV
                + " to a folder holding data_batch_1.bin .. test_batch.bin"));
    }

    /** The training split: every record of every {@code data_batch_N.bin} ({@link Selection#ALL}). */
    public ImageSet train() throws IOException {
        return train(Selection.ALL);
    }

    /**
     * The training records of a selection, file by file in order.
     *
     * @throws IOException naming the file when one is missing, fails its checksum, or holds fewer records than the
     *     selection takes from it
     */
    public ImageSet train(Selection selection) throws IOException {
        verifyChecksums();
        List<ImageSet> parts = new ArrayList<>();
        for (int i = 0; i < TRAIN_FILES.size(); i++) {
            parts.add(records(TRAIN_FILES.get(i), selection.train().get(i)));
        }
        return ImageSet.concat("CIFAR-10 train (" + selection.describe() + "; " + dir + ")", parts.toArray(ImageSet[]::new));
    }

    /** The test split ({@link Selection#ALL}). */
    public ImageSet test() throws IOException {
        return test(Selection.ALL);
    }

    /** The test records of a selection. */
    public ImageSet test(Selection selection) throws IOException {
        verifyChecksums();
        ImageSet s = records(TEST_FILE, selection.test());
        return new ImageSet("CIFAR-10 test (" + selection.describe() + "; " + dir + ")", s.channels(), s.height(),
                s.width(), s.pixels(), s.labels());
    }

    private ImageSet records(String fileName, int count) throws IOException {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "CIFAR-10 batch file missing from " + dir
                    + " (every one of data_batch_1..5.bin and test_batch.bin is needed; run `make data`)");
        }
        ImageSet all = Cifar10Binary.read(file);
        if (count < 0) {
            return all;
        }
        if (all.size() < count) {
            throw new IOException("CIFAR-10 file " + file + " holds " + all.size() + " records, the selection takes the"
                    + " first " + count);
        }
        return all.limit(count);
    }

    /**
     * Checks every file {@value #CHECKSUMS} lists, when the folder has one: once per folder and process while the
     * files stay as they were ({@link #train} and {@link #test} both call this; the full training split is ~150 MB).
     * The memo is keyed by the folder's real path and, for {@value #CHECKSUMS} and every file it lists, size,
     * modification and status-change time and file key (inode), taken before hashing: a file changed, replaced or
     * touched since the last verification is verified again.
     *
     * @throws IOException naming the file, the expected and the found SHA-256
     */
    public void verifyChecksums() throws IOException {
        Path sums = dir.resolve(CHECKSUMS);
        if (!Files.isRegularFile(sums)) {
            return;
        }
        Path folder = dir.toRealPath();
        synchronized (VERIFICATION_LOCKS.computeIfAbsent(folder, k -> new Object())) {
            List<String[]> listed = new ArrayList<>();
            for (String line : Files.readAllLines(sums)) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2) {
                    listed.add(parts);
                }
            }
            List<Object> state = new ArrayList<>(List.of(fileState(sums)));
            for (String[] parts : listed) {
                Path file = dir.resolve(parts[1]);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString(), null, "listed in " + sums + " but missing");
                }
                state.add(fileState(file));
            }
            if (state.equals(VERIFIED.get(folder))) {
                return;
            }
            VERIFIED.remove(folder);
            for (String[] parts : listed) {
                Path file = dir.resolve(parts[1]);
                String actual = Download.sha256(file);
                if (!actual.equalsIgnoreCase(parts[0])) {
                    throw new IOException("CIFAR-10 file " + file + " does not match " + sums + ": SHA-256 " + actual
                            + ", expected " + parts[0] + " (truncated or altered)");
                }
            }
            FULL_VERIFICATIONS.incrementAndGet();
            VERIFIED.put(folder, state);
        }
    }

    /** What tells a changed file: its name, size, modification and status-change time (where known), file key. */
    private static List<Object> fileState(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Object changed;
        try {
            changed = Files.getAttribute(file, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            changed = "";
        }
        return java.util.Arrays.asList(file.getFileName().toString(), a.size(), a.lastModifiedTime(), changed,
                a.fileKey());
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
