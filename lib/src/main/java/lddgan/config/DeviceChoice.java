package lddgan.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Which device a run uses: the GPU when the engine sees one, else the CPU; overridable with the
 * environment variable {@value #ENV} ({@code cpu}, {@code gpu} or {@code gpu:N}).
 */
public final class DeviceChoice {
    /** Environment variable (and system property {@code lddgan.device}) forcing a device. */
    public static final String ENV = "LDDGAN_DEVICE";

    private DeviceChoice() {
    }

    /**
     * The device for this run, validated against what the engine sees; on the CPU, after the engine's convolutions
     * passed {@link ConvolutionCheck} (once per process).
     *
     * @throws IllegalStateException when they did not, naming the wrong cases and the remedy
     */
    public static Device current() {
        String value = System.getProperty("lddgan.device", System.getenv(ENV));
        Device device = parse(value, Engine.getInstance().getGpuCount());
        if (!device.isGpu()) {
            ConvolutionCheck.requireCorrect();
        }
        return device;
    }

    /**
     * Parses a device name given how many GPUs the engine sees.
     *
     * @throws IllegalArgumentException when the name is invalid or names a GPU that is not there
     */
    public static Device parse(String value, int gpuCount) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("cpu")) {
            return Device.cpu();
        }
        if (v.equals("gpu") || v.startsWith("gpu:") || v.startsWith("cuda")) {
            int index = 0;
            int colon = v.indexOf(':');
            if (colon >= 0) {
                try {
                    index = Integer.parseInt(v.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(ENV + "='" + value + "': expected cpu, gpu or gpu:N");
                }
            }
            if (index >= gpuCount) {
                throw new IllegalArgumentException(ENV + "='" + value + "' but the engine sees " + gpuCount
                        + " GPU(s). Install the CUDA build of libtorch (README \"GPU\") or use " + ENV + "=cpu.");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException(ENV + "='" + value + "': expected auto, cpu, gpu or gpu:N");
    }
}
