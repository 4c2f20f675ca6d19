package lddgan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: whole or nothing, synced, and a failure (a full disk) names the file (issue 21, defects 5 and 10). */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aFailingWriteNamesTheFileAndLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("results/table3.json");
        AtomicFiles.writeString(target, "old\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("No space left on device"),
                e.getMessage());
        assertEquals("old\n", Files.readString(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsNamedToo() throws IOException {
        Path blocker = tmp.resolve("blocker");
        Files.writeString(blocker, "a file where a folder should be");
        Path target = blocker.resolve("x.json");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "{}"));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    }

    @Test
    void syncAcceptsFilesAndFolders() throws IOException {
        Path file = AtomicFiles.writeString(tmp.resolve("a.txt"), "a");
        AtomicFiles.sync(file);
        AtomicFiles.sync(tmp);
        assertEquals("a", Files.readString(file));
    }
}
