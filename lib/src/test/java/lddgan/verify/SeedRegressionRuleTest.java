package lddgan.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, item 2: a regression check over seeds fails only outside its band and beyond the seed noise (Welch's
 * two-sided t-test at 1 %). The p-values are checked against the closed forms of Student's t for 2 and 4 degrees of
 * freedom: two-sided p = 1 - t / sqrt(2 + t^2) (nu = 2) and 1 - t (t^2 + 6) / (t^2 + 4)^(3/2) (nu = 4).
 */
class SeedRegressionRuleTest {
    private static final Tolerance TEN_PERCENT = new Tolerance(0.1, Double.NaN);

    private static double pNu2(double t) {
        return 1 - t / Math.sqrt(2 + t * t);
    }

    private static double pNu4(double t) {
        return 1 - t * (t * t + 6) / Math.pow(t * t + 4, 1.5);
    }

    @Test
    void welchPValueEqualsStudentsClosedForms() {
        // equal sds and n = 3: Welch-Satterthwaite gives nu = 4; t = 30 / sqrt(100/3 + 100/3) = 3.674
        SeedSummary a = new SeedSummary(100, 10, 3);
        assertEquals(pNu4(30 / Math.sqrt(200.0 / 3)), SeedRegressionRule.welchP(a, new SeedSummary(130, 10, 3)), 1e-9);
        // one side without spread: nu = n - 1 = 2; t = 30 / (10 / sqrt 3) = 5.196
        SeedSummary flat = new SeedSummary(100, 0, 3);
        assertEquals(pNu2(30 / (10 / Math.sqrt(3))), SeedRegressionRule.welchP(flat, new SeedSummary(130, 10, 3)), 1e-9);
    }

    @Test
    void aMeanOutsideTheBandFailsOnlyBeyondTheSeedNoise() {
        SeedSummary committed = new SeedSummary(100, 10, 3);
        // within 10 %: passes whatever the noise
        assertFalse(SeedRegressionRule.judge(committed, new SeedSummary(109, 0.1, 3), TEN_PERCENT).regression());
        // 130: outside the band, p = 0.0213 (nu = 4) >= 0.01: within the seed noise
        SeedRegressionRule.Judgement noise = SeedRegressionRule.judge(committed, new SeedSummary(130, 10, 3), TEN_PERCENT);
        assertFalse(noise.regression(), noise.detail());
        String p = ClaimChecker.number(pNu4(30 / Math.sqrt(200.0 / 3)));
        assertEquals("0.0213116", p);
        assertTrue(noise.detail().contains("within the seed noise") && noise.detail().contains("p = " + p), noise.detail());
        // 140: t = 4.899, p = 0.0080 < 0.01: a regression
        assertTrue(pNu4(40 / Math.sqrt(200.0 / 3)) < SeedRegressionRule.ALPHA);
        SeedRegressionRule.Judgement moved = SeedRegressionRule.judge(committed, new SeedSummary(140, 10, 3), TEN_PERCENT);
        assertTrue(moved.regression(), moved.detail());
        assertTrue(moved.detail().contains("beyond the seed noise"), moved.detail());
        // and the same way down
        assertTrue(SeedRegressionRule.judge(committed, new SeedSummary(60, 10, 3), TEN_PERCENT).regression());
    }

    @Test
    void aSingleSeedOrNoSpreadLeavesTheBandToDecide() {
        SeedRegressionRule.Judgement one = SeedRegressionRule.judge(new SeedSummary(100, 0, 1), new SeedSummary(112, 0, 1),
                TEN_PERCENT);
        assertTrue(one.regression());
        assertTrue(one.detail().contains("single seed"), one.detail());
        assertTrue(SeedRegressionRule.judge(new SeedSummary(100, 10, 3), new SeedSummary(112, 0, 1), TEN_PERCENT)
                .regression());
        assertTrue(SeedRegressionRule.judge(new SeedSummary(100, 0, 3), new SeedSummary(112, 0, 3), TEN_PERCENT)
                .regression());
        assertFalse(SeedRegressionRule.judge(new SeedSummary(100, 0, 1), new SeedSummary(108, 0, 1), TEN_PERCENT)
                .regression());
    }

    @Test
    void summariesAreReadFromTheRowsOfASeedTable() throws IOException {
        JsonNode root = new ObjectMapper().readTree("{\"result\": [{\"model\": \"A\", \"FID (offline proxy)\": 120.5,"
                + " \"FID (offline proxy) seed-sd\": 12.0, \"seeds\": 3}, {\"model\": \"B\", \"FID\": 80.0}]}");
        assertEquals(new SeedSummary(120.5, 12.0, 3),
                SeedSummary.at(ResultLocator.parse("result/[model=A]/FID (offline proxy)|FID"), root));
        assertEquals(new SeedSummary(80.0, 0, 1),
                SeedSummary.at(ResultLocator.parse("result/[model=B]/FID (offline proxy)|FID"), root));
        assertEquals("120.5 ± 12 (n = 3)", new SeedSummary(120.5, 12.0, 3).toString());
    }

    @Test
    void aBandClaimOverSeedsIsJudgedByTheRule(@TempDir Path tmp) throws IOException {
        Path committed = write(tmp.resolve("c"), 100, 10);
        Path claims = tmp.resolve("claims.json");
        Files.writeString(claims, "{\"claims\": [{\"id\": \"b\", \"notebook\": \"02\", \"kind\": \"band\","
                + " \"statement\": \"s\", \"paper\": \"p\", \"file\": \"02-x/t.json\", \"field\": \"result/[model=A]/FID\","
                + " \"tolerance\": {\"relative\": 0.1}}]}");
        Claim claim = ClaimSet.load(claims).claims().get(0);
        ClaimChecker.Outcome noise = new ClaimChecker(committed, write(tmp.resolve("f1"), 130, 10)).check(claim);
        assertEquals(Verdict.REPRODUCED, noise.verdict(), noise.detail());
        assertEquals("100 ± 10 (n = 3)", noise.committed());
        assertEquals("130 ± 10 (n = 3)", noise.fresh());
        ClaimChecker.Outcome moved = new ClaimChecker(committed, write(tmp.resolve("f2"), 140, 10)).check(claim);
        assertEquals(Verdict.REGRESSION, moved.verdict(), moved.detail());
    }

    private static Path write(Path results, double mean, double sd) throws IOException {
        Path file = results.resolve("02-x/t.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"name\": \"t\", \"conditions\": {\"profile\": \"cpu\", \"datasetSize\": 5170},"
                + " \"result\": [{\"model\": \"A\", \"FID\": " + mean + ", \"FID seed-sd\": " + sd + ", \"seeds\": 3}]}");
        return results;
    }
}
