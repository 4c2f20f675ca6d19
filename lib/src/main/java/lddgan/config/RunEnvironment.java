package lddgan.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Java, DJL, engine and lddgan versions. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("java", System.getProperty("java.version"));
        v.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        v.put("engine", engine.getEngineName() + " " + engine.getVersion());
        String lib = RunEnvironment.class.getPackage().getImplementationVersion();
        v.put("lddgan", lib == null ? "dev" : lib);
        return v;
    }
}
