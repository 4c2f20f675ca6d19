package lddgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Table 2 (CIFAR-10) at the paper's configurations: parameters pinned to the printed values (LDDGAN Sec. 5.3.1). */
class Table2Test {

    @Test
    void parametersMatchTable2AndMacsTheDdganAndWddganFlops() throws Exception {
        Table t = ArchitectureAudit.table2(false);
        assertEquals(3, t.rowCount());
        double[] ours = t.doubleColumn("params_M").asDoubleArray();
        assertEquals(48.43, Math.round(ours[0] * 100) / 100.0, 1e-9, "DDGAN");
        assertEquals(33.37, Math.round(ours[1] * 100) / 100.0, 1e-9, "WDDGAN");
        // generator 33.33 M + decoder 8.63 M = 41.96 M; Table 2 prints 41.97 M
        assertEquals(41.96, Math.round(ours[2] * 100) / 100.0, 1e-9, "LDDGAN G + decoder");
        assertEquals(41.97, t.doubleColumn("paper_params_M").get(2), 0.0);
        double[] macs = t.doubleColumn("GMACs").asDoubleArray();
        assertEquals(7.05, Math.round(macs[0] * 100) / 100.0, 1e-9);
        assertEquals(1.67, Math.round(macs[1] * 100) / 100.0, 1e-9);
        assertTrue(macs[2] > 5, "LDDGAN with its decoder: " + macs[2]);
    }

    @Test
    void table11PinsTheViTsAndCountsTheCnnWithItsDecoderAsTable2Does() throws Exception {
        Table t = ArchitectureAudit.table11(false);
        assertEquals(java.util.List.of("CNN", "ViT Tiny", "ViT Mid", "ViT Large"), t.stringColumn("model").asList());
        double[] generator = t.doubleColumn("generator_params_M").asDoubleArray();
        double[] withDecoder = t.doubleColumn("with_decoder_params_M").asDoubleArray();
        assertEquals(33.33, Math.round(generator[0] * 100) / 100.0, 1e-9, "CNN generator");
        assertEquals(41.96, Math.round(withDecoder[0] * 100) / 100.0, 1e-9, "CNN + decoder, Table 11's 41.97");
        assertEquals(28.00, Math.round(generator[1] * 100) / 100.0, 1e-9);
        assertEquals(43.46, Math.round(generator[2] * 100) / 100.0, 1e-9);
        assertEquals(56.44, Math.round(generator[3] * 100) / 100.0, 1e-9);
        for (int i = 0; i < 4; i++) {
            assertEquals(8.63, Math.round((withDecoder[i] - generator[i]) * 100) / 100.0, 1e-9, "the f=2 decoder");
        }
        assertTrue(t.doubleColumn("cpu_rss_growth_MiB").isMissing().size() == 4, "memory not measured when not asked");
    }

    @Test
    void memoryIsMeasuredInAFreshProcessAndAFailureNamesTheModel() throws Exception {
        double mib = SamplerMemory.inFreshProcess("wddgan-cifar10", "wddgan-cifar10");
        assertTrue(mib > 0 && mib < 4096, "sampling one image grows the resident set: " + mib + " MiB");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> SamplerMemory.inFreshProcess("no-such-generator", "lddgan-cifar10"));
        assertTrue(e.getMessage().contains("no-such-generator"), e.getMessage());
    }
}
