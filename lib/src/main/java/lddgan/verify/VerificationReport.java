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

    /**
     * Whether the committed results were judged alone ({@link Verify#judgeCommitted}): one folder, no number
     * comparison.
     */
    public boolean judgedAlone() {
        return committed.equals(fresh) && numbers.isEmpty();
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

    /**
     * The report's three groups of claims, apart as a reviewer must read them: the paper's claims (exact values and
     * orderings judged over seeds), the quantities fitted to the paper, and the regression checks against our own
     * committed run.
     *
     * @param title the section's title
     * @param intro what its verdicts mean
     * @param outcomes its claims' outcomes
     */
    public record Section(String title, String intro, List<ClaimChecker.Outcome> outcomes) {
    }

    /** The sections, in report order (a section with no claims is left out). */
    public List<Section> sections() {
        List<Section> all = List.of(
                new Section("Claims of the paper", "Exact values (parameter counts, the schedule) and orderings. Rule: "
                        + OrderingRule.TEXT + ".", of(o -> o.claim().isPaperClaim())),
                new Section("Fitted to the paper, not evidence", "Quantities we chose so that they equal the paper's "
                        + "(the ViT widths were searched to hit Table 11): shown, never counted as reproduced.",
                        of(o -> o.claim().kind() == Claim.Kind.FITTED)),
                new Section("Regression checks against our committed run", "Not claims of the paper: the fresh "
                        + "value is compared with our own committed run of this profile (bands set from the measured "
                        + "thread-count and CPU variation); only these fail make verify. Rule: "
                        + SeedRegressionRule.TEXT + ".",
                        of(o -> o.claim().kind() == Claim.Kind.BAND)));
        return all.stream().filter(sec -> !sec.outcomes().isEmpty()).toList();
    }

    private List<ClaimChecker.Outcome> of(java.util.function.Predicate<ClaimChecker.Outcome> which) {
        return outcomes.stream().filter(which).toList();
    }

    /** One row per claim, plain text, in {@link #CLAIM_HEADERS}' order (both reports render these). */
    private static List<List<String>> claimRows(List<ClaimChecker.Outcome> outcomes) {
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
        for (Section sec : sections()) {
            List<List<String>> claims = claimRows(sec.outcomes()).stream().map(r -> {
                List<String> cells = new ArrayList<>(r);
                cells.set(0, "`" + cells.get(0) + "`");
                cells.set(7, "**" + cells.get(7) + "**");
                return (List<String>) cells;
            }).toList();
            md.append("\n## ").append(sec.title()).append("\n\n").append(sec.intro()).append("\n\n")
                    .append(markdownTable(CLAIM_HEADERS, claims));
        }
        if (!judgedAlone()) {
            md.append("\n## Every number, committed vs fresh\n\n").append(NUMBERS_TEXT).append("\n\n")
                    .append(markdownTable(NUMBER_HEADERS, numberRows()));
        }
        md.append(judgedAlone() ? "\n## Figures, committed\n\n" : "\n## Figures, committed | fresh\n\n");
        for (String nb : notebooks) {
            for (String png : figures(nb)) {
                md.append("- ").append(nb).append('/').append(png).append(": ")
                        .append(link("committed", committed.resolve(nb).resolve(png), dir));
                if (!judgedAlone()) {
                    md.append(" | ").append(link("fresh", fresh.resolve(nb).resolve(png), dir));
                }
                md.append('\n');
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
        h.append("</ul>\n");
        for (Section sec : sections()) {
            List<String> css = sec.outcomes().stream().map(o -> o.verdict() == Verdict.REPRODUCED ? "reproduced"
                    : o.verdict() == Verdict.REGRESSION ? "regression" : "other").toList();
            h.append("<h2>").append(esc(sec.title())).append("</h2>\n<p>").append(esc(sec.intro())).append("</p>\n")
                    .append(htmlTable(CLAIM_HEADERS, claimRows(sec.outcomes()), css));
        }
        if (!judgedAlone()) {
            h.append("<h2>Every number, committed vs fresh</h2>\n<p>").append(esc(NUMBERS_TEXT)).append("</p>\n")
                    .append(htmlTable(NUMBER_HEADERS, numberRows(), null));
        }
        h.append("<h2>Figures</h2>\n<table><tr><th>figure</th><th>committed</th>")
                .append(judgedAlone() ? "" : "<th>fresh</th>").append("</tr>\n");
        for (String nb : notebooks) {
            for (String png : figures(nb)) {
                h.append("<tr><td>").append(esc(nb + "/" + png)).append("</td><td>")
                        .append(embed(committed.resolve(nb).resolve(png))).append("</td>");
                if (!judgedAlone()) {
                    h.append("<td>").append(embed(fresh.resolve(nb).resolve(png))).append("</td>");
                }
                h.append("</tr>\n");
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
        if (judgedAlone()) {
            lines.add("profile: " + profile + "; the committed results of " + String.join(", ", notebooks)
                    + " judged alone (make claims): nothing was re-executed, so the committed and fresh columns"
                    + " hold the same values and no regression check is made (make verify re-executes)");
            lines.add("committed results: " + committed);
        } else {
            lines.add("profile: " + profile + "; notebooks re-executed: " + String.join(", ", notebooks)
                    + (Double.isNaN(wallSeconds) ? "" : String.format(Locale.ROOT, " (%.0f s)", wallSeconds)));
            lines.add("committed reference: " + committed);
            lines.add("fresh results: " + fresh);
        }
        if (!note.isEmpty()) {
            lines.add(note);
        }
        lines.add("verdicts: reproduced (an exact value holds; an ordering beyond the seed noise; a regression check "
                + "within its band or, with seeds, within the seed noise); contradicted (an ordering the other way, "
                + "beyond the noise); inconclusive (within the noise, or one seed); not measurable at this scale (the "
                + "metric cannot resolve it); not reproduced at this scale (an exact value that does not hold here, nor "
                + "in the committed run); fitted to the paper; regression (the fresh run departs from the committed "
                + "reference: exit code 1); no committed reference; not comparable (different dataset or extractor); "
                + "not checked: nothing re-executed (a regression check when the committed results are judged alone)");
        lines.add("ordering rule: " + OrderingRule.TEXT);
        lines.add("regression rule: " + SeedRegressionRule.TEXT);
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
