package lddgan.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import lddgan.config.ProjectPaths;
import lddgan.generator.GeneratorSpec;
import lddgan.metrics.PeakMemory;

/**
 * The memory column of Tables 2 and 11, measured so that the models do not disturb one another: each model samples one
 * image in a <b>fresh JVM</b>, after its networks are built and initialised, and the growth of that process's peak
 * resident memory during the sampling is reported ({@link PeakMemory#cpuResidentGrowth}). Measured one after another in
 * one process, later models reuse memory the allocator kept from earlier ones and show a fraction of their need (the
 * first model measured also pays the engine's one-time buffers); a fresh process gives every model the same start.
 *
 * <p>What the number holds: activations of T = 4 generator calls and the decoding, plus the engine's one-time
 * allocations on first use, which are the same for every model. A CPU stand-in for the paper's GPU memory
 * ({@code torch.cuda.max_memory_allocated}), in other units.
 */
public final class SamplerMemory {
    private static final String RESULT = "sampler-memory-mib ";
    /** JVM properties a child inherits from this process when set (offline engine, threads, project root). */
    private static final List<String> INHERITED = List.of("offline", "ai.djl.offline", "ai.djl.pytorch.num_threads",
            "ai.djl.pytorch.num_interop_threads", "lddgan.root", "java.awt.headless");

    private SamplerMemory() {
    }

    /**
     * Measures a generator preset with the data space of a training preset in a child JVM.
     *
     * @param generator a {@link GeneratorSpec#preset} name
     * @param model the training preset whose data space decodes the samples ("lddgan-..." decodes with its autoencoder)
     * @return the peak resident growth in MiB
     * @throws IOException naming the model when the child fails or prints no result
     */
    public static double inFreshProcess(String generator, String model) throws IOException {
        return inFreshProcess(generator, model, 1);
    }

    /**
     * Measures one sampling pass of a batch of {@code batch} images in a child JVM ({@code make bench}'s memory column).
     *
     * @return the peak resident growth in MiB
     * @throws IOException naming the model when the child fails or prints no result
     */
    public static double inFreshProcess(String generator, String model, int batch) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx4g");
        for (String property : INHERITED) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(classpath());
        command.add(SamplerMemory.class.getName());
        command.add(generator);
        command.add(model);
        command.add(Integer.toString(batch));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("memory measurement of " + generator + " (" + model + ") failed: " + tail(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("memory measurement of " + generator + " interrupted", e);
        }
        for (String line : output.split("\n")) {
            if (line.startsWith(RESULT)) {
                return Double.parseDouble(line.substring(RESULT.length()).trim());
            }
        }
        throw new IOException("memory measurement of " + generator + " (" + model + ") printed no result: " + tail(output));
    }

    /**
     * This process's class path, or, inside a notebook kernel that loads the library by itself, the one
     * {@code environment/setup.sh} writes to {@code build/classpath.txt}.
     */
    static String classpath() throws IOException {
        String own = System.getProperty("java.class.path", "");
        String library;
        try {
            library = Path.of(SamplerMemory.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            library = null;
        }
        Path written = ProjectPaths.root().resolve("build").resolve("classpath.txt");
        boolean ownHasLibrary = library != null && List.of(own.split(java.io.File.pathSeparator)).contains(library);
        return ownHasLibrary || !Files.exists(written) ? own : Files.readString(written).trim();
    }

    private static String tail(String output) {
        return output.length() > 2000 ? "..." + output.substring(output.length() - 2000) : output;
    }

    /** Child entry point: {@code SamplerMemory <generator preset> <training preset> <batch>}; prints the growth in MiB. */
    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SamplerMemory <generator preset> <training preset> <batch>");
        }
        int batch = Integer.parseInt(args[2]);
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            ArchitectureAudit.SamplerCost cost = ArchitectureAudit.SamplerCost.of(GeneratorSpec.preset(args[0]), args[1], m);
            double mib = PeakMemory.cpuResidentGrowth(() -> cost.sampleBatch().accept(batch)).mebibytes();
            System.out.println(RESULT + String.format(Locale.ROOT, "%.4f", mib));
        }
    }
}
