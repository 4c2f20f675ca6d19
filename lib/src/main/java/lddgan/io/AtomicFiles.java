package lddgan.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers never see half of one: the content goes to a temporary file in the same folder, is
 * forced to the disk ({@code fsync}), and is renamed over the target in one step, after which the folder is forced
 * too, so that after a crash or a power cut the target holds the old content (or none) or the whole new one, never
 * a torn or empty file. A failure (a full disk) names the target and leaves no temporary file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically with what {@code writer} produces; creates the folder if needed.
     *
     * @throws IOException naming {@code target} when anything fails (the cause attached)
     */
    public static Path write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            sync(tmp);
            return moveInto(tmp, target);
        } catch (IOException e) {
            throw new IOException("writing " + target + " failed: " + e.getMessage() + "; the previous content (if any)"
                    + " is unchanged", e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Renames a complete, synced file or folder over {@code target} in one step (replacing a file, not a folder) and
     * forces the parent folder so that the rename survives a power cut.
     */
    public static Path moveInto(Path complete, Path target) throws IOException {
        Path moved;
        try {
            moved = Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            moved = Files.move(complete, target, StandardCopyOption.REPLACE_EXISTING);
        }
        sync(target.toAbsolutePath().getParent());
        return moved;
    }

    /**
     * Forces a file's or a folder's content to the disk ({@code fsync}). Folders are forced where the platform allows
     * opening them (Linux, macOS); elsewhere their entries reach the disk with the operating system's next flush.
     */
    public static void sync(Path path) throws IOException {
        boolean folder = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, folder ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!folder) {
                throw e;
            }
        }
    }

    /** Writes bytes atomically. */
    public static Path write(Path target, byte[] content) throws IOException {
        return write(target, out -> out.write(content));
    }

    /** Writes UTF-8 text atomically. */
    public static Path writeString(Path target, String content) throws IOException {
        return write(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
