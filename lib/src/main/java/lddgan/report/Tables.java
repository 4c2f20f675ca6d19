package lddgan.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as readable output: HTML for notebooks, aligned text for logs, rows for JSON. */
public final class Tables {
    private Tables() {
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
