package lddgan.report;

import java.awt.image.BufferedImage;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows tables, charts, images and text in a notebook: as Jupyter MIME bundles ({@code image/png} for charts and
 * images, {@code text/html} for tables, always with a {@code text/plain} form) on the project kernel (rapaio) and on
 * JJava and IJava, found by reflection ({@link KernelBridges}; the library depends on no kernel); outside a kernel
 * (tests, {@code make audit}, {@code make train}) the text form is printed instead. Each call displays at once and
 * returns nothing, so a cell shows exactly what it asked for. For an item updated in place (a progress line, a loss
 * chart growing during training) use {@link #live()}. No JavaScript, no CDN.
 */
public final class Show {
    private Show() {
    }

    /** Displays a table: HTML with every row, aligned text as fallback. */
    public static void table(Table table) {
        live().table(table);
    }

    /** Displays a chart as a PNG image. */
    public static void chart(Chart<?, ?> chart) {
        live().chart(chart);
    }

    /** Displays an image as PNG; {@code alt} is its text form. */
    public static void image(BufferedImage image, String alt) {
        live().image(image, alt);
    }

    /** Displays HTML (its text fallback where HTML cannot be shown). */
    public static void html(String html, String textFallback) {
        live().html(html, textFallback);
    }

    /** A display slot: the first call shows, later calls replace what is shown, in place where the kernel can. */
    public static LiveView live() {
        return new LiveView(KernelBridges.find());
    }

    /** The running kernel ("rapaio", "jjava", "ijava"), or "none" outside a notebook. */
    public static String kernel() {
        return KernelBridges.find().name();
    }

    /**
     * A displayed item that can be replaced. In a notebook kernel each replacement is a Jupyter
     * {@code update_display_data} of the first output (one output, whatever the number of updates); on the console
     * a replacement prints its text again, unless it is the text already printed.
     */
    public static final class LiveView {
        private final KernelBridge bridge;
        private String id;
        private String lastText;

        LiveView(KernelBridge bridge) {
            this.bridge = bridge;
        }

        /** Shows (first call) or replaces (later calls) a table. */
        public LiveView table(Table table) {
            return put(new DisplayContent(Tables.html(table), null, Tables.text(table)));
        }

        /** Shows or replaces a chart. */
        public LiveView chart(Chart<?, ?> chart) {
            return image(Charts.image(chart), chart.getTitle());
        }

        /** Shows or replaces an image. */
        public LiveView image(BufferedImage image, String alt) {
            return put(new DisplayContent(null, image, "[image " + image.getWidth() + "x" + image.getHeight()
                    + (alt == null ? "" : ": " + alt) + "]"));
        }

        /** Shows or replaces HTML. */
        public LiveView html(String html, String textFallback) {
            return put(new DisplayContent(html, null, textFallback));
        }

        /** Shows or replaces a line of text. */
        public LiveView text(String text) {
            return put(new DisplayContent(null, null, text));
        }

        /** Whether replacements happen in place (a notebook kernel) rather than by printing again (console). */
        public boolean updatesInPlace() {
            return bridge.updatesInPlace();
        }

        private LiveView put(DisplayContent content) {
            if (!bridge.updatesInPlace() && content.text().equals(lastText)) {
                return this;
            }
            try {
                if (id == null) {
                    id = bridge.display(content);
                } else {
                    bridge.update(id, content);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.err.println("[Show] " + bridge.name() + " did not display (" + e + "): text instead");
                System.out.println(content.text());
            }
            lastText = content.text();
            return this;
        }

        @Override
        public String toString() {
            return "LiveView[" + bridge.name() + (id == null ? "" : ", " + id) + "]";
        }
    }
}
