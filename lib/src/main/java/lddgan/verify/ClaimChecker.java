package lddgan.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks claims against two result folders of one profile: the committed reference ({@code results/<profile>/}) and
 * a fresh re-execution; or judges the committed results alone ({@link #committedAlone}: the paper's claims on the
 * committed values, regression checks left to a re-execution). Result files are read once each.
 */
public final class ClaimChecker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path committed;
    private final Path fresh;
    private final boolean alone;
    private final Map<Path, Optional<JsonNode>> files = new HashMap<>();

    /** A checker of fresh results in {@code fresh} against the committed ones in {@code committed}. */
    public ClaimChecker(Path committed, Path fresh) {
        this(committed, fresh, false);
    }

    private ClaimChecker(Path committed, Path fresh, boolean alone) {
        this.committed = committed;
        this.fresh = fresh;
        this.alone = alone;
    }

    /**
     * A checker of the committed results in {@code committed} alone ({@code make claims}): exact values, orderings and
     * fitted quantities are judged on them as on a fresh run; a regression check, having nothing to compare with, is
     * {@link Verdict#NOT_RE_EXECUTED} (its value is still read, so a locator that no longer resolves fails).
     */
    public static ClaimChecker committedAlone(Path committed) {
        return new ClaimChecker(committed, committed, true);
    }

    /**
     * The outcome of one claim.
     *
     * @param claim the claim
     * @param verdict what the fresh run says
     * @param committed the committed run's value(s), as shown in the report
     * @param fresh the fresh run's value(s)
     * @param detail why, in a sentence
     */
    public record Outcome(Claim claim, Verdict verdict, String committed, String fresh, String detail) {
    }

    /** Checks one claim. */
    public Outcome check(Claim claim) {
        Optional<JsonNode> c = read(committed.resolve(claim.file()));
        Optional<JsonNode> f = read(fresh.resolve(claim.file()));
        String committedShown = c.map(n -> shownOrNull(claim, n)).orElse(null);
        JsonNode reference = committedShown == null ? null : c.get();
        committedShown = committedShown != null ? committedShown : c.isPresent() ? "unreadable" : "-";
        if (f.isEmpty()) {
            return new Outcome(claim, Verdict.REGRESSION, committedShown, "-", alone
                    ? "the committed results hold no readable " + claim.file() + " (committed before the claim existed?)"
                    : "the fresh run wrote no readable " + claim.file() + " (did its notebook fail?)");
        }
        String freshShown;
        try {
            freshShown = show(claim, f.get());
        } catch (IllegalArgumentException e) {
            return new Outcome(claim, Verdict.REGRESSION, committedShown, "-", "fresh " + claim.file() + ": " + e.getMessage());
        }
        return switch (claim.kind()) {
            case EXACT -> exact(claim, reference, f.get(), committedShown, freshShown);
            case FITTED -> fitted(claim, f.get(), committedShown, freshShown);
            case ORDERING -> ordering(claim, f.get(), committedShown, freshShown);
            case BAND -> band(claim, reference, f.get(), committedShown, freshShown);
        };
    }

    private static Outcome exact(Claim claim, JsonNode committed, JsonNode fresh, String cShown, String fShown) {
        ResultLocator at = ResultLocator.parse(claim.field());
        double value = at.number(fresh);
        if (claim.tolerance().within(value, claim.expected())) {
            return new Outcome(claim, Verdict.REPRODUCED, cShown, fShown, "equals " + number(claim.expected()) + " "
                    + claim.tolerance());
        }
        boolean committedHeld = committed != null && claim.tolerance().within(at.number(committed), claim.expected());
        return new Outcome(claim, committedHeld ? Verdict.REGRESSION : Verdict.NOT_REPRODUCED, cShown, fShown,
                "differs from " + number(claim.expected()) + " by more than " + claim.tolerance()
                        + (committedHeld ? " (the committed run matched it)" : ""));
    }

    private static Outcome fitted(Claim claim, JsonNode fresh, String cShown, String fShown) {
        double value = ResultLocator.parse(claim.field()).number(fresh);
        boolean held = claim.tolerance().within(value, claim.expected());
        return new Outcome(claim, held ? Verdict.FITTED : Verdict.REGRESSION, cShown, fShown, held
                ? "chosen to equal " + number(claim.expected()) + " " + claim.tolerance() + ", so it is no evidence"
                : "the fitted value left " + number(claim.expected()) + " " + claim.tolerance());
    }

    private static Outcome ordering(Claim claim, JsonNode fresh, String cShown, String fShown) {
        OrderingRule.Judgement j = OrderingRule.judge(samples(claim, fresh), claim.resolution());
        return new Outcome(claim, j.verdict(), cShown, fShown, j.detail());
    }

    private static List<SeedSample> samples(Claim claim, JsonNode root) {
        return claim.ascending().stream().map(l -> SeedSample.of(ResultLocator.parse(l).numbers(root))).toList();
    }

    private Outcome band(Claim claim, JsonNode committed, JsonNode fresh, String cShown, String fShown) {
        if (alone) {
            SeedSummary value = SeedSummary.at(ResultLocator.parse(claim.field()), fresh);
            return new Outcome(claim, Verdict.NOT_RE_EXECUTED, seeded(cShown, value), seeded(fShown, value),
                    "a regression check compares a re-execution with this value: make verify");
        }
        if (committed == null) {
            return new Outcome(claim, Verdict.NO_REFERENCE, cShown, fShown, cShown.equals("unreadable")
                    ? "the committed " + claim.file() + " has no such field (committed before the claim existed?)"
                    : "no committed " + claim.file() + " for this profile");
        }
        String mismatch = conditionsMismatch(committed, fresh);
        if (mismatch != null) {
            return new Outcome(claim, Verdict.NOT_COMPARABLE, cShown, fShown, mismatch);
        }
        ResultLocator at = ResultLocator.parse(claim.field());
        SeedSummary reference = SeedSummary.at(at, committed);
        SeedSummary value = SeedSummary.at(at, fresh);
        SeedRegressionRule.Judgement j = SeedRegressionRule.judge(reference, value, claim.tolerance());
        return new Outcome(claim, j.regression() ? Verdict.REGRESSION : Verdict.REPRODUCED, seeded(cShown, reference),
                seeded(fShown, value), j.detail());
    }

    /** A band's value as shown, with its seed-sd and n when its row summarises several seeds. */
    private static String seeded(String shown, SeedSummary summary) {
        return summary.n() < 2 ? shown : summary.toString();
    }

    /** Why two result files' conditions make a band meaningless, or null when they agree. */
    static String conditionsMismatch(JsonNode committed, JsonNode fresh) {
        List<String> differences = new ArrayList<>();
        for (String key : List.of("profile", "datasetSize")) {
            JsonNode a = committed.path("conditions").path(key);
            JsonNode b = fresh.path("conditions").path(key);
            if (!a.isMissingNode() && !b.isMissingNode() && !a.asText().equals(b.asText())) {
                differences.add(key + " " + a.asText() + " vs " + b.asText());
            }
        }
        JsonNode a = committed.path("conditions").path("extras").path("fid extractor");
        JsonNode b = fresh.path("conditions").path("extras").path("fid extractor");
        if (!a.isMissingNode() && !b.isMissingNode() && !a.asText().equals(b.asText())) {
            differences.add("feature extractor " + a.asText() + " vs " + b.asText());
        }
        return differences.isEmpty() ? null : "committed and fresh runs differ in " + String.join(", ", differences);
    }

    private static String shownOrNull(Claim claim, JsonNode root) {
        try {
            return show(claim, root);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String show(Claim claim, JsonNode root) {
        if (claim.kind() != Claim.Kind.ORDERING) {
            return number(ResultLocator.parse(claim.field()).number(root));
        }
        return String.join(" < ", samples(claim, root).stream().map(SeedSample::toString).toList());
    }

    /** A number as the report shows it: up to 6 significant digits; NaN (a null) as "not reached". */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
    }

    private Optional<JsonNode> read(Path file) {
        return files.computeIfAbsent(file.toAbsolutePath().normalize(), p -> {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readTree(p.toFile()));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
