package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lddgan.config.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ResultsTest {
    @TempDir
    Path tmp;

    private static Table table() {
        return Table.create("Table 2 <CIFAR-10>", StringColumn.create("model", "DDGAN", "LDDGAN"),
                DoubleColumn.create("params_M", 48.43, 41.97));
    }

    @Test
    void jsonAndCsvCarryTheirConditionsAndLeaveNoTemporaryFiles() throws IOException {
        Conditions c = Conditions.of(Profile.SMOKE, "synthetic", 64, Device.cpu(), 7, 1.5).with("extractor", "offline-v1");
        Results r = new Results(tmp.resolve("02"));
        r.writeTable("table2", table(), c);
        JsonNode json = Results.JSON.readTree(tmp.resolve("02/table2.json").toFile());
        assertEquals("smoke", json.at("/conditions/profile").asText());
        assertEquals(64, json.at("/conditions/datasetSize").asInt());
        assertEquals(7, json.at("/conditions/seed").asLong());
        assertEquals("offline-v1", json.at("/conditions/extras/extractor").asText());
        assertTrue(json.at("/conditions/versions/engine").asText().startsWith("PyTorch"));
        // in RunEnvironment's order in every process, so that re-written files differ only where the run did
        java.util.List<String> versions = new java.util.ArrayList<>();
        json.at("/conditions/versions").fieldNames().forEachRemaining(versions::add);
        assertEquals(java.util.List.of("java", "djl", "engine", "lddgan", "cpu"), versions);
        // the writing process's memory and collection time (issue 22, item 5)
        assertTrue(json.at("/conditions/extras").has(Conditions.PEAK_HEAP), json.toString());
        assertTrue(json.at("/conditions/extras/" + Conditions.GC_SECONDS.replace("/", "~1")).asDouble(-1) >= 0,
                json.toString());
        assertEquals(41.97, json.at("/result/1/params_M").asDouble(), 1e-12);
        String csv = Files.readString(tmp.resolve("02/table2.csv"));
        assertTrue(csv.startsWith("model,params_M"), csv);
        assertTrue(Files.exists(tmp.resolve("02/table2.conditions.json")));
        try (var s = Files.list(tmp.resolve("02"))) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void htmlIsEscapedAndComplete() {
        String html = Tables.html(table());
        assertTrue(html.contains("Table 2 &lt;CIFAR-10&gt;"), html);
        assertTrue(html.contains("<td style=\"padding:2px 8px\">LDDGAN</td>"), html);
        assertTrue(!html.contains("<script"));
    }

    @Test
    void outsideAKernelShowPrintsTheTextForm() {
        assertEquals("none", Show.kernel());
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(buf, true));
        try {
            Show.table(table());
            Show.chart(Charts.line("loss", "step", "loss", 300, 200));
            Show.live().text("step 1").text("step 2");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString();
        assertTrue(out.contains("LDDGAN") && out.contains("[image 300x200: loss]") && out.contains("step 2"), out);
    }

    @Test
    void chartsRenderToPng() {
        var chart = Charts.line("x", "a", "b", 320, 240);
        chart.addSeries("s", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.2});
        byte[] png = Charts.png(chart);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }
}
