package lddgan.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every number two runs wrote, compared file by file (the determinism check of {@code make verify}): for each JSON
 * result present in both folders, how many numbers are bit-identical and the largest relative difference, leaving
 * out the conditions block and measurements of the clock or the memory, which no two runs share.
 *
 * @param file the result file, relative to the results folder
 * @param compared numbers present in both runs
 * @param identical of those, bit-identical ones
 * @param largestRelative the largest |fresh - committed| / max(|committed|, 1e-12)
 * @param largestAt where that difference is (a locator)
 * @param onlyOneSide numbers present in one run only (a changed table layout)
 */
public record NumberComparison(String file, int compared, int identical, double largestRelative, String largestAt,
                               int onlyOneSide) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys of measurements that differ between any two runs: clock times, rates, memory. */
    static final Pattern UNREPEATABLE = Pattern.compile(
            "(?i).*(time|seconds|wall|_ms$|_s$|_per_step|rss|memory|mib|per_?second|createdAt).*");

    /** The comparison of every JSON result file found in both folders, in path order. */
    public static List<NumberComparison> of(Path committed, Path fresh, List<String> notebookDirs) {
        List<NumberComparison> out = new ArrayList<>();
        for (String dir : notebookDirs) {
            Path c = committed.resolve(dir);
            if (!Files.isDirectory(c) || !Files.isDirectory(fresh.resolve(dir))) {
                continue;
            }
            try (Stream<Path> files = Files.list(c)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".conditions.json")).sorted().toList()) {
                    Path other = fresh.resolve(dir).resolve(file.getFileName());
                    if (Files.isRegularFile(other)) {
                        out.add(compare(dir + "/" + file.getFileName(), JSON.readTree(file.toFile()),
                                JSON.readTree(other.toFile())));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compare the results in " + c, e);
            }
        }
        return out;
    }

    /** Compares two parsed result files. */
    public static NumberComparison compare(String file, JsonNode committed, JsonNode fresh) {
        Tally t = new Tally();
        walk(committed.path("result"), fresh.path("result"), "result", t);
        return new NumberComparison(file, t.compared, t.identical, t.largest, t.at, t.oneSide);
    }

    /** Whether every compared number is bit-identical. */
    public boolean bitIdentical() {
        return compared == identical;
    }

    private static final class Tally {
        int compared;
        int identical;
        int oneSide;
        double largest;
        String at = "";
    }

    private static void walk(JsonNode a, JsonNode b, String path, Tally t) {
        if (a.isMissingNode() || b.isMissingNode()) {
            t.oneSide += count(a.isMissingNode() ? b : a);
            return;
        }
        if (a.isObject() && b.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!UNREPEATABLE.matcher(e.getKey()).matches()) {
                    walk(e.getValue(), b.path(e.getKey()), path + "/" + e.getKey(), t);
                }
            }
            Iterator<String> names = b.fieldNames();
            names.forEachRemaining(n -> {
                if (!a.has(n) && !UNREPEATABLE.matcher(n).matches()) {
                    t.oneSide += count(b.get(n));
                }
            });
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(a.path(i), b.path(i), path + "/" + i, t);
            }
        } else if (a.isNumber() && b.isNumber()) {
            t.compared++;
            double x = a.asDouble();
            double y = b.asDouble();
            if (Double.doubleToLongBits(x) == Double.doubleToLongBits(y)) {
                t.identical++;
            } else {
                double rel = Math.abs(y - x) / Math.max(Math.abs(x), 1e-12);
                if (rel > t.largest) {
                    t.largest = rel;
                    t.at = path;
                }
            }
        }
    }

    private static int count(JsonNode n) {
        if (n.isNumber()) {
            return 1;
        }
        int c = 0;
        for (JsonNode child : n) {
            c += count(child);
        }
        return c;
    }
}
