package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import lddgan.report.Conditions;
import lddgan.report.Results;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The result row: table and JSON. */
class MetricsTest {
    private static final FeatureStatistics REAL = new FeatureStatistics("real", "ext", 10, new double[] {0, 0},
            new double[] {1, 0, 0, 4});
    private static final FeatureStatistics FAKE = new FeatureStatistics("fake", "ext", 8, new double[] {1, 0},
            new double[] {4, 0, 0, 1});

    @Test
    void rowsBecomeATableWithTheirConditions() throws Exception {
        Metrics a = Metrics.of("LDDGAN T=2").withFid(FAKE, REAL)
                .withPrecisionRecall(new PrecisionRecall(0.7, 0.5, 3, 10, 8), "ext")
                .withTime(new SamplingTime(0.08, 0.01, 2, TimingProtocol.paper(), "gpu"))
                .withCost(new ModelCost(1_000_000, 2.5, new PeakMemory(3L << 20, PeakMemory.CPU_LABEL)));
        Metrics b = Metrics.of("DDGAN T=4").withTime(new SamplingTime(0.2, 0.02, 4, TimingProtocol.paper(), "gpu"));
        // FID = 1 + (1 - 2)^2 + (2 - 1)^2
        assertEquals(3.0, a.fid(), 1e-12);
        assertEquals(8L, a.samples());
        assertEquals("real", a.reference());

        Table t = MetricsTable.of("Table 3", List.of(a, b));
        assertEquals(2, t.rowCount());
        assertTrue(t.columnNames().containsAll(List.of("model", "FID", "recall", "NFE", "time mean (s)", "FID extractor")));
        assertFalse(t.columnNames().contains("IS"), "columns empty in every row are left out");
        assertEquals(3.0, t.doubleColumn("FID").get(0), 1e-12);
        assertTrue(t.doubleColumn("FID").isMissing(1));
        assertEquals(1.0, t.doubleColumn("parameters (M)").get(0), 1e-12);

        Conditions c = a.conditions(new Conditions("smoke", "cifar", 10, "cpu", 0, Map.of(), 1, Map.of(), "now"));
        assertEquals("ext", c.extras().get("fid extractor"));
        assertEquals(8L, c.extras().get("samples"));

        JsonNode json = Results.JSON.valueToTree(b);
        assertEquals("DDGAN T=4", json.get("model").asText());
        assertFalse(json.has("fid"), "unmeasured fields are not written");
        assertEquals(4, json.get("nfe").asInt());
        assertEquals(Conditions.describe(Device.cpu()).isEmpty(), false);
    }
}
