package lddgan.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
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
 * Strict JSON reading and writing of configuration records (presets, checkpoint manifests): unknown keys, missing
 * keys, nulls, duplicate keys and values of another type (a fraction for an integer, a string for a number, a number
 * for a boolean or a string) are rejected, each with an {@link IllegalArgumentException} naming the source, the key,
 * the expected type and the value found; a record's own validation message is passed through the same way.
 */
public final class JsonPresets {
    /**
     * The name of a variant of a preset: {@code suffix} inserted before the profile part of {@code name}
     * ("cifar10-f2@cpu" with "-kl0.01" is "cifar10-f2-kl0.01@cpu"; a name without a profile part gets it appended), so
     * that the variant's checkpoints are its own and still name the profile.
     */
    public static String variantName(String name, String suffix) {
        int at = name.indexOf('@');
        return at < 0 ? name + suffix : name.substring(0, at) + suffix + name.substring(at);
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // strict types: no 15.9 -> 15, no "15" -> 15, no 1 -> true, no duplicate keys (an integer for a
            // floating-point field stays allowed: JSON writes 1 and 1.0 alike)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
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
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " preset " + path + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /**
     * Parses a JSON object with the strict reader (duplicate keys refused).
     *
     * @param source where the text comes from, for messages
     * @throws IllegalArgumentException naming the source when the text is not one JSON object
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode parseObject(String json, String source) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            throw new IllegalArgumentException(source + ": expected a JSON object");
        }
        return object;
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
        String where = type.getSimpleName() + " from " + source + ": ";
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException iae) {
            return new IllegalArgumentException(where + iae.getMessage(), e);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new IllegalArgumentException(where + "unknown key '" + u.getPropertyName() + "'; known keys: "
                    + u.getKnownPropertyIds(), e);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && !m.getPath().isEmpty()) {
            String found = m instanceof InvalidFormatException f ? " " + f.getValue() : "";
            return new IllegalArgumentException(where + "key '" + key(m) + "' expects " + typeName(m.getTargetType())
                    + ", found" + (found.isEmpty() ? " a value of another type" : found) + " (" + e.getOriginalMessage()
                    + ")", e);
        }
        return new IllegalArgumentException(where + e.getOriginalMessage(), e);
    }

    /** The dotted path of the key a mapping error is about ("generator.nf", "chMult[2]"). */
    private static String key(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return type.getSimpleName();
    }
}
