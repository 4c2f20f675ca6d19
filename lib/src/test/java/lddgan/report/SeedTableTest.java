package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Issue 23, item 1: per-seed rows stacked, and their mean and standard deviation over seeds per model. */
class SeedTableTest {
    private static Table seed(double fidA, double fidB) {
        return Table.create("t").addColumns(StringColumn.create("model", "A", "B"), IntColumn.create("steps", 10, 20),
                DoubleColumn.create("FID", fidA, fidB), DoubleColumn.create("paper_FID", 3.0, 4.0));
    }

    @Test
    void meansAndSampleDeviationsPerModelInFirstAppearanceOrder() {
        Map<Long, Table> bySeed = new LinkedHashMap<>();
        bySeed.put(0L, seed(10, 40));
        bySeed.put(1L, seed(11, 42));
        bySeed.put(2L, seed(12, Double.NaN));
        Table stacked = SeedTable.stack("per seed", bySeed);
        assertEquals(List.of("seed", "model", "steps", "FID", "paper_FID"), stacked.columnNames());
        assertEquals(6, stacked.rowCount());
        assertEquals(2L, stacked.longColumn("seed").get(4));
        Table s = SeedTable.summary("summary", stacked, "model", List.of("FID"));
        assertEquals(List.of("model", "steps", "FID", "FID seed-sd", "paper_FID", "seeds"), s.columnNames());
        assertEquals(List.of("A", "B"), SeedTable.keys(s, "model"));
        assertEquals(11, s.doubleColumn("FID").get(0), 1e-12);
        assertEquals(1, s.doubleColumn("FID seed-sd").get(0), 1e-12);
        assertTrue(Double.isNaN(s.doubleColumn("FID").getDouble(1)), "a seed that never reached the target makes the mean NaN");
        assertEquals(20, s.intColumn("steps").get(1));
        assertEquals(3, s.intColumn("seeds").get(0));
    }

    @Test
    void aNumericKeyGroupsItsRows() {
        // notebook 05's guidance sweep: one row per scale w
        Map<Long, Table> bySeed = new LinkedHashMap<>();
        for (long seed = 0; seed < 2; seed++) {
            bySeed.put(seed, Table.create("cfg").addColumns(DoubleColumn.create("w", 1.0, 3.0),
                    DoubleColumn.create("FID", 10 + seed, 20 + 2 * seed)));
        }
        Table s = SeedTable.summary("s", SeedTable.stack("p", bySeed), "w");
        assertEquals(List.of("w", "FID", "FID seed-sd", "seeds"), s.columnNames(), "the key is not a measured column");
        assertEquals(3.0, s.doubleColumn("w").getDouble(1));
        assertEquals(21, s.doubleColumn("FID").getDouble(1), 1e-12);
        assertEquals(21, SeedTable.value(s, "w", s.column("w").getString(1), "FID"), 1e-12);
    }

    @Test
    void oneSeedHasNoDeviation() {
        Table s = SeedTable.summary("s", SeedTable.stack("p", Map.of(0L, seed(10, 40))), "model", List.of("FID"));
        assertEquals(0, s.doubleColumn("FID seed-sd").get(1));
        assertEquals(1, s.intColumn("seeds").get(1));
    }

    @Test
    void mismatchedTablesAndUnknownColumnsAreRefused() {
        Map<Long, Table> bySeed = new LinkedHashMap<>();
        bySeed.put(0L, seed(1, 2));
        bySeed.put(1L, seed(1, 2).removeColumns("paper_FID"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedTable.stack("p", bySeed));
        assertTrue(e.getMessage().contains("seed 1"), e.getMessage());
        Table stacked = SeedTable.stack("p", Map.of(0L, seed(1, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> SeedTable.summary("s", stacked, "model", List.of("KID")));
        assertTrue(e.getMessage().contains("'KID'"), e.getMessage());
    }
}
