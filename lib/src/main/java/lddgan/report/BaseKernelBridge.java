package lddgan.report;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * JJava ({@code org.dflib.jjava:jjava-jupyter}) and IJava 1.3 (on SpencerPark's {@code jupyter-jvm-basekernel}):
 * both kernels extend a {@code BaseKernel} whose {@code getIO().display} stream publishes a {@code DisplayData}
 * ({@code display}) and replaces it by display id ({@code updateDisplay}). Their notebook functions
 * ({@code display(Object)}) would render a DisplayData as its {@code toString()}, so the kernel's stream is used.
 */
final class BaseKernelBridge extends DisplayDataBridge {
    private final Object stream;
    private final Method display;
    private final Method updateDisplay;
    private final Constructor<?> withText;

    private BaseKernelBridge(String name, Class<?> dataClass, Object stream, Class<?> streamClass)
            throws ReflectiveOperationException {
        super(name, dataClass);
        this.stream = stream;
        this.display = streamClass.getMethod("display", dataClass);
        this.updateDisplay = streamClass.getMethod("updateDisplay", dataClass);
        this.withText = dataClass.getConstructor(String.class);
    }

    @Override
    Object newData(String text) throws ReflectiveOperationException {
        return withText.newInstance(text);
    }

    /** The bridge to {@code kernel}, a {@code BaseKernel} of the kernel library in {@code apiPackage}. */
    private static BaseKernelBridge of(String name, String apiPackage, Object kernel, ClassLoader loader)
            throws ReflectiveOperationException {
        Class<?> baseKernel = Class.forName(apiPackage + ".BaseKernel", true, loader);
        Object io = baseKernel.getMethod("getIO").invoke(kernel);
        Field field = Class.forName(apiPackage + ".JupyterIO", true, loader).getField("display");
        return new BaseKernelBridge(name, Class.forName(apiPackage + ".display.DisplayData", true, loader),
                field.get(io), Class.forName(apiPackage + ".DisplayStream", true, loader));
    }

    @Override
    void publish(Object data, boolean update) throws ReflectiveOperationException {
        (update ? updateDisplay : display).invoke(stream, data);
    }

    /** The running JJava kernel ({@code BaseKernel.notebookKernel()}), or null when JJava's classes or kernel are absent. */
    static BaseKernelBridge jjava(ClassLoader loader) throws ReflectiveOperationException {
        String api = "org.dflib.jjava.jupyter.kernel";
        Class<?> baseKernel = KernelBridges.load(loader, api + ".BaseKernel");
        if (baseKernel == null) {
            return null;
        }
        Object kernel;
        try {
            kernel = baseKernel.getMethod("notebookKernel").invoke(null);
        } catch (InvocationTargetException e) {
            return null; // "No kernel running": JJava's classes without a notebook (a library that depends on them)
        }
        return kernel == null ? null : of("jjava", api, kernel, loader);
    }

    /** The running IJava kernel ({@code IJava.getKernelInstance()}), or null when IJava's classes or kernel are absent. */
    static BaseKernelBridge ijava(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> ijava = KernelBridges.load(loader, "io.github.spencerpark.ijava.IJava");
        if (ijava == null) {
            return null;
        }
        Object kernel = ijava.getMethod("getKernelInstance").invoke(null);
        return kernel == null ? null
                : of("ijava", "io.github.spencerpark.jupyter.kernel", kernel, loader);
    }
}
