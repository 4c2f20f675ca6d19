package lddgan.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.MetricLabel;
import tech.tablesaw.api.DoubleColumn;

/**
 * The sample-quality columns every table of generated images shares, filled from its rows: FID, then KID and its
 * standard deviation over subsets (Binkowski et al. 2018), optionally the Inception Score and its standard deviation
 * over splits (Salimans et al. 2016). Names follow {@link MetricLabel}: "(offline proxy)" unless the rows were scored
 * with the FID Inception-v3. A null row (a model that could not be scored, its data set absent) gives NaN.
 */
public final class SampleQualityColumns {
    private SampleQualityColumns() {
    }

    /**
     * Whether the rows' metrics are proxies; they must agree.
     *
     * @throws IllegalArgumentException when some rows were scored with a proxy extractor and some were not
     */
    public static boolean proxy(List<GanEvaluation> rows) {
        List<GanEvaluation> scored = rows.stream().filter(java.util.Objects::nonNull).toList();
        long proxies = scored.stream().filter(GanEvaluation::proxy).count();
        if (proxies != 0 && proxies != scored.size()) {
            throw new IllegalArgumentException("one table mixes feature spaces: " + scored.stream()
                    .map(e -> e.model() + " " + e.extractor()).toList());
        }
        return scored.isEmpty() || proxies > 0;
    }

    /** FID, KID and KID std of each row, in row order. */
    public static List<DoubleColumn> fidKid(List<GanEvaluation> rows) {
        boolean proxy = proxy(rows);
        return List.of(column(MetricLabel.FID.label(proxy), rows, GanEvaluation::fid),
                column(MetricLabel.KID.label(proxy), rows, GanEvaluation::kidMean),
                column(MetricLabel.KID_STD.label(proxy), rows, GanEvaluation::kidStd));
    }

    /** FID, KID, KID std, IS and IS std of each row, in row order. */
    public static List<DoubleColumn> fidKidIs(List<GanEvaluation> rows) {
        boolean proxy = proxy(rows);
        List<DoubleColumn> columns = new ArrayList<>(fidKid(rows));
        columns.add(column(MetricLabel.IS.label(proxy), rows, GanEvaluation::isMean));
        columns.add(column(MetricLabel.IS_STD.label(proxy), rows, GanEvaluation::isStd));
        return columns;
    }

    /** One named column of a value of each row (NaN for a null row). */
    public static DoubleColumn column(String name, List<GanEvaluation> rows, ToDoubleFunction<GanEvaluation> value) {
        return DoubleColumn.create(name, rows.stream().mapToDouble(e -> e == null ? Double.NaN : value.applyAsDouble(e))
                .toArray());
    }
}
