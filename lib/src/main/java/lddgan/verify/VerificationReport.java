package lddgan.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import lddgan.io.AtomicFiles;

/**
 * The report of {@code make verify}: a verdict per claim, every number compared, and the figures of both runs side
 * by side; written as {@code report.md} (figures linked) and a self-contained {@code report.html} (figures
 * embedded), each atomically.
 *
 * @param profile the profile verified
 * @param notebooks the notebooks re-executed (their result folder names)
 * @param committed the committed reference results
 * @param fresh the fresh results
 * @param outcomes one per claim checked
 * @param numbers every result file's number comparison
 * @param executionFailure empty, or why re-executing the notebooks failed
 * @param wallSeconds the re-execution's wall time, NaN when unknown
 * @param note anything else the reader must know about the run (empty when nothing)
 */
public record VerificationReport(String profile, List<String> notebooks, Path committed, Path fresh,
                                 List<ClaimChecker.Outcome> outcomes, List<NumberComparison> numbers,
                                 String executionFailure, double wallSeconds, String note) {

    /** A copy with a note for the header. */
    public VerificationReport withNote(String text) {
        return new VerificationReport(profile, notebooks, committed, fresh, outcomes, numbers, executionFailure,
                wallSeconds, text);
    }

    /** Claims per verdict. */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        outcomes.forEach(o -> counts.merge(o.verdict(), 1, Integer::sum));
        return counts;
    }

    /** The claims that regressed. */
    public List<ClaimChecker.Outcome> regressions() {
        return outcomes.stream().filter(o -> o.verdict() == Verdict.REGRESSION).toList();
    }

    /** Whether verification passed: the notebooks ran and no claim regressed. */
    public boolean passed() {
        return executionFailure.isEmpty() && regressions().isEmpty();
    }

    /** One line: verdict and counts. */
    public String summary() {
        StringBuilder s = new StringBuilder(passed() ? "PASSED" : "FAILED");
        s.append(String.format(Locale.ROOT, ": profile %s, %d claims checked", profile, outcomes.size()));
        counts().forEach((v, n) -> s.append("; ").append(n).append(' ').append(v.label()));
        if (!executionFailure.isEmpty()) {
            s.append("; ").append(executionFailure);
        }
        return s.toString();
    }

    /** Writes {@code report.md} and {@code report.html} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("report.md"), markdown(dir));
        AtomicFiles.writeString(dir.resolve("report.html"), html());
    }

    private static final List<String> CLAIM_HEADERS = List.of("claim", "nb", "kind", "the paper says", "paper",
            "committed", "fresh", "verdict", "why");
    private static final List<String> NUMBER_HEADERS = List.of("result file", "numbers", "bit-identical",
            "largest relative difference", "where");

    /** One row per claim, plain text, in {@link #CLAIM_HEADERS}' order (both reports render these). */
    private List<List<String>> claimRows() {
        return outcomes.stream().map(o -> {
            Claim c = o.claim();
            return List.of(c.id(), c.notebook(), c.kind().id(), c.statement(), c.paper(), o.committed(), o.fresh(),
                    o.verdict().label(), o.detail() + (c.note().isEmpty() ? "" : " Note: " + c.note()));
        }).toList();
    }

    /** One row per compared result file, plain text, in {@link #NUMBER_HEADERS}' order. */
    private List<List<String>> numberRows() {
        return numbers.stream().map(n -> List.of(n.file(), String.valueOf(n.compared()), String.valueOf(n.identical()),
                n.bitIdentical() ? "0" : String.format(Locale.ROOT, "%.3g", n.largestRelative()),
                n.largestAt() + (n.onlyOneSide() > 0 ? " (" + n.onlyOneSide() + " numbers in one run only)" : "")))
                .toList();
    }

    /** The Markdown report; figure links are relative to {@code dir}. */
    public String markdown(Path dir) {
        StringBuilder md = new StringBuilder("# Verification report\n\n");
        md.append("**").append(summary()).append("**\n\n");
        header().forEach(line -> md.append("- ").append(line).append('\n'));
        List<List<String>> claims = claimRows().stream().map(r -> {
            List<String> cells = new ArrayList<>(r);
            cells.set(0, "`" + cells.get(0) + "`");
            cells.set(7, "**" + cells.get(7) + "**");
            return (List<String>) cells;
        }).toList();
        md.append("\n## Claims\n\n").append(markdownTable(CLAIM_HEADERS, claims))
                .append("\n## Every number, committed vs fresh\n\n").append(NUMBERS_TEXT).append("\n\n")
                .append(markdownTable(NUMBER_HEADERS, numberRows()))
                .append("\n## Figures, committed | fresh\n\n");
        for (String nb : notebooks) {
            for (String png : figures(nb)) {
                md.append("- ").append(nb).append('/').append(png).append(": ")
                        .append(link("committed", committed.resolve(nb).resolve(png), dir)).append(" | ")
                        .append(link("fresh", fresh.resolve(nb).resolve(png), dir)).append('\n');
            }
        }
        return md.toString();
    }

    /** The HTML report, figures embedded as data URIs (one file to send to someone). */
    public String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Verification report: " + esc(profile) + "</title><style>"
                + "body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;font-size:90%}th{background:#eee}"
                + ".reproduced{background:#e6f4e6}.regression{background:#f8d7d7}.other{background:#fff6dd}"
                + "img{max-width:640px}</style></head><body>\n<h1>Verification report</h1>\n");
        h.append("<p><b>").append(esc(summary())).append("</b></p>\n<ul>");
        header().forEach(line -> h.append("<li>").append(esc(line)).append("</li>"));
        List<String> css = outcomes.stream().map(o -> o.verdict() == Verdict.REPRODUCED ? "reproduced"
                : o.verdict() == Verdict.REGRESSION ? "regression" : "other").toList();
        h.append("</ul>\n<h2>Claims</h2>\n").append(htmlTable(CLAIM_HEADERS, claimRows(), css))
                .append("<h2>Every number, committed vs fresh</h2>\n<p>").append(esc(NUMBERS_TEXT)).append("</p>\n")
                .append(htmlTable(NUMBER_HEADERS, numberRows(), null))
                .append("<h2>Figures</h2>\n<table><tr><th>figure</th><th>committed</th><th>fresh</th></tr>\n");
        for (String nb : notebooks) {
            for (String png : figures(nb)) {
                h.append("<tr><td>").append(esc(nb + "/" + png)).append("</td><td>")
                        .append(embed(committed.resolve(nb).resolve(png))).append("</td><td>")
                        .append(embed(fresh.resolve(nb).resolve(png))).append("</td></tr>\n");
            }
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static String markdownTable(List<String> headers, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("| ").append(String.join(" | ", headers)).append(" |\n|")
                .append("---|".repeat(headers.size())).append('\n');
        rows.forEach(r -> t.append("| ").append(String.join(" | ", r.stream().map(VerificationReport::cell).toList()))
                .append(" |\n"));
        return t.toString();
    }

    /** An HTML table; {@code rowClasses} (or null) gives each row's CSS class. */
    private static String htmlTable(List<String> headers, List<List<String>> rows, List<String> rowClasses) {
        StringBuilder t = new StringBuilder("<table><tr>");
        headers.forEach(hd -> t.append("<th>").append(esc(hd)).append("</th>"));
        t.append("</tr>\n");
        for (int i = 0; i < rows.size(); i++) {
            t.append(rowClasses == null ? "<tr>" : "<tr class=\"" + rowClasses.get(i) + "\">");
            rows.get(i).forEach(c -> t.append("<td>").append(esc(c)).append("</td>"));
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static final String NUMBERS_TEXT = "Every number in the result files of both runs, leaving out their "
            + "conditions and the measurements of time and memory (no two runs share those). On one machine, with "
            + "one profile, seed and thread count, training and evaluation repeat bit for bit; other CPUs or thread "
            + "counts change the order of floating-point sums, which is what the bands' tolerances allow for.";

    private List<String> header() {
        List<String> lines = new ArrayList<>();
        lines.add("profile: " + profile + "; notebooks re-executed: " + String.join(", ", notebooks)
                + (Double.isNaN(wallSeconds) ? "" : String.format(Locale.ROOT, " (%.0f s)", wallSeconds)));
        lines.add("committed reference: " + committed);
        lines.add("fresh results: " + fresh);
        if (!note.isEmpty()) {
            lines.add(note);
        }
        lines.add("verdicts: reproduced (the claim holds); not reproduced at this scale (it does not hold at this "
                + "profile, nor did it in the committed run); regression (the fresh run departs from the committed "
                + "reference: exit code 1); no committed reference; not comparable (different dataset or extractor)");
        return lines;
    }

    private List<String> figures(String nb) {
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : List.of(committed.resolve(nb), fresh.resolve(nb))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).forEach(names::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return List.copyOf(names);
    }

    private static String link(String label, Path file, Path from) {
        if (!Files.isRegularFile(file)) {
            return label + ": missing";
        }
        Path rel = from.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return "[" + label + "](" + rel.toString().replace('\\', '/') + ")";
    }

    private static String embed(Path png) {
        if (!Files.isRegularFile(png)) {
            return "missing";
        }
        try {
            return "<img alt=\"" + esc(png.getFileName().toString()) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\">";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
