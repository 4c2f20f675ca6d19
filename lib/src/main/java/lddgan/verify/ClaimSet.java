package lddgan.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The claims file ({@code results/claims.json}): {@code {"claims": [ ... ]}}, each entry a {@link Claim}. Loading
 * validates every entry and names the file, the claim and the field of the first problem.
 *
 * @param source where the claims came from
 * @param claims the claims in file order
 */
public record ClaimSet(Path source, List<Claim> claims) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ClaimSet {
        claims = List.copyOf(claims);
    }

    /**
     * Reads and validates a claims file.
     *
     * @throws IOException when it cannot be read, is not JSON, or an entry is malformed (the message names the
     *     file, the claim and the field)
     */
    public static ClaimSet load(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable JSON file (" + e.getMessage() + ")", e);
        }
        JsonNode entries = root == null ? null : root.get("claims");
        if (entries == null || !entries.isArray()) {
            throw new IOException(file + ": expected an object with a \"claims\" array");
        }
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String where = file + ": claim #" + (i + 1) + (e.hasNonNull("id") ? " '" + e.get("id").asText() + "'" : "");
            try {
                Claim c = parse(e);
                if (!ids.add(c.id())) {
                    throw new IllegalArgumentException("field 'id': duplicate id");
                }
                claims.add(c);
            } catch (IllegalArgumentException ex) {
                throw new IOException(where + ": " + ex.getMessage(), ex);
            }
        }
        return new ClaimSet(file, claims);
    }

    /** The claims of the given notebooks (two-digit numbers) that apply to {@code profile}. */
    public List<Claim> selected(String profile, Set<String> notebooks) {
        return claims.stream().filter(c -> c.appliesTo(profile) && notebooks.contains(c.notebook())).toList();
    }

    private static Claim parse(JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        String id = text(e, "id");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("field 'id': expected lower-case letters, digits and '-', got '" + id + "'");
        }
        String notebook = text(e, "notebook");
        if (!notebook.matches("\\d\\d")) {
            throw new IllegalArgumentException("field 'notebook': expected a two-digit notebook number, got '" + notebook + "'");
        }
        String kindText = text(e, "kind");
        Claim.Kind kind;
        try {
            kind = Claim.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("field 'kind': expected exact, ordering, fitted or band, got '" + kindText + "'");
        }
        String file = text(e, "file");
        if (file.startsWith("/") || file.contains("..") || !file.endsWith(".json")) {
            throw new IllegalArgumentException("field 'file': expected a .json path inside results/<profile>/, got '"
                    + file + "'");
        }
        String field = kind == Claim.Kind.ORDERING ? "" : text(e, "field");
        List<String> ascending = new ArrayList<>();
        if (kind == Claim.Kind.ORDERING) {
            JsonNode a = e.get("ascending");
            if (a == null || !a.isArray() || a.size() < 2) {
                throw new IllegalArgumentException("field 'ascending': an ordering needs a list of at least two locators");
            }
            a.forEach(n -> ascending.add(n.asText()));
            ascending.forEach(ResultLocator::parse);
        } else {
            ResultLocator.parse(field);
        }
        double expected = Double.NaN;
        if (kind == Claim.Kind.EXACT || kind == Claim.Kind.FITTED) {
            JsonNode x = e.get("expected");
            if (x == null || !x.isNumber()) {
                throw new IllegalArgumentException("field 'expected': an exact claim needs the number it must equal");
            }
            expected = x.asDouble();
        }
        Tolerance tolerance = null;
        if (kind != Claim.Kind.ORDERING) {
            JsonNode t = e.get("tolerance");
            if (t == null || !t.isObject()) {
                throw new IllegalArgumentException("field 'tolerance': expected {\"relative\": r} or {\"absolute\": a}");
            }
            tolerance = new Tolerance(t.has("relative") ? t.get("relative").asDouble() : Double.NaN,
                    t.has("absolute") ? t.get("absolute").asDouble() : Double.NaN);
        }
        List<String> profiles = new ArrayList<>();
        if (e.has("profiles")) {
            if (!e.get("profiles").isArray()) {
                throw new IllegalArgumentException("field 'profiles': expected a list such as [\"cpu\", \"paper\"]");
            }
            e.get("profiles").forEach(p -> profiles.add(p.asText()));
            for (String p : profiles) {
                if (!List.of("smoke", "cpu", "paper").contains(p)) {
                    throw new IllegalArgumentException("field 'profiles': unknown profile '" + p + "' (smoke, cpu, paper)");
                }
            }
        }
        double resolution = Double.NaN;
        if (e.has("resolution")) {
            if (!e.get("resolution").isNumber()) {
                throw new IllegalArgumentException("field 'resolution': expected a positive number, got " + e.get("resolution"));
            }
            resolution = e.get("resolution").asDouble();
        }
        return new Claim(id, notebook, kind, text(e, "statement"), text(e, "paper"), file, field, ascending, expected,
                tolerance, profiles, e.hasNonNull("note") ? e.get("note").asText() : "", resolution);
    }

    private static String text(JsonNode e, String name) {
        JsonNode v = e.get(name);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return v.asText();
    }
}
