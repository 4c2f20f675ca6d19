package lddgan.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import lddgan.io.AtomicFiles;
import lddgan.io.Json;
import lddgan.metrics.PeakMemory;
import tech.tablesaw.api.Table;

/**
 * Writes results under a folder of {@code results/}: JSON through Jackson, CSV through Tablesaw, each written
 * atomically and each stamped with its {@link Conditions}. A JSON result is
 * {@code {"name": ..., "conditions": {...}, "result": ...}}; a CSV result has a sibling {@code NAME.conditions.json}.
 */
public final class Results {
    /** The shared JSON mapper ({@link Json#MAPPER}). */
    public static final ObjectMapper JSON = Json.MAPPER;

    private final Path dir;

    /**
     * Results in {@code dir} (created on first write); from here on the process's garbage collections are watched for
     * the heap's needs the result files record ({@link PeakMemory#watchCollections}).
     */
    public Results(Path dir) {
        PeakMemory.watchCollections();
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** Results in {@code results/<name>} of this project (or of {@code LDDGAN_RESULTS_DIR}). */
    public static Results in(String name) {
        return new Results(lddgan.config.ProjectPaths.resultsDir().resolve(name));
    }

    /** The folder written to. */
    public Path dir() {
        return dir;
    }

    /** Writes {@code NAME.json} holding the conditions and the result (any Jackson-serialisable value). */
    public Path writeJson(String name, Object result, Conditions conditions) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.set("conditions", JSON.valueToTree(conditions));
        root.set("result", JSON.valueToTree(result));
        return AtomicFiles.writeString(dir.resolve(name + ".json"), JSON.writeValueAsString(root) + "\n");
    }

    /** Writes {@code NAME.csv} from a table, and its conditions beside it as {@code NAME.conditions.json}. */
    public Path writeCsv(String name, Table table, Conditions conditions) throws IOException {
        StringWriter out = new StringWriter();
        table.write().csv(out);
        AtomicFiles.writeString(dir.resolve(name + ".conditions.json"), JSON.writeValueAsString(conditions) + "\n");
        return AtomicFiles.write(dir.resolve(name + ".csv"), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a table both ways: {@code NAME.json} (rows as objects) and {@code NAME.csv}. */
    public Path writeTable(String name, Table table, Conditions conditions) throws IOException {
        writeCsv(name, table, conditions);
        return writeJson(name, Tables.rows(table), conditions);
    }

    /** Writes a binary file (a PNG figure, say) atomically. */
    public Path writeBytes(String fileName, byte[] content) throws IOException {
        return AtomicFiles.write(dir.resolve(fileName), content);
    }
}
