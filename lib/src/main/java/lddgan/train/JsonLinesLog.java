package lddgan.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import lddgan.io.AtomicFiles;

/**
 * The machine-readable training log: one JSON object per step ({@link StepRecord}'s fields: losses, R1, the
 * reconstruction weight lambda, learning rates, timing). On start the file is cut back to the steps the trainer has
 * done (a resumed run rewrites the lines after its checkpoint), atomically, dropping with a warning any line that
 * is not a complete record (a torn last line after a kill or a full disk); then lines are appended and flushed.
 */
public final class JsonLinesLog implements TrainingListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private BufferedWriter writer;

    /** A log in {@code file}. */
    public JsonLinesLog(Path file) {
        this.file = file;
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    @Override
    public void onStart(Trainer trainer, TrainingBudget budget) {
        try {
            close();
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> kept = new ArrayList<>();
            if (Files.exists(file)) {
                // a kill or a full disk can leave a torn last line: drop what does not parse, say so, and go on
                String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i];
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (JsonProcessingException e) {
                        System.err.printf("training log %s: line %d is not a complete JSON record (a write was cut"
                                + " short); dropped, the log continues from step %d%n", file, i + 1, trainer.step());
                        continue;
                    }
                    if (node.path("step").asLong(Long.MAX_VALUE) <= trainer.step()) {
                        kept.add(line);
                    }
                }
            }
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the training log " + file, e);
        }
    }

    @Override
    public void onStep(StepMetrics record) {
        try {
            ObjectNode node = JSON.valueToTree(record);
            // NaN (a quantity not computed this step, e.g. R1 between lazy steps) is not JSON: null
            for (var it = node.fields(); it.hasNext();) {
                var field = it.next();
                if (field.getValue().isNumber() && Double.isNaN(field.getValue().asDouble())) {
                    field.setValue(com.fasterxml.jackson.databind.node.NullNode.getInstance());
                }
            }
            writer.write(node.toString());
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training log " + file, e);
        }
    }

    @Override
    public void onEnd(TrainingSummary summary) {
        close();
    }

    /**
     * Reads a log back as the records of one loop ({@link StepRecord}, {@link AutoencoderStepRecord},
     * {@link DiffusionStepRecord}), a quantity written as null (not computed that step) read as NaN: the whole run
     * from step 1, over every resumed segment.
     *
     * @throws IOException naming the file and the line when a line is not such a record
     */
    public static <T extends Record & StepMetrics> List<T> readRecords(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        int line = 0;
        for (JsonNode node : read(file)) {
            line++;
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            for (var c : type.getRecordComponents()) {
                if (c.getType() == double.class && copy.path(c.getName()).isNull()) {
                    copy.put(c.getName(), Double.NaN);
                }
            }
            try {
                out.add(JSON.treeToValue(copy, type));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException("training log " + file + ", record " + line + ": not a " + type.getSimpleName()
                        + ": " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }

    /** Reads a log back: one JSON object per step. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                writer = null;
            }
        }
    }
}
