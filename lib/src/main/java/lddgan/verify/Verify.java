package lddgan.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code make verify}'s last step: checks the claims of the re-executed notebooks against the fresh results and the
 * committed reference of the same profile, compares every number, writes the report and sets the exit code. Without
 * {@code --fresh} ({@code make claims}) it judges the committed results alone: the paper's claims on the committed
 * values, regression checks listed as not checked, no number comparison.
 *
 * <pre>
 * java lddgan.verify.Verify --profile smoke --claims results/claims.json --committed results/smoke \
 *     --fresh build/verify/smoke/results --notebooks "02-main-results.ipynb 03-kl-ablation.ipynb" \
 *     --out results/verify [--run-status 0] [--wall-seconds 312] [--note "what the report should say"]
 * java lddgan.verify.Verify --profile cpu --claims results/claims.json --committed results/cpu --judge committed \
 *     --notebooks "02-main-results.ipynb" --out results/verify
 * </pre>
 *
 * Exit code 0: every claim reproduced or honestly not reproduced at this scale; 1: a regression, or the notebooks
 * failed to run; 2: bad arguments or a malformed claims file.
 */
public final class Verify {
    private Verify() {
    }

    /**
     * Checks the claims of {@code notebookDirs} (result folder names such as {@code 02-main-results}).
     *
     * @param executionFailure empty, or why the re-execution failed (the report says so and fails)
     */
    public static VerificationReport run(String profile, ClaimSet claims, Path committed, Path fresh,
            List<String> notebookDirs, String executionFailure, double wallSeconds) {
        return new VerificationReport(profile, notebookDirs, committed, fresh,
                check(profile, claims, notebookDirs, new ClaimChecker(committed, fresh)),
                NumberComparison.of(committed, fresh, notebookDirs), executionFailure, wallSeconds, "");
    }

    /** The claims of {@code notebookDirs} judged on the committed results alone ({@link ClaimChecker#committedAlone}). */
    public static VerificationReport judgeCommitted(String profile, ClaimSet claims, Path committed,
            List<String> notebookDirs) {
        return new VerificationReport(profile, notebookDirs, committed, committed,
                check(profile, claims, notebookDirs, ClaimChecker.committedAlone(committed)), List.of(), "",
                Double.NaN, "");
    }

    /** The claims of the notebooks of {@code notebookDirs} at {@code profile}, each checked by {@code checker}. */
    private static List<ClaimChecker.Outcome> check(String profile, ClaimSet claims, List<String> notebookDirs,
            ClaimChecker checker) {
        Set<String> numbers = new LinkedHashSet<>();
        notebookDirs.forEach(d -> numbers.add(d.substring(0, 2)));
        return claims.selected(profile, numbers).stream().map(checker::check).toList();
    }

    /** The result folder of a notebook file name or path: {@code notebooks/02-main-results.ipynb} to {@code 02-main-results}. */
    static String resultDir(String notebook) {
        String name = Path.of(notebook).getFileName().toString();
        String dir = name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
        if (!dir.matches("\\d\\d-.+")) {
            throw new IllegalArgumentException("--notebooks: '" + notebook + "' is not a notebook such as 02-main-results.ipynb");
        }
        return dir;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs verification as {@link #main} does, printing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        Map<String, String> a = new HashMap<>();
        String problem = args.length % 2 != 0 ? "option '" + args[args.length - 1] + "' has no value" : null;
        for (int i = 0; problem == null && i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                problem = "unexpected argument '" + args[i] + "'";
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        String judge = a.getOrDefault("judge", "fresh");
        if (problem == null && !judge.equals("fresh") && !judge.equals("committed")) {
            problem = "--judge: expected 'fresh' (a re-execution against the committed results) or 'committed' (the"
                    + " committed results alone), got '" + judge + "'";
        }
        boolean alone = judge.equals("committed");
        for (String required : alone ? List.of("profile", "claims", "committed", "notebooks", "out")
                : List.of("profile", "claims", "committed", "fresh", "notebooks", "out")) {
            if (problem == null && !a.containsKey(required)) {
                problem = "missing --" + required;
            }
        }
        if (problem == null && alone && a.containsKey("fresh")) {
            problem = "--judge committed judges the committed results alone; --fresh " + a.get("fresh")
                    + " would not be read (leave it out, or use --judge fresh)";
        }
        if (problem != null) {
            err.println("[verify] " + problem + "\nusage: Verify --profile P --claims FILE --committed DIR --fresh DIR"
                    + " --notebooks \"NAMES\" --out DIR [--run-status N] [--wall-seconds S] [--note TEXT]\n"
                    + "       Verify --profile P --claims FILE --committed DIR --judge committed --notebooks \"NAMES\""
                    + " --out DIR [--note TEXT]");
            return 2;
        }
        try {
            ClaimSet claims = ClaimSet.load(Path.of(a.get("claims")));
            List<String> dirs = new ArrayList<>();
            for (String nb : a.get("notebooks").trim().split("\\s+")) {
                dirs.add(resultDir(nb));
            }
            int runStatus = Integer.parseInt(a.getOrDefault("run-status", "0"));
            double wall = Double.parseDouble(a.getOrDefault("wall-seconds", "NaN"));
            VerificationReport report = alone
                    ? judgeCommitted(a.get("profile"), claims, Path.of(a.get("committed")), dirs)
                    : run(a.get("profile"), claims, Path.of(a.get("committed")), Path.of(a.get("fresh")), dirs,
                            runStatus == 0 ? "" : "re-executing the notebooks failed (exit " + runStatus
                                    + "; see the log above)", wall);
            report = report.withNote(a.getOrDefault("note", ""));
            Path dir = Path.of(a.get("out"));
            report.write(dir);
            out.println("[verify] ordering rule: " + OrderingRule.TEXT);
            out.println("[verify] regression rule: " + SeedRegressionRule.TEXT);
            for (VerificationReport.Section sec : report.sections()) {
                out.println("[verify] -- " + sec.title());
                for (ClaimChecker.Outcome o : sec.outcomes()) {
                    out.printf("[verify] %-32s %-36s %s%s%n", o.verdict().label(), o.claim().id(),
                            o.claim().kind() == Claim.Kind.ORDERING ? o.fresh() + "; " : "",
                            o.verdict() == Verdict.REPRODUCED && o.claim().kind() != Claim.Kind.ORDERING ? "" : o.detail());
                }
            }
            for (NumberComparison n : report.numbers()) {
                out.printf("[verify] numbers %-44s %4d compared, %4d bit-identical%s%n", n.file(), n.compared(),
                        n.identical(), n.bitIdentical() ? "" : String.format(", largest relative difference %.3g at %s",
                                n.largestRelative(), n.largestAt()));
            }
            for (ClaimChecker.Outcome o : report.regressions()) {
                out.println("[verify] REGRESSION " + o.claim().id() + " (" + o.claim().file() + "): " + o.detail());
            }
            out.println("[verify] " + report.summary());
            out.println("[verify] report: " + dir.resolve("report.md") + " and report.html");
            return report.passed() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("[verify] " + e.getMessage());
            return 2;
        }
    }
}
