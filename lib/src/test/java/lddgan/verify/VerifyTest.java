package lddgan.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lddgan.config.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code make verify}: the claims file against the committed results, verdicts, and the failure a reviewer sees. */
class VerifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path claimsFile() {
        return ProjectPaths.root().resolve("results").resolve("claims.json");
    }

    private static List<String> notebookDirs(Path results) throws IOException {
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d\\d-.+")).sorted().toList();
        }
    }

    @Test
    void everyClaimFindsItsValueInEveryCommittedProfileAndHoldsAgainstItself() throws IOException {
        ClaimSet claims = ClaimSet.load(claimsFile());
        assertTrue(claims.claims().size() >= 40, "the claims file lists the paper's claims");
        for (Claim.Kind kind : Claim.Kind.values()) {
            assertTrue(claims.claims().stream().anyMatch(c -> c.kind() == kind), "at least one " + kind.id() + " claim");
        }
        int checked = 0;
        for (String profile : List.of("smoke", "cpu")) {
            Path committed = ProjectPaths.root().resolve("results").resolve(profile);
            assertTrue(Files.isDirectory(committed), "committed reference results of profile " + profile);
            List<String> dirs = notebookDirs(committed);
            VerificationReport self = Verify.run(profile, claims, committed, committed, dirs, "", Double.NaN);
            for (ClaimChecker.Outcome o : self.outcomes()) {
                // against itself nothing regresses: every locator resolves, every exact value holds at every profile
                assertNotEquals(Verdict.REGRESSION, o.verdict(), profile + " " + o.claim().id() + ": " + o.detail());
                if (o.claim().kind() == Claim.Kind.FITTED) {
                    assertEquals(Verdict.FITTED, o.verdict(), profile + " " + o.claim().id() + ": " + o.detail());
                } else if (o.claim().kind() != Claim.Kind.ORDERING) {
                    assertEquals(Verdict.REPRODUCED, o.verdict(), profile + " " + o.claim().id() + ": " + o.detail());
                }
                checked++;
            }
            self.numbers().forEach(n -> assertTrue(n.bitIdentical(), n.file()));
        }
        assertTrue(checked >= 60, "claims checked over both profiles: " + checked);
    }

    @Test
    void anAlteredCommittedResultFailsNamingTheClaim(@TempDir Path tmp) throws IOException {
        Path source = ProjectPaths.root().resolve("results").resolve("smoke");
        Path committed = copyTree(source, tmp.resolve("committed"));
        Path fresh = copyTree(source, tmp.resolve("fresh"));
        String notebooks = String.join(" ", notebookDirs(source).stream().map(d -> d + ".ipynb").toList());
        String[] args = {"--profile", "smoke", "--claims", claimsFile().toString(), "--committed", committed.toString(),
                "--fresh", fresh.toString(), "--notebooks", notebooks, "--out", tmp.resolve("report").toString()};
        Run before = run(args);
        assertEquals(0, before.code, before.out);
        assertTrue(before.out.contains("PASSED"), before.out);

        // a reviewer's copy where LDDGAN's FID was changed by hand
        Path table3 = committed.resolve("02-main-results").resolve("table3.json");
        ObjectNode root = (ObjectNode) JSON.readTree(table3.toFile());
        for (JsonNode row : root.get("result")) {
            if (row.get("model").asText().equals("LDDGAN")) {
                String fid = lddgan.metrics.MetricLabel.FID.label(true);
                ((ObjectNode) row).put(fid, row.get(fid).asDouble() * 1.5);
            }
        }
        JSON.writeValue(table3.toFile(), root);
        Run after = run(args);
        assertEquals(1, after.code, after.out);
        assertTrue(after.out.contains("REGRESSION table3-fid-lddgan"), after.out);
        assertTrue(after.out.contains("FAILED"), after.out);
        String md = Files.readString(tmp.resolve("report").resolve("report.md"));
        assertTrue(md.contains("`table3-fid-lddgan`") && md.contains("**regression**"), md);
        String html = Files.readString(tmp.resolve("report").resolve("report.html"));
        assertTrue(html.contains("class=\"regression\"") && html.contains("data:image/png;base64,"));
    }

    @Test
    void theCommittedResultsJudgedAloneGetThePapersVerdictsAndNoRegressionCheck(@TempDir Path tmp) throws IOException {
        Path committed = ProjectPaths.root().resolve("results").resolve("smoke");
        List<String> dirs = notebookDirs(committed);
        String notebooks = String.join(" ", dirs.stream().map(d -> d + ".ipynb").toList());
        String[] args = {"--profile", "smoke", "--claims", claimsFile().toString(), "--committed", committed.toString(),
                "--judge", "committed", "--notebooks", notebooks, "--out", tmp.resolve("report").toString()};
        Run alone = run(args);
        assertEquals(0, alone.code, alone.out);
        assertTrue(alone.out.contains("not checked: nothing re-executed") && !alone.out.contains("[verify] numbers"),
                alone.out);
        String md = Files.readString(tmp.resolve("report").resolve("report.md"));
        assertTrue(md.contains("judged alone (make claims)") && !md.contains("Every number"), md);
        // every claim of the paper gets the verdict a re-execution with these very values would get; bands none
        ClaimSet claims = ClaimSet.load(claimsFile());
        List<ClaimChecker.Outcome> judged = Verify.judgeCommitted("smoke", claims, committed, dirs).outcomes();
        List<ClaimChecker.Outcome> self = Verify.run("smoke", claims, committed, committed, dirs, "", Double.NaN)
                .outcomes();
        assertEquals(self.size(), judged.size());
        for (int i = 0; i < judged.size(); i++) {
            Verdict expected = judged.get(i).claim().kind() == Claim.Kind.BAND ? Verdict.NOT_RE_EXECUTED
                    : self.get(i).verdict();
            assertEquals(expected, judged.get(i).verdict(), judged.get(i).claim().id());
        }
        // a fresh folder would not be read: refused, not ignored; a mode that does not exist is named
        String[] withFresh = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--fresh", tmp.toString())).toArray(String[]::new);
        Run refused = run(withFresh);
        assertEquals(2, refused.code, refused.out);
        assertTrue(refused.out.contains("--fresh " + tmp + " would not be read"), refused.out);
        args[7] = "both";
        Run unknown = run(args);
        assertEquals(2, unknown.code);
        assertTrue(unknown.out.contains("--judge: expected 'fresh'") && unknown.out.contains("got 'both'"), unknown.out);
        // a result file the claims need but the committed folder lacks is a failure
        ClaimSet missing = claims(tmp, band("b", "02-x/none.json", "result/[model=A]/v", 0.1));
        ClaimChecker.Outcome o = ClaimChecker.committedAlone(committed).check(missing.claims().get(0));
        assertEquals(Verdict.REGRESSION, o.verdict());
        assertTrue(o.detail().contains("the committed results hold no readable 02-x/none.json"), o.detail());
    }

    @Test
    void aNotebookThatFailedToRunFailsVerification(@TempDir Path tmp) throws IOException {
        Path results = writeResult(tmp.resolve("fresh"), "02-x/t.json", "[{\"model\": \"A\", \"v\": 1.0}]");
        ClaimSet claims = claims(tmp, band("b", "02-x/t.json", "result/[model=A]/v", 0.1));
        VerificationReport r = Verify.run("smoke", claims, results, results, List.of("02-x"), "exit 1", Double.NaN);
        assertFalse(r.passed());
        assertTrue(r.summary().contains("exit 1"));
    }

    @Test
    void verdictsOfTheThreeKinds(@TempDir Path tmp) throws IOException {
        String committedRows = "[{\"model\": \"A\", \"p\": 41.97, \"v\": 10.0, \"t\": 1.0}, {\"model\": \"B\", \"p\": 1, \"v\": 20.0, \"t\": null}]";
        Path committed = writeResult(tmp.resolve("c"), "02-x/t.json", committedRows);
        Path fresh = writeResult(tmp.resolve("f"), "02-x/t.json",
                "[{\"model\": \"A\", \"p\": 41.0, \"v\": 10.5, \"t\": 3.0}, {\"model\": \"B\", \"p\": 1, \"v\": 30.0, \"t\": 2.0}]");
        ClaimSet claims = claims(tmp,
                "{\"id\": \"e\", \"notebook\": \"02\", \"kind\": \"exact\", \"statement\": \"s\", \"paper\": \"41.97\","
                        + " \"file\": \"02-x/t.json\", \"field\": \"result/[model=A]/p\", \"expected\": 41.97,"
                        + " \"tolerance\": {\"relative\": 0.001}}",
                "{\"id\": \"o\", \"notebook\": \"02\", \"kind\": \"ordering\", \"statement\": \"s\", \"paper\": \"1 < 2\","
                        + " \"file\": \"02-x/t.json\", \"ascending\": [\"result/[model=A]/t\", \"result/[model=B]/t\"]}",
                band("ba", "02-x/t.json", "result/[model=A]/v", 0.1),
                band("bb", "02-x/t.json", "result/[model=B]/v", 0.1));
        ClaimChecker checker = new ClaimChecker(committed, fresh);
        List<Verdict> v = claims.claims().stream().map(c -> checker.check(c).verdict()).toList();
        // exact lost (the committed run had it): regression; an ordering from one seed is inconclusive whatever its
        // values; band A within 10 %; band B 30 vs 20 outside
        assertEquals(List.of(Verdict.REGRESSION, Verdict.INCONCLUSIVE, Verdict.REPRODUCED, Verdict.REGRESSION), v);
        assertTrue(checker.check(claims.claims().get(1)).detail().contains("single seed"));
        // the same exact claim where neither run has the value: not reproduced, not a regression
        ClaimChecker neither = new ClaimChecker(fresh, fresh);
        assertEquals(Verdict.NOT_REPRODUCED, neither.check(claims.claims().get(0)).verdict());
        // a band against no committed file
        assertEquals(Verdict.NO_REFERENCE, new ClaimChecker(tmp.resolve("none"), fresh).check(claims.claims().get(2)).verdict());
    }

    @Test
    void differentDatasetsAreNotComparable(@TempDir Path tmp) throws IOException {
        Path committed = writeResult(tmp.resolve("c"), "02-x/t.json", "[{\"model\": \"A\", \"v\": 10.0}]");
        Path fresh = tmp.resolve("f");
        Files.createDirectories(fresh.resolve("02-x"));
        Files.writeString(fresh.resolve("02-x/t.json"), Files.readString(committed.resolve("02-x/t.json"))
                .replace("\"datasetSize\": 5170", "\"datasetSize\": 50000").replace("10.0", "3.0"));
        ClaimSet claims = claims(tmp, band("b", "02-x/t.json", "result/[model=A]/v", 0.1));
        ClaimChecker.Outcome o = new ClaimChecker(committed, fresh).check(claims.claims().get(0));
        assertEquals(Verdict.NOT_COMPARABLE, o.verdict());
        assertTrue(o.detail().contains("datasetSize 5170 vs 50000"), o.detail());
    }

    @Test
    void aMissingFieldInTheFreshRunIsARegressionThatSaysWhatIsThere(@TempDir Path tmp) throws IOException {
        Path committed = writeResult(tmp.resolve("c"), "02-x/t.json", "[{\"model\": \"A\", \"v\": 10.0}]");
        Path fresh = writeResult(tmp.resolve("f"), "02-x/t.json", "[{\"model\": \"B\", \"v\": 10.0}]");
        ClaimSet claims = claims(tmp, band("b", "02-x/t.json", "result/[model=A]/v", 0.1));
        ClaimChecker.Outcome o = new ClaimChecker(committed, fresh).check(claims.claims().get(0));
        assertEquals(Verdict.REGRESSION, o.verdict());
        assertTrue(o.detail().contains("nothing at '[model=A]' after 'result'"), o.detail());
    }

    @Test
    void malformedClaimsNameTheFileTheClaimAndTheField(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("claims.json");
        Files.writeString(file, "{\"claims\": [" + band("ok", "02-x/t.json", "result/v", 0.1) + ", {\"id\": \"bad\","
                + " \"notebook\": \"02\", \"kind\": \"band\", \"statement\": \"s\", \"paper\": \"p\", \"file\": \"02-x/t.json\","
                + " \"field\": \"result/v\", \"tolerance\": {}}]}");
        IOException e = assertThrows(IOException.class, () -> ClaimSet.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("claim #2 'bad'")
                && e.getMessage().contains("relative"), e.getMessage());
        Files.writeString(file, "{\"claims\": [" + band("ok", "02-x/t.json", "result/v", 0.1).replace("band", "banded") + "]}");
        e = assertThrows(IOException.class, () -> ClaimSet.load(file));
        assertTrue(e.getMessage().contains("field 'kind'"), e.getMessage());
        Files.writeString(file, "{\"claims\": [" + band("ok", "02-x/t.json", "result//v", 0.1) + "]}");
        e = assertThrows(IOException.class, () -> ClaimSet.load(file));
        assertTrue(e.getMessage().contains("empty segment"), e.getMessage());
    }

    @Test
    void everyNumberIsComparedExceptTimesAndMemory() throws IOException {
        JsonNode a = JSON.readTree("{\"conditions\": {\"wallTimeSeconds\": 1}, \"result\": [{\"FID\": 10.0, \"time_s\": 1.0,"
                + " \"rss_MiB\": 3, \"curve\": [1.0, 2.0]}]}");
        JsonNode b = JSON.readTree("{\"conditions\": {\"wallTimeSeconds\": 2}, \"result\": [{\"FID\": 10.0, \"time_s\": 9.0,"
                + " \"rss_MiB\": 4, \"curve\": [1.0, 2.5], \"extra\": 1}]}");
        NumberComparison n = NumberComparison.compare("x.json", a, b);
        assertEquals(3, n.compared());
        assertEquals(2, n.identical());
        assertEquals(0.25, n.largestRelative(), 1e-12);
        assertEquals("result/0/curve/1", n.largestAt());
        assertEquals(1, n.onlyOneSide());
        assertTrue(NumberComparison.compare("x.json", a, a).bitIdentical());
    }

    @Test
    void toleranceAndNumbers() {
        Tolerance t = new Tolerance(0.1, Double.NaN);
        assertTrue(t.within(10.9, 10));
        assertFalse(t.within(11.1, 10));
        assertTrue(t.within(Double.NaN, Double.NaN));
        assertTrue(new Tolerance(Double.NaN, 0.05).within(0.04, 0));
        assertEquals("±10 %", t.toString());
        assertEquals("n/a", ClaimChecker.number(Double.NaN));
        assertEquals("41.9612", ClaimChecker.number(41.961243));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(Double.NaN, Double.NaN));
    }

    // ---- helpers

    private record Run(int code, String out) {
    }

    private static Run run(String[] args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Verify.execute(args, out, out);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static String band(String id, String file, String field, double relative) {
        return "{\"id\": \"" + id + "\", \"notebook\": \"02\", \"kind\": \"band\", \"statement\": \"s\", \"paper\": \"p\","
                + " \"file\": \"" + file + "\", \"field\": \"" + field + "\", \"tolerance\": {\"relative\": " + relative + "}}";
    }

    private static ClaimSet claims(Path dir, String... entries) throws IOException {
        Path file = dir.resolve("claims-" + System.nanoTime() + ".json");
        Files.writeString(file, "{\"claims\": [" + String.join(", ", entries) + "]}");
        return ClaimSet.load(file);
    }

    private static Path writeResult(Path results, String file, String rows) throws IOException {
        Path target = results.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "{\"name\": \"t\", \"conditions\": {\"profile\": \"smoke\", \"datasetSize\": 5170},"
                + " \"result\": " + rows + "}");
        return results;
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
        return to;
    }

    @Test
    void aFieldSegmentTakesTheFirstAlternativePresent() throws Exception {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"result\": [{\"model\": \"A\", \"FID (offline proxy)\": 5.0}, {\"model\": \"B\", \"FID\": 3.0}]}");
        ResultLocator either = ResultLocator.parse("result/[model=A]/FID (offline proxy)|FID");
        assertEquals(5.0, either.number(root));
        assertEquals(3.0, ResultLocator.parse("result/[model=B]/FID (offline proxy)|FID").number(root));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ResultLocator.parse("result/[model=B]/KID|IS").number(root));
        assertTrue(e.getMessage().contains("nothing at 'KID|IS'"), e.getMessage());
    }
}
