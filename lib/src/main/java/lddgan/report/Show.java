package lddgan.report;

import java.awt.image.BufferedImage;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows tables, charts, images and text in a notebook, on the project kernel (rapaio) and on IJava and JJava,
 * found by reflection; outside a kernel (tests, {@code make audit}) the text form is printed instead. Each call
 * displays at once and returns nothing, so a cell shows exactly what it asked for. For an item updated in place
 * (a progress line, a loss chart growing during training) use {@link #live()}. No JavaScript, no CDN.
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

    /** A display slot: the first call shows, later calls replace what is shown, in place. */
    public static LiveView live() {
        return new LiveView(Bridge.find());
    }

    /** The running kernel ("rapaio", "ijava", "jjava"), or "none" outside a notebook. */
    public static String kernel() {
        return Bridge.find().name;
    }

    /** A displayed item that can be replaced in place. */
    public static final class LiveView {
        private final Bridge bridge;
        private String id;

        LiveView(Bridge bridge) {
            this.bridge = bridge;
        }

        /** Shows (first call) or replaces (later calls) a table. */
        public LiveView table(Table table) {
            return put(new Content(Tables.html(table), null, Tables.text(table)));
        }

        /** Shows or replaces a chart. */
        public LiveView chart(Chart<?, ?> chart) {
            return image(Charts.image(chart), chart.getTitle());
        }

        /** Shows or replaces an image. */
        public LiveView image(BufferedImage image, String alt) {
            return put(new Content(null, image, "[image " + image.getWidth() + "x" + image.getHeight()
                    + (alt == null ? "" : ": " + alt) + "]"));
        }

        /** Shows or replaces HTML. */
        public LiveView html(String html, String textFallback) {
            return put(new Content(html, null, textFallback));
        }

        /** Shows or replaces a line of text. */
        public LiveView text(String text) {
            return put(new Content(null, null, text));
        }

        private LiveView put(Content content) {
            try {
                if (id == null) {
                    id = bridge.display(content);
                } else {
                    bridge.update(id, content);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.out.println(content.text);
            }
            return this;
        }

        @Override
        public String toString() {
            return "LiveView[" + bridge.name + (id == null ? "" : ", " + id) + "]";
        }
    }

    /** What is shown: at most one of HTML or image, and always a text form. */
    record Content(String html, BufferedImage image, String text) {
        Map<String, String> mimeBundle() {
            Map<String, String> m = new LinkedHashMap<>();
            if (image != null) {
                m.put("image/png", Base64.getEncoder().encodeToString(Charts.png(image)));
            }
            if (html != null) {
                m.put("text/html", html);
            }
            m.put("text/plain", text);
            return m;
        }
    }

    /** How a kernel is reached. */
    static class Bridge {
        final String name;
        final Class<?> functions;
        final Class<?> displayData;

        Bridge(String name, Class<?> functions, Class<?> displayData) {
            this.name = name;
            this.functions = functions;
            this.displayData = displayData;
        }

        /** IJava and JJava: their own DisplayData carries all MIME types. */
        String display(Content c) throws ReflectiveOperationException {
            if (functions == null) {
                System.out.println(c.text);
                return "console";
            }
            Object id = functions.getMethod("display", Object.class).invoke(null, displayData(c));
            return id == null ? null : id.toString();
        }

        void update(String id, Content c) throws ReflectiveOperationException {
            if (functions == null) {
                System.out.println(c.text);
                return;
            }
            functions.getMethod("updateDisplay", String.class, Object.class).invoke(null, id, displayData(c));
        }

        private Object displayData(Content c) throws ReflectiveOperationException {
            Object data = null;
            for (Constructor<?> k : displayData.getConstructors()) {
                if (k.getParameterCount() == 0) {
                    data = k.newInstance();
                }
            }
            if (data == null) {
                data = displayData.getConstructor(String.class).newInstance(c.text);
            }
            Method put = displayData.getMethod("putData", String.class, Object.class);
            for (Map.Entry<String, String> e : c.mimeBundle().entrySet()) {
                put.invoke(data, e.getKey(), e.getValue());
            }
            return data;
        }

        static Bridge find() {
            ClassLoader l = Thread.currentThread().getContextClassLoader();
            ClassLoader loader = l != null ? l : Show.class.getClassLoader();
            Class<?> rapaio = load(loader, "org.rapaio.jupyter.kernel.global.Global");
            if (rapaio != null) {
                return new RapaioBridge(rapaio);
            }
            String[][] others = {
                {"ijava", "io.github.spencerpark.ijava.runtime.Display", "io.github.spencerpark.jupyter.kernel.display.DisplayData"},
                {"ijava", "io.github.spencerpark.ijava.runtime.Display", "io.github.spencerpark.jupyter.api.display.DisplayData"},
                {"jjava", "org.dflib.jjava.runtime.Display", "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
            };
            for (String[] k : others) {
                Class<?> functions = load(loader, k[1]);
                Class<?> data = load(loader, k[2]);
                if (functions != null && data != null) {
                    return new Bridge(k[0], functions, data);
                }
            }
            return new Bridge("none", null, null);
        }

        private static Class<?> load(ClassLoader loader, String name) {
            try {
                return Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }
    }

    /** rapaio: images are rendered natively (RenderedImage to image/png); HTML and text through their MIME type. */
    static final class RapaioBridge extends Bridge {
        RapaioBridge(Class<?> global) {
            super("rapaio", global, null);
        }

        @Override
        String display(Content c) throws ReflectiveOperationException {
            Object id = c.image != null
                    ? functions.getMethod("display", Object.class).invoke(null, c.image)
                    : functions.getMethod("display", String.class, Object.class).invoke(null, mime(c), body(c));
            return id == null ? null : id.toString();
        }

        @Override
        void update(String id, Content c) throws ReflectiveOperationException {
            if (c.image != null) {
                functions.getMethod("updateDisplay", String.class, Object.class).invoke(null, id, c.image);
            } else {
                functions.getMethod("updateDisplay", String.class, String.class, Object.class).invoke(null, id, mime(c), body(c));
            }
        }

        private static String mime(Content c) {
            return c.html != null ? "text/html" : "text/plain";
        }

        private static String body(Content c) {
            return c.html != null ? c.html : c.text;
        }
    }
}
