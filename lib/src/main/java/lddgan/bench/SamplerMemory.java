package lddgan.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import lddgan.generator.GeneratorSpec;
import lddgan.metrics.PeakMemory;

/**
 * The memory column of Tables 2 and 11, measured so that the models do not disturb one another: each model samples one
 * image in a <b>fresh JVM</b>, after its networks are built and initialised, and the growth of that process's peak
 * resident memory during the sampling is reported ({@link PeakMemory#cpuResidentGrowth}; the child: {@link ChildJvm}). Measured one after another in
 * one process, later models reuse memory the allocator kept from earlier ones and show a fraction of their need (the
 * first model measured also pays the engine's one-time buffers); a fresh process gives every model the same start.
 *
 * <p>What the number holds: activations of T = 4 generator calls and the decoding, plus the engine's one-time
 * allocations on first use, which are the same for every model. A CPU stand-in for the paper's GPU memory
 * ({@code torch.cuda.max_memory_allocated}), in other units.
 */
public final class SamplerMemory {
    private static final String RESULT = "sampler-memory-mib ";

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
        return Double.parseDouble(ChildJvm.result(SamplerMemory.class, List.of(generator, model, Integer.toString(batch)),
                RESULT, "memory measurement of " + generator + " (" + model + ")", Duration.ofMinutes(10)));
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
