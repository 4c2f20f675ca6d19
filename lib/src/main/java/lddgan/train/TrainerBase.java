package lddgan.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lddgan.config.ConvolutionCheck;
import lddgan.data.ImageSet;
import lddgan.checkpoint.CheckpointManifest;
import lddgan.checkpoint.CheckpointStore;
import lddgan.checkpoint.RunState;

/**
 * What {@link GanTrainer} and {@link AutoencoderTrainer} share: the loop of {@link #train} (budget, listeners,
 * checkpoints every n steps and at the end, a summary however it ends), epochs as fresh permutations from (seed,
 * epoch), and the divergence check. Subclasses take one step ({@link #trainStep}) and write their checkpoint
 * ({@link #saveCheckpoint}).
 */
public abstract class TrainerBase implements Trainer, AutoCloseable {
    private final String name;
    private final int batchSize;
    private final com.fasterxml.jackson.databind.JsonNode config;
    private final String space;
    private final String firstStage;
    final ImageSet data;
    final long seed;
    final CheckpointStore checkpoints;
    final int checkpointEvery;
    final List<TrainingListener> listeners;
    final int stepsPerEpoch;
    long step;
    Path lastCheckpoint;
    /** Wall seconds of the run's finished training calls, earlier processes' included (NaN: not recorded). */
    private double secondsBefore;
    /** {@link System#nanoTime} at the start of the running call, or -1 between calls. */
    private long callStart = -1;
    private int permutationEpoch = -1;
    private int[] permutation;

    /**
     * @param name the preset name
     * @param batchSize images per step
     * @param data the training set
     * @param configJson the full configuration as JSON (checkpoint manifests; resumes must match it)
     * @param space the data space's name, as the manifest records it
     * @param firstStage the first stage the space depends on ({@code DataSpace.firstStage()}), or null
     * @param options the shared options
     */
    TrainerBase(String name, int batchSize, ImageSet data, String configJson, String space, String firstStage,
            Options<?> options) throws IOException {
        if (!Engine.getInstance().defaultDevice().isGpu()) {
            ConvolutionCheck.requireCorrect(); // nothing is trained on wrong CPU convolutions
        }
        this.name = name;
        this.batchSize = batchSize;
        this.config = new com.fasterxml.jackson.databind.ObjectMapper().readTree(configJson);
        this.space = space;
        this.firstStage = firstStage;
        this.data = data;
        if (data.size() < batchSize) {
            throw new IllegalArgumentException("training set " + data.name() + " has " + data.size()
                    + " images, fewer than one batch of " + batchSize);
        }
        this.seed = options.seed;
        this.checkpoints = options.checkpointDir == null ? null : new CheckpointStore(options.checkpointDir, options.keep);
        this.checkpointEvery = options.checkpointEvery;
        this.listeners = List.copyOf(options.listeners);
        this.stepsPerEpoch = data.size() / batchSize;
    }

