package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link Show} asks each kernel to publish, read where the kernel publishes it: JJava (jjava-jupyter's
 * {@code BaseKernel}) and IJava 1.3 (jupyter-jvm-basekernel's) through recording kernels, rapaio 3.0.1 off its IOPub
 * socket. Each must receive a table as {@code text/html}, a chart as {@code image/png} of the chart's size, both with
 * their text form, and a live item as one {@code display_data} and then {@code update_display_data} of the same id.
 */
class KernelDisplayTest {
    private static Table table() {
        return Table.create("Table 3 <CIFAR-10>", StringColumn.create("model", "DDGAN", "LDDGAN"),
                DoubleColumn.create("FID", 3.75, 2.98));
    }

    private static org.knowm.xchart.XYChart chart() {
        org.knowm.xchart.XYChart chart = Charts.line("losses of lddgan", "step", "loss", 320, 200);
        chart.addSeries("D", new double[] {1, 2, 3}, new double[] {1.4, 1.2, 1.3});
        return chart;
    }

    /** Shows a table, a chart and a live text updated twice; checks the six messages in order. */
    private static void showsRichOutput(Supplier<Show.LiveView> slot, Supplier<List<Published>> published) {
        slot.get().table(table());
        slot.get().chart(chart());
        Show.LiveView live = slot.get().text("step 1/2");
        assertTrue(live.updatesInPlace());
        live.text("step 2/2");
        live.chart(chart());
        List<Published> p = published.get();
        assertEquals(5, p.size(), "messages: " + p);

        Published tableOut = p.get(0).is("display_data");
        assertTrue(tableOut.data("text/html").contains("<td style=\"padding:2px 8px\">LDDGAN</td>"), tableOut.data("text/html"));
        assertTrue(tableOut.data("text/html").contains("Table 3 &lt;CIFAR-10&gt;"));
        assertTrue(tableOut.data("text/plain").contains("LDDGAN"));
        assertNull(tableOut.data("image/png"));

        Published chartOut = p.get(1).is("display_data");
        BufferedImage png = chartOut.png();
        assertEquals(320, png.getWidth());
        assertEquals(200, png.getHeight());
        assertEquals("[image 320x200: losses of lddgan]", chartOut.data("text/plain"));
        assertNull(chartOut.data("text/html"));

        Published first = p.get(2).is("display_data");
        Published second = p.get(3).is("update_display_data");
        Published third = p.get(4).is("update_display_data");
        assertEquals("step 1/2", first.data("text/plain"));
        assertEquals("step 2/2", second.data("text/plain"));
        assertEquals(first.displayId(), second.displayId());
        assertEquals(first.displayId(), third.displayId());
        assertEquals(320, third.png().getWidth());
        assertFalse(first.displayId().equals(chartOut.displayId()), "each slot has its own display id");
    }

    @Test
    void jjavaReceivesHtmlTablesPngChartsAndUpdatesInPlace() throws Exception {
        try (JJavaRecordingKernel kernel = new JJavaRecordingKernel()) {
            assertEquals("jjava", Show.kernel());
            showsRichOutput(Show::live, kernel::published);
            Show.table(table());
            assertEquals(6, kernel.published().size(), "Show.table publishes one display");
        }
        assertEquals("none", Show.kernel(), "no kernel once JJava's has shut down");
    }

    @Test
    void ijavaReceivesHtmlTablesPngChartsAndUpdatesInPlace() throws Exception {
        try (IJavaRecordingKernel kernel = new IJavaRecordingKernel()) {
            assertEquals("ijava", Show.kernel());
            showsRichOutput(Show::live, kernel::published);
        }
        assertEquals("none", Show.kernel());
    }

    @Test
    void rapaioPublishesHtmlTablesPngChartsAndUpdatesInPlace() throws Exception {
        RapaioBridge bridge = RapaioBridge.of(getClass().getClassLoader());
        try (RapaioIoPub iopub = new RapaioIoPub()) {
            showsRichOutput(() -> new Show.LiveView(bridge), () -> iopub.next(5));
        }
    }

    @Test
    void rapaioOnTheClassPathIsNotARunningKernel() {
        assertFalse(RapaioBridge.running(), "this JVM runs no rapaio MainApp");
        assertEquals("none", Show.kernel());
    }
}
