package lddgan.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23, item 2: orderings judged by the difference of seed means against two standard errors. */
class OrderingRuleTest {
    private static SeedSample s(double... v) {
        return new SeedSample(v);
    }

    private static Verdict judge(SeedSample a, SeedSample b) {
        return OrderingRule.judge(List.of(a, b), Double.NaN).verdict();
    }

    @Test
    void twoStandardErrorsDecide() {
        // means 11 and 15, sds 1 and 1, n 3 and 3: se = sqrt(1/3 + 1/3) = 0.8165, 2 se = 1.633
        SeedSample a = s(10, 11, 12);
        assertEquals(11, a.mean(), 1e-12);
        assertEquals(1, a.std(), 1e-12);
        assertEquals(Verdict.REPRODUCED, judge(a, s(14, 15, 16)));
        assertEquals(Verdict.CONTRADICTED, judge(s(14, 15, 16), a));
        // mean 12.5: d = 1.5 < 1.633
        assertEquals(Verdict.INCONCLUSIVE, judge(a, s(11.5, 12.5, 13.5)));
        // mean 12.7: d = 1.7 > 1.633
        assertEquals(Verdict.REPRODUCED, judge(a, s(11.7, 12.7, 13.7)));
        assertTrue(OrderingRule.judge(List.of(a, s(11.5, 12.5, 13.5)), Double.NaN).detail()
                .contains("difference of means 1.5, 2 se 1.63299"));
    }

    @Test
    void aSingleSeedIsAlwaysInconclusive() {
        assertEquals(Verdict.INCONCLUSIVE, judge(s(1), s(100)));
        assertEquals(Verdict.INCONCLUSIVE, judge(s(1, 1.1, 0.9), s(100)));
        assertEquals(Verdict.INCONCLUSIVE, judge(s(100), s(1)));
    }

    @Test
    void identicalSeedsOrderByTheirMeans() {
        // no seed noise at all (a deterministic quantity): any positive difference is beyond 2 se = 0
        assertEquals(Verdict.REPRODUCED, judge(s(2, 2), s(3, 3)));
        assertEquals(Verdict.INCONCLUSIVE, judge(s(2, 2), s(2, 2)));
    }

    @Test
    void targetsNotReachedCountAsInfinity() {
        double never = Double.NaN;
        assertEquals(Verdict.REPRODUCED, judge(s(1, 2), s(never, never)));
        assertEquals(Verdict.CONTRADICTED, judge(s(never, never), s(1, 2)));
        assertEquals(Verdict.INCONCLUSIVE, judge(s(1, never), s(never, never)));
        assertEquals(Verdict.INCONCLUSIVE, judge(s(1, 2), s(3, never)));
        assertTrue(s(1, never).toString().contains("1 not reached"));
    }

    @Test
    void valuesBelowTheResolutionAreNotMeasurable() {
        // recall 0.000-0.002 for every GAN at cpu
        assertEquals(Verdict.NOT_MEASURABLE, OrderingRule.judge(List.of(s(0, 0.001, 0.002), s(0, 0, 0.001)), 0.01).verdict());
        assertEquals(Verdict.REPRODUCED, OrderingRule.judge(List.of(s(0, 0.001, 0.002), s(0.2, 0.21, 0.22)), 0.01).verdict());
    }

    @Test
    void aChainIsAsStrongAsItsWeakestPairAndContradictedByAnyPair() {
        SeedSample low = s(1, 1.1, 0.9);
        SeedSample mid = s(5, 5.1, 4.9);
        SeedSample high = s(9, 9.1, 8.9);
        assertEquals(Verdict.REPRODUCED, OrderingRule.judge(List.of(low, mid, high), Double.NaN).verdict());
        assertEquals(Verdict.INCONCLUSIVE, OrderingRule.judge(List.of(low, mid, s(5, 5.2, 4.8)), Double.NaN).verdict());
        OrderingRule.Judgement j = OrderingRule.judge(List.of(low, high, mid), Double.NaN);
        assertEquals(Verdict.CONTRADICTED, j.verdict());
        assertTrue(j.detail().startsWith("pair 2-3"), j.detail());
    }

    @Test
    void aLocatorSelectsEverySeedsRow(@TempDir Path tmp) throws IOException {
        String rows = "{\"result\": [{\"model\": \"A\", \"seed\": 0, \"v\": 1.0}, {\"model\": \"B\", \"seed\": 0, \"v\": 5.0},"
                + " {\"model\": \"A\", \"seed\": 1, \"v\": 2.0}, {\"model\": \"B\", \"seed\": 1, \"v\": null}]}";
        var root = new ObjectMapper().readTree(rows);
        assertEquals(List.of(1.0, 2.0), ResultLocator.parse("result/[model=A]/v").numbers(root));
        List<Double> b = ResultLocator.parse("result/[model=B]/v").numbers(root);
        assertEquals(5.0, b.get(0));
        assertTrue(Double.isNaN(b.get(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultLocator.parse("result/[model=C]/v").numbers(root));
        assertTrue(e.getMessage().contains("nothing at '[model=C]'"), e.getMessage());
        // and the checker reads them as seeds
        Path dir = tmp.resolve("r/02-x");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("t.json"), rows.replace("null", "6.0"));
        Path claims = tmp.resolve("claims.json");
        Files.writeString(claims, "{\"claims\": [{\"id\": \"o\", \"notebook\": \"02\", \"kind\": \"ordering\","
                + " \"statement\": \"s\", \"paper\": \"p\", \"file\": \"02-x/t.json\","
                + " \"ascending\": [\"result/[model=A]/v\", \"result/[model=B]/v\"]}]}");
        ClaimChecker.Outcome o = new ClaimChecker(tmp.resolve("r"), tmp.resolve("r")).check(ClaimSet.load(claims).claims().get(0));
        // A 1.5 +- 0.707, B 5.5 +- 0.707: d = 4 > 2 se = 2 x 0.707 = 1.414
        assertEquals(Verdict.REPRODUCED, o.verdict(), o.detail());
        assertEquals("1.5 ± 0.707107 (n = 2) < 5.5 ± 0.707107 (n = 2)", o.fresh());
    }

    @Test
    void aResolutionBelongsToAnOrderingOnly(@TempDir Path tmp) throws IOException {
        Path claims = tmp.resolve("claims.json");
        Files.writeString(claims, "{\"claims\": [{\"id\": \"b\", \"notebook\": \"02\", \"kind\": \"band\","
                + " \"statement\": \"s\", \"paper\": \"p\", \"file\": \"02-x/t.json\", \"field\": \"result/v\","
                + " \"tolerance\": {\"relative\": 0.1}, \"resolution\": 0.01}]}");
        IOException e = assertThrows(IOException.class, () -> ClaimSet.load(claims));
        assertTrue(e.getMessage().contains("claim #1 'b'") && e.getMessage().contains("'resolution'"), e.getMessage());
    }
}
