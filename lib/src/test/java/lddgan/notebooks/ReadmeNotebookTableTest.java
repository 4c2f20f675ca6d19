package lddgan.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lddgan.config.ProjectPaths;
import org.junit.jupiter.api.Test;

/** The README's table of notebooks links every notebook and an executed copy of it that exists (issue 24). */
class ReadmeNotebookTableTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\| \\[`([0-9]{2}-[a-z-]+)`\\]\\(notebooks/\\1\\.ipynb\\) \\|.*\\[(cpu|smoke)\\]\\((results/\\2/executed/\\1\\.ipynb)\\)",
            Pattern.MULTILINE);

    @Test
    void everyNotebookIsLinkedWithAnExecutedCopyThatExists() throws IOException {
        Path root = ProjectPaths.root();
        String readme = Files.readString(root.resolve("README.md"));
        List<String> notebooks;
        try (Stream<Path> files = Files.list(root.resolve("notebooks"))) {
            notebooks = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{2}-.*\\.ipynb"))
                    .map(n -> n.replace(".ipynb", "")).sorted().toList();
        }
        Matcher m = ROW.matcher(readme);
        List<String> linked = new java.util.ArrayList<>();
        while (m.find()) {
            linked.add(m.group(1));
            Path executed = root.resolve(m.group(3));
            assertTrue(Files.isRegularFile(executed), "README links " + m.group(3) + ", which does not exist");
            assertTrue(Files.readString(executed).contains("\"output_type\""), m.group(3) + " holds no outputs");
        }
        assertEquals(notebooks, linked, "README's table of notebooks, in order");
    }
}
