package lddgan.report;

/**
 * How {@link Show} reaches the display functions of the kernel it runs in. The kernels are found by reflection
 * ({@link KernelBridges#find()}), so the library depends on none of them.
 */
interface KernelBridge {
    /** The kernel's name: "rapaio", "jjava", "ijava", or "none" outside a notebook. */
    String name();

    /**
     * Shows {@code content} as a new output.
     *
     * @return the display id, with which {@link #update} replaces it
     * @throws ReflectiveOperationException when the kernel's display functions are not what they should be
     */
    String display(DisplayContent content) throws ReflectiveOperationException;

    /**
     * Replaces what {@link #display} showed under {@code id}.
     *
     * @throws ReflectiveOperationException when the kernel's display functions are not what they should be
     */
    void update(String id, DisplayContent content) throws ReflectiveOperationException;

    /** Whether {@link #update} replaces the output in place (a notebook kernel), rather than printing again. */
    boolean updatesInPlace();
}
