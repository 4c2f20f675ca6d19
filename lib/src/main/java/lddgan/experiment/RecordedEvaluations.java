package lddgan.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import lddgan.config.JsonPresets;
import lddgan.io.AtomicFiles;
import lddgan.io.Json;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.TimingProtocol;

/**
 * The evaluations of one trained network, kept in a file beside its checkpoints, so that a long evaluation that stops
 * (a session's end) resumes where it stopped instead of starting again (DEVELOPERS.md: long runs checkpoint their full
 * state and resume exactly). Notebook 05 evaluates each seed's epsilon network with six samplers, DDPM's 1,000 steps
 * on 500 samples alone about 26 minutes per seed at the cpu profile (SSE41); each finished row is written at once
 * ({@code samplers.json}), atomically.
 *
 * <p>A recorded evaluation is taken only when it was made of the same model (network and sampler, as named) at the
 * same training step, with the same sample count, NFE, feature extractor, KID subsets and timing protocol; the seed is
 * the directory's. Under those, an evaluation gives the same numbers whenever it runs (each draw is seeded), except
 * its measured sampling time, which stays the one measured by the process that made it.
 */
final class RecordedEvaluations {
    private final Path file;
    private final List<GanEvaluation> recorded;

    private RecordedEvaluations(Path file, List<GanEvaluation> recorded) {
        this.file = file;
        this.recorded = new ArrayList<>(recorded);
    }

    /**
     * The evaluations recorded in {@code file} (none when it does not exist); {@code file} null records nothing (a
     * network trained without a checkpoint directory).
     *
     * @throws IOException naming the file when it is not a list of evaluations
     */
    static RecordedEvaluations in(Path file) throws IOException {
        return new RecordedEvaluations(file, file == null ? List.of() : read(file));
    }

    /**
     * The sampler evaluations recorded beside {@code diffusion}'s checkpoints ({@link SamplerComparison#RECORD_FILE});
     * none recorded when it has no checkpoint directory.
     *
     * @throws java.io.UncheckedIOException naming the file when it is not a list of evaluations
     */
    static RecordedEvaluations beside(lddgan.train.DiffusionTrainer diffusion) {
        Path dir = diffusion.checkpointDirectory();
        try {
            return in(dir == null ? null : dir.resolve(SamplerComparison.RECORD_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The evaluations in {@code file}, none when it does not exist ({@code curve.json}, {@code samplers.json}). */
    static List<GanEvaluation> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.of(Json.MAPPER.readValue(file.toFile(), GanEvaluation[].class));
        } catch (IOException e) {
            throw new IOException(file + " is not a list of evaluations: " + e.getMessage(), e);
        }
    }

    /**
     * The recorded evaluation of {@code model} under these conditions, or {@code evaluate}'s, recorded before it is
     * returned.
     *
     * @param steps the network's training step
     * @param samples the generated images scored
     * @param nfe network evaluations per sample
     * @param timing the protocol of its sampling time
     * @param setup the extractor and KID subsets it must have been scored with
     */
    GanEvaluation evaluate(String model, long steps, int samples, int nfe, TimingProtocol timing, ModelRun.Setup setup,
            Supplier<GanEvaluation> evaluate) {
        Optional<GanEvaluation> done = recorded.stream().filter(e -> e.model().equals(model) && e.steps() == steps
                && e.nfe() == nfe && e.time().protocol().equals(timing) && setup.evaluatesLike(e, samples)).findFirst();
        if (done.isPresent()) {
            System.out.printf("%s: taken from %s (evaluated by an earlier run)%n", model, file);
            return done.get();
        }
        GanEvaluation fresh = evaluate.get();
        if (file != null) {
            recorded.add(fresh);
            try {
                AtomicFiles.writeString(file, JsonPresets.toJson(recorded));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the evaluation of " + model + " in " + file, e);
            }
        }
        return fresh;
    }
}
