package lddgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The layers of {@code lib/ARCHITECTURE.md}, checked on the compiled main classes (ArchUnit reads the bytecode, so
 * fully qualified names and static calls count as much as imports; Javadoc does not): a class of a package may depend
 * only on packages of lower layers, and every package under {@code lddgan} has a layer.
 */
class ArchitectureTest {
    private static final Path DOC = Path.of("ARCHITECTURE.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|([^|]*)\\|");
    private static final Pattern NAME = Pattern.compile("`([a-z]+)`");

    @Test
    void everyPackageImportsOnlyPackagesOfLowerLayers() throws IOException {
        Map<String, Integer> layers = layers(Files.readString(DOC));
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("lddgan");
        assertTrue(main.size() > 100, "the main classes were found (" + main.size() + ")");
        Set<String> found = new TreeSet<>();
        main.forEach(c -> found.add(top(c)));
        Set<String> unplaced = new TreeSet<>(found);
        unplaced.removeAll(layers.keySet());
        assertTrue(unplaced.isEmpty(), "packages without a layer in " + DOC.toAbsolutePath() + ": " + unplaced);
        List<String> violations = violations(main, layers);
        assertTrue(violations.isEmpty(), violations.size() + " dependencies against the layers of "
                + DOC.toAbsolutePath() + ":\n" + String.join("\n", violations));
    }

    @Test
    void theCheckCatchesAnUpwardDependency() {
        // a fixture of this test package poses as lddgan.nn and calls into lddgan.train
        JavaClasses fixture = new ClassFileImporter().importClasses(ArchitectureFixtures.NnCallingTrain.class,
                lddgan.train.TrainingBudget.class);
        Map<String, Integer> layers = Map.of("nn", 2, "train", 6, "lddgan", 9);
        List<String> violations = new ArrayList<>();
        for (JavaClass c : fixture) {
            if (c.isEquivalentTo(ArchitectureFixtures.NnCallingTrain.class)) {
                violations.addAll(check(c, "nn", layers));
            }
        }
        assertFalse(violations.isEmpty(), "an nn class calling train must be reported");
        assertTrue(violations.get(0).contains("nn (layer 2) -> train (layer 6)"), violations.get(0));
    }

    @Test
    void theTableIsReadAsWritten() {
        Map<String, Integer> layers = layers("""
                | layer | packages | what |
                |---|---|---|
                | 3 | `a`, `b` | two rooms |
                | 0 | `c` | one |
                """);
        assertEquals(Map.of("a", 3, "b", 3, "c", 0), layers);
    }

    /** Package name -> layer, from the table rows "| n | `p`, `q` | ... |". */
    static Map<String, Integer> layers(String doc) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : doc.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            int layer = Integer.parseInt(row.group(1));
            Matcher name = NAME.matcher(row.group(2));
            while (name.find()) {
                Integer before = out.put(name.group(1), layer);
                if (before != null) {
                    throw new IllegalArgumentException("package " + name.group(1) + " is in layers " + before + " and " + layer);
                }
            }
        }
        return out;
    }

    private static List<String> violations(JavaClasses classes, Map<String, Integer> layers) {
        List<String> out = new ArrayList<>();
        for (JavaClass c : classes) {
            out.addAll(check(c, top(c), layers));
        }
        return out;
    }

    private static List<String> check(JavaClass c, String from, Map<String, Integer> layers) {
        List<String> out = new ArrayList<>();
        Integer own = layers.get(from);
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
            JavaClass target = d.getTargetClass();
            if (!target.getPackageName().startsWith("lddgan.")) {
                continue;
            }
            String to = top(target);
            if (to.equals(from)) {
                continue;
            }
            Integer other = layers.get(to);
            if (own != null && other != null && other >= own) {
                out.add(from + " (layer " + own + ") -> " + to + " (layer " + other + "): " + d.getDescription());
            }
        }
        return out;
    }

    /** The package right under lddgan ("train" for lddgan.train.GanTrainer). */
    private static String top(JavaClass c) {
        String p = c.getPackageName();
        String rest = p.startsWith("lddgan.") ? p.substring("lddgan.".length()) : p;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
