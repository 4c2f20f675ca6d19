package lddgan.report;

/** Finds the kernel this JVM runs in, by reflection: rapaio, JJava, IJava, or none (the console). */
final class KernelBridges {
    private KernelBridges() {
    }

    /** The bridge to the running kernel; {@link ConsoleBridge} outside a notebook or when a kernel's API is not as expected. */
    static KernelBridge find() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : Show.class.getClassLoader();
        try {
            if (RapaioBridge.running()) {
                return RapaioBridge.of(loader);
            }
            KernelBridge jjava = BaseKernelBridge.jjava(loader);
            if (jjava != null) {
                return jjava;
            }
            KernelBridge ijava = BaseKernelBridge.ijava(loader);
            if (ijava != null) {
                return ijava;
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("[Show] the kernel's display functions are not as expected (" + e
                    + "): showing text instead");
        }
        return ConsoleBridge.INSTANCE;
    }

    /** The class, or null when {@code loader} does not see it. */
    static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
