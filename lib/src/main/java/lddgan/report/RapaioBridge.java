package lddgan.report;

import java.lang.reflect.Method;

/**
 * rapaio-jupyter-kernel (3.0.1, the project kernel): its {@code DisplayData} handed to the running kernel
 * ({@code MainApp.kernel}), which publishes {@code display(DisplayData)} and {@code updateDisplay(DisplayData)}.
 * ({@code Global.display(Object)} would render a DisplayData as its {@code toString()}.)
 */
final class RapaioBridge extends DisplayDataBridge {
    static final String MAIN = "org.rapaio.jupyter.kernel.MainApp";
    private static final String PACKAGE = "org.rapaio.jupyter.kernel.";

    private static volatile Boolean running;

    private final Object kernel;
    private final Method display;
    private final Method updateDisplay;
    private final Method fromText;

    private RapaioBridge(Class<?> dataClass, Class<?> kernelClass, Object kernel) throws ReflectiveOperationException {
        super("rapaio", dataClass);
        this.kernel = kernel;
        this.display = kernelClass.getMethod("display", dataClass);
        this.updateDisplay = kernelClass.getMethod("updateDisplay", dataClass);
        this.fromText = dataClass.getMethod("fromText", String.class);
    }

    @Override
    Object newData(String text) throws ReflectiveOperationException {
        return fromText.invoke(null, text);
    }

    /** The bridge to the rapaio kernel of this JVM ({@code MainApp.kernel}), whose classes {@code loader} sees. */
    static RapaioBridge of(ClassLoader loader) throws ReflectiveOperationException {
        return new RapaioBridge(Class.forName(PACKAGE + "display.DisplayData", true, loader),
                Class.forName(PACKAGE + "core.RapaioKernel", true, loader),
                Class.forName(MAIN, true, loader).getField("kernel").get(null));
    }

    @Override
    void publish(Object data, boolean update) throws ReflectiveOperationException {
        (update ? updateDisplay : display).invoke(kernel, data);
    }

    /**
     * Whether this JVM is a rapaio kernel: one of its threads runs {@code MainApp} (the main thread waits there until
     * the kernel shuts down). Looked at once per JVM; merely having rapaio's classes on the class path (a test) does
     * not count, and nothing of rapaio is initialised to find out.
     */
    static boolean running() {
        Boolean r = running;
        if (r == null) {
            r = Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
                    .anyMatch(frame -> frame.getClassName().equals(MAIN));
            running = r;
        }
        return r;
    }
}
