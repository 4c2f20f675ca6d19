package lddgan.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * Strict JSON reading and writing of network configuration records: unknown keys, missing keys and
 * nulls are rejected, and a record's own validation message is passed through as an
 * {@link IllegalArgumentException} naming the source.
 */
public final class JsonPresets {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonPresets() {
    }

    /**
     * Reads a record from JSON.
     *
     * @param json the JSON text
     * @param type the record class
     * @param source where the text comes from, for messages
     * @throws IllegalArgumentException naming the source and the problem
     */
    public static <T> T fromJson(String json, Class<T> type, String source) {
        try {
            // 1. unknown and missing keys first, named against the record's components
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException(type.getSimpleName() + " from " + source + ": expected a JSON object");
            }
            Set<String> known = new LinkedHashSet<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    known.add(component.getName());
                }
                for (Iterator<String> it = tree.fieldNames(); it.hasNext();) {
                    String key = it.next();
                    if (!known.contains(key)) {
                        throw new IllegalArgumentException(type.getSimpleName() + " from " + source + ": unknown key '"
                                + key + "'; known keys: " + known);
                    }
                }
                for (String key : known) {
                    if (!tree.has(key)) {
                        throw new IllegalArgumentException(type.getSimpleName() + " from " + source + ": missing key '"
                                + key + "'; every key is required: " + known);
                    }
                }
            }
            // 2. bind, letting the record validate its values
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw explain(e, type, source);
        }
    }

    /** Reads the preset {@code dir/name.json} from the class path; {@code known} lists the valid names. */
    public static <T> T loadResource(String dir, String name, Class<T> type, List<String> known) {
        return fromJson(readTree(dir, name, known, type.getSimpleName()).toString(), type,
                "preset " + dir + "/" + name + ".json");
    }

    /**
     * The JSON object of the preset {@code dir/name.json} on the class path, for presets that resolve parts of
     * themselves before binding (nested presets, per-profile sections).
     *
     * @param what the kind of preset, for messages ("training")
     * @throws IllegalArgumentException listing {@code known} when the name is unknown, or when the file is not an object
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode readTree(String dir, String name, List<String> known,
            String what) {
        String path = dir + "/" + name + ".json";
        try (InputStream in = JsonPresets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null || !known.contains(name)) {
                throw new IllegalArgumentException("Unknown " + what + " preset '" + name + "'. Valid presets: "
                        + String.join(", ", known));
            }
            JsonNode node = MAPPER.readTree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
                throw new IllegalArgumentException(what + " preset " + path + ": expected a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /** Writes a record as indented JSON. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalArgumentException explain(JsonProcessingException e, Class<?> type, String source) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException iae) {
            return new IllegalArgumentException(type.getSimpleName() + " from " + source + ": " + iae.getMessage(), e);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new IllegalArgumentException(type.getSimpleName() + " from " + source + ": unknown key '"
                    + u.getPropertyName() + "'; known keys: " + u.getKnownPropertyIds(), e);
        }
        return new IllegalArgumentException(type.getSimpleName() + " from " + source + ": " + e.getOriginalMessage(), e);
    }
}
