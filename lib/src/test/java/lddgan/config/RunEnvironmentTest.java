package lddgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEnvironmentTest {
    @TempDir
    Path tmp;

    @Test
    void cpuNamesTheFirstProcessorModelAndTheKernelCap() throws IOException {
        Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                + "model name\t: AMD EPYC 9B45 128-Core Processor\nflags\t\t: fpu sse\n\nprocessor\t: 1\n"
                + "model name\t: another\n");
        assertEquals("AMD EPYC 9B45 128-Core Processor", RunEnvironment.cpu(cpuinfo, null));
        assertEquals("AMD EPYC 9B45 128-Core Processor", RunEnvironment.cpu(cpuinfo, " "));
        assertEquals("AMD EPYC 9B45 128-Core Processor; oneDNN capped at DNNL_MAX_CPU_ISA=SSE41",
                RunEnvironment.cpu(cpuinfo, "SSE41"));
    }

    @Test
    void cpuWithoutAModelNameSaysWhy() throws IOException {
        String arch = System.getProperty("os.arch");
        Path noModel = Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\nBogoMIPS\t: 50.00\n");
        assertEquals(arch + " (model unknown: " + noModel + " has no model name)", RunEnvironment.cpu(noModel, null));
        Path missing = tmp.resolve("absent");
        assertEquals(arch + " (model unknown: no " + missing + ")", RunEnvironment.processorModel(missing));
    }

    @Test
    void versionsEndWithTheProcessor() {
        var versions = RunEnvironment.versions();
        assertEquals(java.util.List.of("java", "djl", "engine", "lddgan", "cpu"), java.util.List.copyOf(versions.keySet()));
        assertEquals(RunEnvironment.cpu(), versions.get("cpu"));
    }
}
