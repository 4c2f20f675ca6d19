package lddgan.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One table over several training seeds (issue 23, item 1): the per-seed rows stacked with a {@code seed} column (the
 * file ordering claims read, one value per seed), and their summary, one row per model with the mean of each measured
 * column and its sample standard deviation over seeds in a column {@code "<name> seed-sd"} ({@link #SD_SUFFIX}),
 * plus the number of seeds.
 */
public final class SeedTable {
    /** The column holding the training seed of a per-seed row. */
    public static final String SEED = "seed";
    /** The column holding the number of seeds behind a summary row. */
    public static final String SEEDS = "seeds";
    /** Appended to a measured column's name for its standard deviation over seeds. */
    public static final String SD_SUFFIX = " seed-sd";
    /**
     * The column of the steps a run trained: measured, not a label, in a summary (under a time budget, notebook 02 at
     * cpu, each seed's run trains as many steps as fit).
     */
    public static final String STEPS = "steps";

    private SeedTable() {
    }

    /**
     * The rows of every seed's table, in seed order, each prefixed with its seed. The tables must have the same
     * columns.
     *
     * @throws IllegalArgumentException when the map is empty or two tables' columns differ (names both)
     */
    public static Table stack(String title, Map<Long, Table> bySeed) {
        if (bySeed.isEmpty()) {
            throw new IllegalArgumentException("no seeds to stack");
        }
        Table first = bySeed.values().iterator().next();
        Table out = Table.create(title).addColumns(LongColumn.create(SEED));
        first.columns().forEach(c -> out.addColumns(c.emptyCopy()));
        bySeed.forEach((seed, t) -> {
            if (!t.columnNames().equals(first.columnNames())) {
                throw new IllegalArgumentException("seed " + seed + "'s table has columns " + t.columnNames()
                        + ", expected " + first.columnNames());
            }
            for (int r = 0; r < t.rowCount(); r++) {
                out.longColumn(SEED).append(seed);
                for (Column<?> c : t.columns()) {
                    appendCell(out.column(c.name()), c, r);
                }
            }
        });
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendCell(Column to, Column from, int row) {
        to.appendObj(from.get(row));
    }

    /**
     * One row per value of {@code key} (first-appearance order): non-measured columns as in the first seed's row, each
     * measured column's mean over seeds followed by its {@link #SD_SUFFIX} column (0 for one seed), and the seed count
     * ({@link #SEEDS}). A NaN in some seed (a target never reached) makes the mean NaN.
     *
     * @param measured the columns that vary with the seed (FID, KID, times ...); the others must not
     * @throws IllegalArgumentException when a measured column is missing or not numeric
     */
    public static Table summary(String title, Table perSeed, String key, List<String> measured) {
        Set<String> keys = new LinkedHashSet<>();
        for (int r = 0; r < perSeed.rowCount(); r++) {
            keys.add(perSeed.column(key).getString(r));
        }
        for (String m : measured) {
            if (!perSeed.columnNames().contains(m) || !(perSeed.column(m) instanceof NumericColumn<?>)) {
                throw new IllegalArgumentException("measured column '" + m + "' is not a numeric column of "
                        + perSeed.columnNames());
            }
        }
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        keys.forEach(k -> rows.put(k, new ArrayList<>()));
        for (int r = 0; r < perSeed.rowCount(); r++) {
            rows.get(perSeed.column(key).getString(r)).add(r);
        }
        Table out = Table.create(title);
        for (Column<?> c : perSeed.columns()) {
            if (c.name().equals(SEED)) {
                continue;
            }
            if (measured.contains(c.name())) {
                NumericColumn<?> n = (NumericColumn<?>) c;
                DoubleColumn mean = DoubleColumn.create(c.name());
                DoubleColumn sd = DoubleColumn.create(c.name() + SD_SUFFIX);
                rows.values().forEach(rs -> {
                    double[] v = rs.stream().mapToDouble(n::getDouble).toArray();
                    mean.append(mean(v));
                    sd.append(sd(v));
                });
                out.addColumns(mean, sd);
            } else {
                Column<?> first = c.emptyCopy();
                rows.values().forEach(rs -> appendCell(first, c, rs.get(0)));
                out.addColumns(first);
            }
        }
        IntColumn n = IntColumn.create(SEEDS);
        rows.values().forEach(rs -> n.append(rs.size()));
        return out.addColumns(n);
    }

    /**
     * {@link #summary} with every measured quantity of a paper table: its double columns and its {@link #STEPS} (a
     * time budget sets them per seed), except the key and the paper's printed values ({@code paper_*},
     * {@code paper *}).
     */
    public static Table summary(String title, Table perSeed, String key) {
        List<String> measured = perSeed.columns().stream()
                .filter(c -> c instanceof DoubleColumn || (c.name().equals(STEPS) && c instanceof NumericColumn<?>))
                .map(Column::name).filter(n -> !n.startsWith("paper") && !n.equals(key)).toList();
        return summary(title, perSeed, key, measured);
    }

    /**
     * {@link #summary(String, Table, String)} of the per-seed rows with the real-data row ({@code realRow}, one row in
     * the same columns: held-out images scored like the models) appended as a row of one "seed".
     */
    public static Table withRealData(String title, Table perSeed, String key, Table realRow) {
        return summary(title, perSeed, key).append(summary("real data", realRow, key));
    }

    /** The mean (NaN when a value is NaN). */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation (n - 1), 0 for one value. */
    public static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /**
     * The value of {@code column} in the row whose {@code key} column reads {@code label} (a summary's mean).
     *
     * @throws IllegalArgumentException naming the label and the labels there when no row has it
     */
    public static double value(Table table, String key, String label, String column) {
        for (int r = 0; r < table.rowCount(); r++) {
            if (table.column(key).getString(r).equals(label)) {
                return ((NumericColumn<?>) table.column(column)).getDouble(r);
            }
        }
        throw new IllegalArgumentException("no row '" + label + "' in column '" + key + "' of " + table.name() + ": "
                + table.column(key).asList());
    }

    /**
     * Per-seed maps of runs as one map for a chart, seed after seed: keys {@code "<run>"} when there is one seed,
     * else {@code "<run>, seed <k>"} (every seed's curve drawn, so the spread is seen).
     */
    public static <T> Map<String, T> everySeed(Map<Long, Map<String, T>> bySeed) {
        Map<String, T> all = new LinkedHashMap<>();
        bySeed.forEach((seed, runs) -> runs.forEach((run, value) ->
                all.put(bySeed.size() == 1 ? run : run + ", seed " + seed, value)));
        return all;
    }

    /** The label columns of a key as text ({@code StringColumn} of the key's values), for charts. */
    public static List<String> keys(Table summary, String key) {
        return ((StringColumn) summary.column(key)).asList();
    }
}
