package lddgan.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** What a number's conditions say of the machine and the software that computed it (device, versions). */
public final class RunEnvironment {
    private RunEnvironment() {
    }

    /** "cpu (N cores, model)" or "gpu(0) (GPU)". */
    public static String describe(Device device) {
        if (device.isGpu()) {
            return device + " (GPU)";
        }
        return "cpu (" + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ")";
    }

    /**
     * Java, DJL, engine and lddgan versions, then the processor ({@link #cpu}): results of two machines, or of one
     * machine with and without the engine's kernel cap, differ in speed by several times, and the conditions say which.
     */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("java", System.getProperty("java.version"));
        v.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        v.put("engine", engine.getEngineName() + " " + engine.getVersion());
        String lib = RunEnvironment.class.getPackage().getImplementationVersion();
        v.put("lddgan", lib == null ? "dev" : lib);
        v.put("cpu", cpu());
        return v;
    }

    /**
     * The processor's model name and, when set, the oneDNN kernel cap the engine runs under ({@code DNNL_MAX_CPU_ISA},
     * which {@code environment/setup.sh} sets on machines whose fast convolution kernels fail
     * {@link ConvolutionCheck}; lib/PERFORMANCE.md "Engine self-check"): "AMD EPYC; oneDNN capped at
     * DNNL_MAX_CPU_ISA=SSE41".
     */
    public static String cpu() {
        return Processor.DESCRIPTION;
    }

    /**
     * The oneDNN kernel cap this process runs under ({@link ConvolutionCheck#ISA_VARIABLE}, e.g. "SSE41"), or null when
     * the engine picks its kernels itself.
     */
    public static String kernelCap() {
        String cap = System.getenv(ConvolutionCheck.ISA_VARIABLE);
        return cap == null || cap.isBlank() ? null : cap;
    }

    static String cpu(Path cpuinfo, String cap) {
        String model = processorModel(cpuinfo);
        return cap == null || cap.isBlank() ? model
                : model + "; oneDNN capped at " + ConvolutionCheck.ISA_VARIABLE + "=" + cap;
    }

    /** The processor and the cap, read once per process: every result file's conditions carry them. */
    private static final class Processor {
        static final String DESCRIPTION = cpu(Path.of("/proc/cpuinfo"), kernelCap());
    }

    /**
     * The first {@code model name} of a Linux {@code /proc/cpuinfo}; where there is none (another system, another
     * layout), the architecture and the reason: "aarch64 (model unknown: /proc/cpuinfo has no model name)".
     */
    static String processorModel(Path cpuinfo) {
        String arch = System.getProperty("os.arch");
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name") && l.indexOf(':') > 0)
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).filter(m -> !m.isEmpty()).findFirst()
                    .orElse(arch + " (model unknown: " + cpuinfo + " has no model name)");
        } catch (NoSuchFileException e) {
            return arch + " (model unknown: no " + cpuinfo + ")";
        } catch (IOException | UncheckedIOException e) {
            return arch + " (model unknown: " + cpuinfo + " unreadable: " + e.getMessage() + ")";
        }
    }
}
