package lddgan.metrics;

import java.util.List;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@link Metrics} rows as a Tablesaw table, one column per field that any row has (paper Tables 2-3 layout: model,
 * FID, precision, recall, NFE, time, parameters, FLOPs, memory, and the extractor and sample counts beside them).
 */
public final class MetricsTable {
    private record Spec(String name, Function<Metrics, Object> value) {
    }

    private static final List<Spec> COLUMNS = List.of(
            new Spec("model", Metrics::model),
            new Spec("FID", Metrics::fid),
            new Spec("precision", Metrics::precision),
            new Spec("recall", Metrics::recall),
            new Spec("IS", Metrics::inceptionScore),
            new Spec("NFE", Metrics::nfe),
            new Spec("time mean (s)", Metrics::timeMeanSeconds),
            new Spec("time std (s)", Metrics::timeStdSeconds),
            new Spec("time batch", Metrics::timeBatchSize),
            new Spec("time device", Metrics::timeDevice),
            new Spec("parameters (M)", m -> m.parameters() == null ? null : m.parameters() / 1e6),
            new Spec("GFLOPs", Metrics::gigaFlops),
            new Spec("peak memory (MiB)", m -> m.peakMemoryBytes() == null ? null : m.peakMemoryBytes() / (1024.0 * 1024.0)),
            new Spec("memory", Metrics::peakMemoryLabel),
            new Spec("FID extractor", Metrics::fidExtractorId),
            new Spec("samples", Metrics::samples),
            new Spec("reference", Metrics::reference),
            new Spec("reference samples", Metrics::referenceSamples),
            new Spec("P/R extractor", Metrics::precisionRecallExtractorId));

    private MetricsTable() {
    }

    /** A table named {@code title} with one row per metrics record; columns that are null in every row are left out. */
    public static Table of(String title, List<Metrics> rows) {
        Table table = Table.create(title);
        for (Spec spec : COLUMNS) {
            if (rows.stream().map(spec.value()).allMatch(v -> v == null)) {
                continue;
            }
            boolean text = rows.stream().map(spec.value()).anyMatch(v -> v instanceof String);
            Column<?> column = text ? StringColumn.create(spec.name()) : DoubleColumn.create(spec.name());
            for (Metrics m : rows) {
                Object v = spec.value().apply(m);
                if (v == null) {
                    column.appendMissing();
                } else if (text) {
                    ((StringColumn) column).append(v.toString());
                } else {
                    ((DoubleColumn) column).append(((Number) v).doubleValue());
                }
            }
            table.addColumns(column);
        }
        return table;
    }
}
