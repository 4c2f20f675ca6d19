package io.github.spencerpark.ijava;

/**
 * Test stand-in for IJava 1.3's entry class, which is not on Maven Central: like the real one, it hands out the
 * running kernel ({@code getKernelInstance()}, null outside a notebook). The kernel itself is a real
 * {@code jupyter-jvm-basekernel} 2.3.0 kernel ({@code lddgan.report.IJavaRecordingKernel}).
 */
public final class IJava {
    private static Object kernel;

    private IJava() {
    }

    /** The running kernel, or null. */
    public static Object getKernelInstance() {
        return kernel;
    }

    /** Makes {@code k} the running kernel (null: none). */
    public static void setKernelInstance(Object k) {
        kernel = k;
    }
}