    /** {@inheritDoc} The preset's name. */
    @Override
    public String name() {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public long step() {
        return step;
    }

    /**
     * Wall seconds of the run's training calls so far, over every process that trained it: a run resumed from a
     * checkpoint goes on from the seconds its manifest records ({@link CheckpointManifest#trainingSeconds}). NaN for a
     * run resumed from a checkpoint written before checkpoints recorded them (its earlier time is unknown).
     */
    public double trainingSeconds() {
        return secondsBefore + (callStart < 0 ? 0 : (System.nanoTime() - callStart) / 1e9);
    }

    /** Takes up the run where {@code from} left it: its step, its training seconds, and it as the last checkpoint. */
    final void resumeAt(RunState.ResumePoint from) {
        this.step = from.manifest().step();
        Double seconds = from.manifest().trainingSeconds();
        this.secondsBefore = seconds == null ? Double.NaN : seconds;
        this.lastCheckpoint = from.directory();
    }

    /** {@inheritDoc} floor(|data| / batch): the reference's {@code drop_last=True}. */
    @Override
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** {@inheritDoc} */
    @Override
    public int batchSize() {
        return batchSize;
    }

    /** The epoch of the next step. */
    public int epoch() {
        return (int) (step / stepsPerEpoch);
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The training set. */
    public ImageSet data() {
        return data;
    }

    /** The directory of this run's checkpoints, or null when it writes none. */
    public Path checkpointDirectory() {
        return checkpoints == null ? null : checkpoints.root();
    }

    /** The newest checkpoint written or resumed from, or null. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }

    /**
     * Trains until the budget is exhausted (counting steps and epochs since the start of the run), writing a
     * checkpoint every {@code checkpointEvery} steps and at the end.
     *
     * @throws TrainingDivergedException when a loss becomes NaN or infinite; nothing is written for that step
     */
    public final TrainingSummary train(TrainingBudget budget) throws IOException {
        long start = step;
        long t0 = System.nanoTime();
        callStart = t0;
        listeners.forEach(l -> l.onStart(this, budget));
        String reason = null;
        TrainingSummary summary;
        try {
            while (true) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                if (budget.exhausted(step, epoch(), elapsed)) {
                    reason = budget.maxSteps() > 0 && step >= budget.maxSteps() ? "steps"
                            : budget.maxEpochs() > 0 && epoch() >= budget.maxEpochs() ? "epochs" : "time";
                    break;
                }
                StepMetrics record = trainStep((System.nanoTime() - t0) / 1e9);
                for (TrainingListener l : listeners) {
                    l.onStep(record);
                }
                if (checkpoints != null && checkpointEvery > 0 && step % checkpointEvery == 0) {
                    saveCheckpoint();
                }
            }
            if (checkpoints != null && !checkpoints.directory(step).equals(lastCheckpoint)) {
                saveCheckpoint();
            }
        } catch (TrainingDivergedException e) {
            reason = e.getMessage();
            throw e;
        } catch (IOException | RuntimeException e) {
            reason = "failed at step " + step + ": " + e.getMessage();
            throw e;
        } finally {
            double wall = (System.nanoTime() - t0) / 1e9;
            secondsBefore += wall;
            callStart = -1;
            summary = new TrainingSummary(name, start, step, epoch(), wall, wall > 0 ? (step - start) / wall : 0,
                    reason, lastCheckpoint);
            for (TrainingListener l : listeners) {
                l.onEnd(summary);
            }
        }
        return summary;
    }

    /** One step: everything it draws comes from (seed, step); increments {@link #step}. */
    abstract StepMetrics trainStep(double elapsedBefore);

    /** Writes a checkpoint of the full state now (atomically); returns its directory. */
    public abstract Path saveCheckpoint() throws IOException;

    /**
     * The checkpoint to resume from, after checking it belongs to this run ({@link RunState#find}); null for a fresh
     * run.
     */
    final RunState.ResumePoint findResume(boolean resume) throws IOException {
        return RunState.find(checkpoints, resume, name, config, seed, data.name(), data.size(), space, firstStage);
    }

    /**
     * Writes a checkpoint of {@code files} at the current step (atomically, with a manifest of this run) and tells the
     * listeners.
     *
     * @param generatorOptimizerSteps Adam steps of the first network (G; the autoencoder)
     * @param discriminatorOptimizerSteps Adam steps of the discriminator
     */
    final Path writeCheckpoint(java.util.Map<String, CheckpointStore.FileWriter> files, long generatorOptimizerSteps,
            long discriminatorOptimizerSteps) throws IOException {
        if (checkpoints == null) {
            throw new IllegalStateException("no checkpoint directory was configured (Builder.checkpoints)");
        }
        double seconds = trainingSeconds();
        Double recorded = Double.isNaN(seconds) ? null : seconds; // unknown stays unknown in the manifest
        lastCheckpoint = checkpoints.write(step, files, hashes -> new CheckpointManifest(CheckpointManifest.FORMAT, name,
                config, step, epoch(), seed, data.name(), data.size(), space, firstStage, generatorOptimizerSteps,
                discriminatorOptimizerSteps, recorded, hashes, java.time.Instant.now().toString()));
        for (TrainingListener l : listeners) {
            l.onCheckpoint(lastCheckpoint, step);
        }
        return lastCheckpoint;
    }

    /** The indices of the step's batch: this epoch's permutation from (seed, epoch), slice {@code within}. */
    final int[] batchIndices(int epoch, int within) {
        if (permutationEpoch != epoch) {
            permutation = TrainingRandomness.permutation(seed, epoch, data.size());
            permutationEpoch = epoch;
        }
        return Arrays.copyOfRange(permutation, within * batchSize, (within + 1) * batchSize);
    }

    /**
     * The images of a batch, each flipped horizontally with probability {@code flipProbability}:
     * x + [u &lt; p] (flip(x) - x), one uniform u per image drawn from {@code scope} (the step's seeded stream).
     *
     * @param indices the batch's image indices ({@link #batchIndices})
     * @return (B, C, H, W) images in [-1, 1], in {@code scope}
     */
    final NDArray flippedBatch(int[] indices, double flipProbability, NDManager scope) {
        int b = indices.length;
        NDArray images = data.select(indices).batch(scope, 0, b);
        if (flipProbability > 0) {
            NDArray flip = scope.randomUniform(0f, 1f, new Shape(b, 1, 1, 1)).lt((float) flipProbability)
                    .toType(DataType.FLOAT32, false);
            images = images.add(images.flip(3).sub(images).mul(flip));
        }
        return images;
    }

    /** One part of {@link #inBatches}: the decoded images of {@code n} samples starting at {@code from}. */
    @FunctionalInterface
    public interface BatchOfImages {
        NDArray make(NDManager part, int from, int n);
    }

    /**
     * Generates {@code count} images {@code batch} at a time, each part in its own scope on {@code device}, and
     * concatenates them into {@code out} (memory stays at one part's).
     */
    public static NDArray inBatches(NDManager out, Device device, int count, int batch, BatchOfImages part) {
        NDList parts = new NDList();
        try (NDManager scope = out.newSubManager(device)) {
            for (int from = 0; from < count; from += batch) {
                int n = Math.min(batch, count - from);
                try (NDManager partScope = scope.newSubManager()) {
                    NDArray images = part.make(partScope, from, n).toDevice(out.getDevice(), false);
                    images.attach(scope);
                    parts.add(images);
                }
            }
            NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            all.attach(out);
            return all;
        }
    }

    /**
     * Checks that {@code space} maps the training images to the (C, H, W) the networks work on.
     *
     * @throws IllegalArgumentException naming the configuration, the space and both shapes
     */
    final void requireSpaceShape(lddgan.space.DataSpace space, Shape expected) {
        Shape imageShape = new Shape(data.channels(), data.height(), data.width());
        Shape actual = space.spaceShape(imageShape);
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("training config '" + name + "' works on " + expected + " but the "
                    + space.name() + " space maps " + data.name() + "'s " + imageShape + " images to " + actual);
        }
    }

