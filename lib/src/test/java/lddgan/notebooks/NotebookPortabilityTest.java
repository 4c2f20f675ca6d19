package lddgan.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lddgan.config.ProjectPaths;
import org.junit.jupiter.api.Test;

/**
 * Every notebook runs unchanged on the project kernel (rapaio), IJava and JJava: only magics that behave the same
 * on all three, each alone in its cell; no library code (types) in cells. README "Kernels" lists the rules. And every
 * notebook reads as a chapter: no code cell over {@value #MAX_CELL_LINES} lines, no per-profile branching (budgets
 * come from the experiment presets, {@code lib/src/main/resources/presets/experiments/}).
 */
class NotebookPortabilityTest {
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("^\\s*(public\\s+|abstract\\s+|final\\s+|static\\s+)*(class|interface|record|enum)\\s+\\w+", Pattern.MULTILINE);

    /** The longest code cell a chapter has (non-blank lines). */
    static final int MAX_CELL_LINES = 25;
    private static final Pattern PROFILE_BRANCH = Pattern.compile(
            "switch\\s*\\(\\s*profile\\s*\\)|profile\\s*[!=]=\\s*Profile\\.|Profile\\.(SMOKE|CPU|PAPER)\\s*[!=]=\\s*profile");

    /** What keeps a code cell from being configuration, calls and display: too long, or branching on the profile. */
    static List<String> chapterProblems(String source) {
        List<String> out = new ArrayList<>();
        long lines = source.lines().filter(l -> !l.isBlank()).count();
        if (lines > MAX_CELL_LINES) {
            out.add(lines + " lines, more than " + MAX_CELL_LINES + ": move the logic into lib/");
        }
        if (PROFILE_BRANCH.matcher(source).find()) {
            out.add("branches on the profile: per-profile values belong in presets/experiments/");
        }
        return out;
    }

    /** The problems of one code cell's source, empty when it is portable. */
    static List<String> problems(String source) {
        List<String> out = new ArrayList<>();
        List<String> lines = source.lines().filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            String t = line.trim();
            if (!t.startsWith("%")) {
                continue;
            }
            if (lines.size() != 1) {
                out.add("magic mixed with other lines: " + t);
            }
            String[] words = t.split("\\s+");
            String magic = words[0];
            switch (magic) {
                case "%jars" -> {
                    if (words.length != 2 || !words[1].endsWith(".jar") || words[1].contains("*") || words[1].contains("?")) {
                        out.add("%jars takes exactly one .jar file (no glob, no folder): " + t);
                    }
                }
                case "%classpath" -> {
                    if (words.length != 2 || words[1].endsWith(".jar") || words[1].contains("*")) {
                        out.add("%classpath takes exactly one folder: " + t);
                    }
                }
                case "%load" -> {
                    if (words.length != 2 || !words[1].endsWith(".jsh")) {
                        out.add("%load takes one .jsh file with its extension: " + t);
                    }
                }
                default -> out.add("non-portable magic " + magic + " (allowed: %jars FILE.jar, %classpath DIR, %load FILE.jsh)");
            }
        }
        if (TYPE_DECLARATION.matcher(source).find()) {
            out.add("declares a type: library code belongs in lib/, notebooks only call it");
        }
        return out;
    }

    @Test
    void rulesCatchWhatIsNotPortable() {
        assertTrue(problems("var x = 1;\nSystem.out.println(x);").isEmpty());
        assertTrue(problems("%jars ../lib/target/lddgan.jar").isEmpty());
        assertTrue(problems("%load setup.jsh").isEmpty());
        assertFalse(problems("%maven ai.djl:api:0.36.0").isEmpty());
        assertFalse(problems("%%loadFromPOM\n<dependency/>").isEmpty());
        assertFalse(problems("%jars ../lib/*.jar").isEmpty());
        assertFalse(problems("%jars ../lib/target").isEmpty());
        assertFalse(problems("%jars a.jar b.jar").isEmpty());
        assertFalse(problems("%jars a.jar\nvar x = 1;").isEmpty());
        assertFalse(problems("%load setup").isEmpty());
        assertFalse(problems("class Net extends AbstractBlock {}").isEmpty());
    }

    @Test
    void chapterRulesCatchLongCellsAndProfileBranches() {
        assertTrue(chapterProblems("var e = Experiment.of(\"02-main-results\", profile);\nShow.table(t);").isEmpty());
        assertTrue(chapterProblems("Conditions.of(Profile.PAPER, \"none\", 0, device, 0, 1.0);").isEmpty());
        assertFalse(chapterProblems("long s = switch (profile) { case SMOKE -> 3L; default -> 4L; };").isEmpty());
        assertFalse(chapterProblems("int n = profile == Profile.SMOKE ? 64 : 1000;").isEmpty());
        assertFalse(chapterProblems("x();\n".repeat(MAX_CELL_LINES + 1)).isEmpty());
        assertTrue(chapterProblems("x();\n\n".repeat(MAX_CELL_LINES)).isEmpty(), "blank lines do not count");
    }

    @Test
    void everyNotebookIsPortable() throws IOException {
        Path dir = ProjectPaths.root().resolve("notebooks");
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(dir)) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        for (Path nb : notebooks) {
            JsonNode root = json.readTree(nb.toFile());
            assertEquals("java", root.at("/metadata/kernelspec/language").asText(), nb + ": kernelspec language");
            int index = 0;
            for (JsonNode cell : root.get("cells")) {
                index++;
                if (!"code".equals(cell.get("cell_type").asText())) {
                    continue;
                }
                StringBuilder src = new StringBuilder();
                JsonNode source = cell.get("source");
                if (source.isArray()) {
                    source.forEach(l -> src.append(l.asText()));
                } else {
                    src.append(source.asText());
                }
                List<String> found = new ArrayList<>(problems(src.toString()));
                found.addAll(chapterProblems(src.toString()));
                for (String p : found) {
                    failures.add(nb.getFileName() + " cell " + index + ": " + p);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
