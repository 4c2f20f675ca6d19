package lddgan.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import lddgan.data.Download;
import lddgan.io.AtomicFiles;

/**
 * The checkpoint directories of one run: {@code <root>/step-0000001200/} with the files and a
 * {@link CheckpointManifest}. A checkpoint is written into a hidden temporary directory and renamed into place
 * atomically, so a crash never leaves a half-written checkpoint under a real name; older ones beyond
 * {@code keep} are deleted only after the new one is in place. Reading verifies every file's SHA-256.
 */
public final class CheckpointStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PREFIX = "step-";
    private static final String UNFINISHED = ".writing-";

    /** Writes one file of a checkpoint. */
    @FunctionalInterface
    public interface FileWriter {
        void write(OutputStream out) throws IOException;
    }

    private final Path root;
    private final int keep;

    /**
     * A store in {@code root}.
     *
     * @param keep how many of the newest checkpoints to keep (at least 1)
     */
    public CheckpointStore(Path root, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.root = root;
        this.keep = keep;
    }

    /** The directory holding the checkpoints. */
    public Path root() {
        return root;
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param step steps done (the directory name)
     * @param files file name to writer, in order
     * @param manifest builds the manifest from the files' SHA-256
     * @return the checkpoint directory
     */
    public Path write(long step, Map<String, FileWriter> files, Function<Map<String, String>, CheckpointManifest> manifest)
            throws IOException {
        Files.createDirectories(root);
        removeUnfinished();
        Path target = directory(step);
        Path temporary = Files.createTempDirectory(root, UNFINISHED + name(step) + "-");
        try {
            Map<String, String> hashes = new LinkedHashMap<>();
            for (Map.Entry<String, FileWriter> file : files.entrySet()) {
                Path path = temporary.resolve(file.getKey());
                try (OutputStream out = Files.newOutputStream(path)) {
                    file.getValue().write(out);
                } catch (IOException e) {
                    throw new IOException("writing checkpoint file " + target.resolve(file.getKey()) + " failed: "
                            + e.getMessage() + "; the checkpoints already in " + root + " are unchanged", e);
                }
                AtomicFiles.sync(path);
                hashes.put(file.getKey(), Download.sha256(path));
            }
            Path manifestFile = temporary.resolve(CheckpointManifest.FILE);
            JSON.writeValue(manifestFile.toFile(), manifest.apply(hashes));
            AtomicFiles.sync(manifestFile);
            AtomicFiles.sync(temporary);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            AtomicFiles.moveInto(temporary, target);
        } finally {
            if (Files.exists(temporary)) {
                deleteTree(temporary);
            }
        }
        prune();
        return target;
    }

    /**
     * Deletes the folders of checkpoint writes that never finished (a kill or a power cut during {@link #write}): a
     * checkpoint is complete only once renamed to its {@code step-N} name, so an {@code .writing-*} folder never holds
     * a state to resume. Called before every write and when a run looks for its checkpoint.
     *
     * @return the folders removed
     */
    public List<Path> removeUnfinished() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> stale;
        try (Stream<Path> entries = Files.list(root)) {
            stale = entries.filter(p -> p.getFileName().toString().startsWith(UNFINISHED) && Files.isDirectory(p)).toList();
        }
        for (Path p : stale) {
            deleteTree(p);
        }
        return stale;
    }

    /** The directory a checkpoint after {@code step} steps has. */
    public Path directory(long step) {
        return root.resolve(name(step));
    }

    /** The newest checkpoint directory (by step), if any. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** All checkpoint directories, oldest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf)).toList();
        }
    }

    /**
     * Reads a checkpoint's manifest and verifies every file it lists.
     *
     * @throws IOException when the manifest is missing, unreadable or of another format, or a file is missing or
     *     its SHA-256 differs; the message names the file
     */
    public static CheckpointManifest verify(Path directory) throws IOException {
        Path manifestFile = directory.resolve(CheckpointManifest.FILE);
        CheckpointManifest manifest;
        try {
            manifest = JSON.readValue(manifestFile.toFile(), CheckpointManifest.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IOException("checkpoint " + directory + " has no " + CheckpointManifest.FILE
                    + ": not a checkpoint, or an incomplete one", e);
        } catch (IOException e) {
            throw new IOException("checkpoint manifest " + manifestFile + " is not valid JSON of format "
                    + CheckpointManifest.FORMAT + ": " + e.getMessage(), e);
        }
        if (!CheckpointManifest.FORMAT.equals(manifest.format())) {
            throw new IOException("checkpoint manifest " + manifestFile + " has format '" + manifest.format()
                    + "', expected '" + CheckpointManifest.FORMAT + "'");
        }
        if (manifest.files() == null || manifest.config() == null) {
            throw new IOException("checkpoint manifest " + manifestFile + " lacks 'files' or 'config'");
        }
        for (Map.Entry<String, String> file : manifest.files().entrySet()) {
            Path path = directory.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new IOException("checkpoint file " + path + " is missing");
            }
            String actual = Download.sha256(path);
            if (!actual.equalsIgnoreCase(file.getValue())) {
                throw new IOException("checkpoint file " + path + " is corrupted: SHA-256 " + actual + ", the manifest says "
                        + file.getValue());
            }
        }
        return manifest;
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(list());
        while (all.size() > keep) {
            deleteTree(all.remove(0));
        }
    }

    private static String name(long step) {
        return String.format("%s%010d", PREFIX, step);
    }

    private static long stepOf(Path directory) {
        return Long.parseLong(directory.getFileName().toString().substring(PREFIX.length()));
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
