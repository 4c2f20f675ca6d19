package lddgan.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.schedule.FewStepVpSchedule;
import lddgan.schedule.Posterior;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as readable output: HTML for notebooks, aligned text for logs, rows for JSON. */
public final class Tables {
    private Tables() {
    }

    /**
     * The forward process of the few-step schedule, one row per level k = 0..T (REFERENCE-CODE.md section 1, the
     * reference's {@code t}, {@code betas}, {@code sigmas}, {@code a_s}, {@code a_s_cum}, {@code sigmas_cum}).
     */
    public static Table noiseSchedule(FewStepVpSchedule schedule) {
        int levels = schedule.numSteps() + 1;
        double[][] columns = new double[6][levels];
        for (int k = 0; k < levels; k++) {
            columns[0][k] = schedule.time(k);
            columns[1][k] = schedule.beta(k);
            columns[2][k] = schedule.sigma(k);
            columns[3][k] = schedule.sqrtAlpha(k);
            columns[4][k] = schedule.sqrtAlphaBar(k);
            columns[5][k] = schedule.sqrtOneMinusAlphaBar(k);
        }
        return indexed("Noise schedule, T = " + schedule.numSteps() + " (" + schedule + ")", levels,
                new String[] {"t_k", "beta_k", "sigmas", "a_s", "a_s_cum", "sigmas_cum"}, columns);
    }

    /**
     * The posterior q(x_k | x_{k+1}, x_0) of a schedule, one row per step k = 0..T-1 (REFERENCE-CODE.md section 1:
     * alpha-bar', its previous value, coef1, coef2, the variance and the clipped log-variance).
     */
    public static Table posterior(Posterior posterior) {
        int steps = posterior.numSteps();
        double[][] columns = new double[6][steps];
        for (int k = 0; k < steps; k++) {
            columns[0][k] = posterior.alphaBar(k);
            columns[1][k] = posterior.alphaBarPrev(k);
            columns[2][k] = posterior.coef1(k);
            columns[3][k] = posterior.coef2(k);
            columns[4][k] = posterior.variance(k);
            columns[5][k] = posterior.logVarianceClipped(k);
        }
        return indexed("Posterior coefficients, T = " + steps, steps,
                new String[] {"abar", "abar_prev", "coef1", "coef2", "var", "logvar"}, columns);
    }

    private static Table indexed(String name, int rows, String[] names, double[][] columns) {
        Table table = Table.create(name).addColumns(IntColumn.indexColumn("k", rows, 0));
        for (int c = 0; c < names.length; c++) {
            table.addColumns(DoubleColumn.create(names[c], columns[c]));
        }
        return table;
    }

    /** The rows as ordered maps (column name to value), for JSON. */
    public static List<Map<String, Object>> rows(Table table) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : table) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String c : table.columnNames()) {
                m.put(c, row.getObject(c));
            }
            out.add(m);
        }
        return out;
    }

    /** A self-contained HTML table (no scripts, no external styles), with the table's name as caption. */
    public static String html(Table table) {
        StringBuilder s = new StringBuilder("<table style=\"border-collapse:collapse;font-family:monospace\">");
        if (table.name() != null && !table.name().isBlank()) {
            s.append("<caption style=\"text-align:left;font-weight:bold\">").append(escape(table.name())).append("</caption>");
        }
        s.append("<thead><tr>");
        for (String c : table.columnNames()) {
            s.append("<th style=\"border-bottom:1px solid #888;padding:2px 8px;text-align:left\">").append(escape(c)).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            s.append("<tr>");
            for (Column<?> c : table.columns()) {
                s.append("<td style=\"padding:2px 8px\">").append(escape(c.getString(r))).append("</td>");
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    /** Aligned plain text with all rows (Tablesaw's {@code print()} truncates long tables). */
    public static String text(Table table) {
        return table.printAll();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
