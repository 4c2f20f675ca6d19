package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.InceptionScore;
import lddgan.metrics.KernelInceptionDistance;
import lddgan.metrics.SamplingTime;
import lddgan.metrics.TimingProtocol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;

/** Column names say which feature space a metric was computed in; values follow the rows. */
class SampleQualityColumnsTest {
    private static GanEvaluation row(double fid, boolean proxy, InceptionScore is) {
        return new GanEvaluation("m", 1, 1, 1, 100, fid, new KernelInceptionDistance(fid / 100, fid / 1000, 100, 100, 100,
                100, 0), is, 0.5, 0.5, 4, new SamplingTime(1, 0, 4, new TimingProtocol(100, 0, 1), "cpu"), "x", proxy);
    }

    private static List<String> names(List<DoubleColumn> columns) {
        return columns.stream().map(DoubleColumn::name).toList();
    }

    @Test
    void proxiesAreLabelledAndInceptionIsPlain() {
        List<GanEvaluation> proxies = List.of(row(10, true, null), row(20, true, null));
        assertEquals(List.of("FID (offline proxy)", "KID (offline proxy)", "KID std (offline proxy)"),
                names(SampleQualityColumns.fidKid(proxies)));
        List<DoubleColumn> inception = SampleQualityColumns.fidKidIs(List.of(row(3, false, new InceptionScore(9.5, 0.1, 10,
                50_000))));
        assertEquals(List.of("FID", "KID", "KID std", "IS", "IS std"), names(inception));
        assertEquals(List.of(3.0), inception.get(0).asList());
        assertEquals(List.of(0.03), inception.get(1).asList());
        assertEquals(List.of(9.5), inception.get(3).asList());
    }

    @Test
    void missingRowsAndScoresAreNaNAndMixedSpacesAreRefused() {
        List<GanEvaluation> rows = Arrays.asList(row(10, true, null), null);
        List<DoubleColumn> c = SampleQualityColumns.fidKidIs(rows);
        assertEquals(10.0, c.get(0).getDouble(0));
        assertTrue(Double.isNaN(c.get(0).getDouble(1)), "a row without an evaluation");
        assertTrue(Double.isNaN(c.get(3).getDouble(0)), "no classifier head, no IS");
        var e = assertThrows(IllegalArgumentException.class,
                () -> SampleQualityColumns.fidKid(List.of(row(1, true, null), row(2, false, null))));
        assertTrue(e.getMessage().contains("mixes feature spaces"), e.getMessage());
    }
}