    /**
     * Stops the run when a loss is not finite. Nothing of the step reaches the disk; the networks in memory may hold
     * part of its update (the discriminator's Adam step comes before the generator's losses are known), so the run
     * must continue from the last checkpoint, never from memory.
     */
    final void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException(what + " is " + value + " at step " + (step + 1) + " (epoch " + epoch()
                    + ") of " + name + ": training stopped; nothing of this step was written to disk (the networks in memory may"
                    + " hold part of its update: resume from a checkpoint, not from this trainer); "
                    + (lastCheckpoint == null ? "no checkpoint was written yet"
                            : "the last good checkpoint is " + lastCheckpoint), lastCheckpoint);
        }
    }

    /** The options both trainers' builders share (DJL's builder idiom: {@code optX} returns the builder). */
    public abstract static class Options<B extends Options<B>> {
        long seed;
        Path checkpointDir;
        int checkpointEvery;
        int keep = 2;
        boolean resume = true;
        final List<TrainingListener> listeners = new ArrayList<>();

        abstract B self();

        /** The run's seed (default 0): initialisation, data order and every random draw derive from it. */
        public B seed(long value) {
            this.seed = value;
            return self();
        }

        /**
         * Writes checkpoints to {@code directory} every {@code everySteps} steps (0: only at the end of
         * {@code train}) and resumes from the newest one there (see {@link #resume}).
         */
        public B checkpoints(Path directory, int everySteps) {
            if (everySteps < 0) {
                throw new IllegalArgumentException("everySteps must be >= 0, got " + everySteps);
            }
            this.checkpointDir = directory;
            this.checkpointEvery = everySteps;
            return self();
        }

        /** How many of the newest checkpoints to keep (default 2). */
        public B keep(int value) {
            this.keep = value;
            return self();
        }

        /**
         * Whether to continue from the newest checkpoint in the checkpoint directory (default true). With false, a
         * directory that already holds a checkpoint is refused.
         */
        public B resume(boolean value) {
            this.resume = value;
            return self();
        }

        /** Adds a listener (progress bar, log, chart). */
        public B listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return self();
        }
    }
}
