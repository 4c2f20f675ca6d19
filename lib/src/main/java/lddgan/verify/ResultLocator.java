package lddgan.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one value in a result file: segments separated by {@code /}, each a field name of an object, an index into
 * an array, or {@code [key=value]}, the first element of an array whose {@code key} reads {@code value}. A field
 * segment may name alternatives separated by {@code |}, the first present is taken: {@code FID (offline proxy)|FID}
 * finds the FID whichever feature network the run had. Example: {@code result/[model=LDDGAN]/time_s} in
 * {@code 02-main-results/table3.json}.
 *
 * @param text the locator as written
 * @param segments its segments
 */
public record ResultLocator(String text, List<String> segments) {
    private static final Pattern SELECT = Pattern.compile("\\[([^=\\]]+)=([^\\]]*)]");

    public ResultLocator {
        segments = List.copyOf(segments);
    }

    /** Parses a locator, refusing an empty one or an empty segment. */
    public static ResultLocator parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a locator is empty");
        }
        List<String> segments = new ArrayList<>(List.of(text.split("/", -1)));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("locator '" + text + "' has an empty segment");
        }
        for (String s : segments) {
            if (s.startsWith("[") && !SELECT.matcher(s).matches()) {
                throw new IllegalArgumentException("locator '" + text + "': segment '" + s + "' is not [key=value]");
            }
        }
        return new ResultLocator(text, segments);
    }

    /**
     * The node the locator points at.
     *
     * @throws IllegalArgumentException naming the segment that found nothing and what was there instead
     */
    public JsonNode find(JsonNode root) {
        return walk(root, segments.size());
    }

    /**
     * The node that holds the value: what the locator without its last segment points at (the row of a table).
     *
     * @throws IllegalArgumentException as {@link #find}
     */
    public JsonNode parent(JsonNode root) {
        return walk(root, segments.size() - 1);
    }

    /**
     * The field name the last segment takes in {@code parent} (the first of its {@code |} alternatives present there),
     * or empty when the last segment is an index or a {@code [key=value]} selection, or nothing matches.
     */
    public Optional<String> matchedField(JsonNode parent) {
        String last = segments.get(segments.size() - 1);
        if (SELECT.matcher(last).matches() || !parent.isObject()) {
            return Optional.empty();
        }
        return Arrays.stream(last.split("\\|")).filter(parent::has).findFirst();
    }

    private JsonNode walk(JsonNode root, int count) {
        JsonNode node = root;
        StringBuilder walked = new StringBuilder();
        for (String s : segments.subList(0, count)) {
            JsonNode next = step(node, s);
            if (next == null) {
                throw new IllegalArgumentException("'" + text + "': nothing at '" + s + "'"
                        + (walked.length() > 0 ? " after '" + walked + "'" : "") + " (" + describe(node) + ")");
            }
            walked.append(walked.length() > 0 ? "/" : "").append(s);
            node = next;
        }
        return node;
    }

    /**
     * The number the locator points at; a JSON null (a quantity not reached within the budget) is NaN.
     *
     * @throws IllegalArgumentException when nothing is there or it is not a number or null
     */
    public double number(JsonNode root) {
        return numberAt(find(root));
    }

    /**
     * Every number the locator points at when each {@code [key=value]} segment takes every matching row, in file
     * order: the per-seed values of a quantity ({@code result/[model=LDDGAN]/FID} in a table with one row per model
     * and seed).
     *
     * @throws IllegalArgumentException when nothing matches, naming the segment, or a match is not a number or null
     */
    public List<Double> numbers(JsonNode root) {
        List<JsonNode> nodes = List.of(root);
        for (String s : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                Matcher m = SELECT.matcher(s);
                if (m.matches() && node.isArray()) {
                    node.forEach(e -> {
                        if (e.has(m.group(1)) && e.get(m.group(1)).asText().equals(m.group(2))) {
                            next.add(e);
                        }
                    });
                } else {
                    JsonNode one = step(node, s);
                    if (one != null) {
                        next.add(one);
                    }
                }
            }
            if (next.isEmpty()) {
                find(root); // throws, naming the segment that found nothing
                throw new IllegalArgumentException("'" + text + "': nothing at '" + s + "'");
            }
            nodes = next;
        }
        return nodes.stream().map(this::numberAt).toList();
    }

    private double numberAt(JsonNode n) {
        if (n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual() && n.asText().equals("NaN")) {
            return Double.NaN;
        }
        throw new IllegalArgumentException("'" + text + "': expected a number, found " + n);
    }

    private static JsonNode step(JsonNode node, String segment) {
        Matcher m = SELECT.matcher(segment);
        if (m.matches()) {
            if (!node.isArray()) {
                return null;
            }
            for (JsonNode element : node) {
                JsonNode key = element.get(m.group(1));
                if (key != null && key.asText().equals(m.group(2))) {
                    return element;
                }
            }
            return null;
        }
        if (node.isArray() && segment.matches("\\d+")) {
            int i = Integer.parseInt(segment);
            return i < node.size() ? node.get(i) : null;
        }
        if (!node.isObject()) {
            return null;
        }
        for (String name : segment.split("\\|")) {
            if (node.has(name)) {
                return node.get(name);
            }
        }
        return null;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            return "an object with " + names;
        }
        if (node.isArray()) {
            return "an array of " + node.size();
        }
        return "the value " + node;
    }
}
