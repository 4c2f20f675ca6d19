package lddgan.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint writes: unfinished ones cleaned up, failures named (issue 21, defects 5 and 6). */
class CheckpointStoreTest {
    @TempDir
    Path tmp;

    private static CheckpointManifest manifest(long step, Map<String, String> hashes) {
        return new CheckpointManifest(CheckpointManifest.FORMAT, "test", JsonNodeFactory.instance.objectNode(), step, 0, 0,
                "data", 1, "pixel", null, 0, 0, 1.5, hashes, "now");
    }

    private static Map<String, CheckpointStore.FileWriter> files(String content) {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put("generator.params", out -> out.write(content.getBytes()));
        return files;
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anUnfinishedWriteLeftByAKillIsRemovedByTheNextOne() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 2);
        store.write(1, files("a"), h -> manifest(1, h));
        Path stale = Files.createDirectories(tmp.resolve(".writing-step-0000000002-12345"));
        Files.write(stale.resolve("generator.params"), new byte[1 << 20]);
        assertEquals(List.of(".writing-step-0000000002-12345", "step-0000000001"), names(tmp));
        assertEquals("step-0000000001", store.latest().orElseThrow().getFileName().toString(),
                "an unfinished write is never a state to resume");
        store.write(2, files("b"), h -> manifest(2, h));
        assertEquals(List.of("step-0000000001", "step-0000000002"), names(tmp));
        CheckpointStore.verify(tmp.resolve("step-0000000002"));
    }

    @Test
    void removeUnfinishedKeepsCompleteCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 3);
        store.write(5, files("a"), h -> manifest(5, h));
        Files.createDirectories(tmp.resolve(".writing-step-0000000006-1"));
        assertEquals(List.of(tmp.resolve(".writing-step-0000000006-1")), store.removeUnfinished());
        assertEquals(List.of("step-0000000005"), names(tmp));
    }

    @Test
    void aFullDiskNamesTheCheckpointFileAndLeavesTheEarlierCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 2);
        store.write(1, files("a"), h -> manifest(1, h));
        Map<String, CheckpointStore.FileWriter> failing = new LinkedHashMap<>();
        failing.put("discriminator.params", out -> {
            throw new IOException("No space left on device");
        });
        IOException e = assertThrows(IOException.class, () -> store.write(2, failing, h -> manifest(2, h)));
        assertTrue(e.getMessage().contains(tmp.resolve("step-0000000002").resolve("discriminator.params").toString())
                && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of("step-0000000001"), names(tmp), "no partial checkpoint, no unfinished folder");
    }
}
