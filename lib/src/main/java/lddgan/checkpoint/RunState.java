package lddgan.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lddgan.nn.NetworkStats;

/**
 * What makes a run resumable exactly, shared by every trainer of {@code lddgan.train}: the check that a checkpoint
 * belongs to this run, and the loading of parameters and optimizer state. (The run's randomness as a function of
 * (seed, step) lives with the loop, {@code lddgan.train.TrainingRandomness}.)
 */
public final class RunState {
    private RunState() {
    }

    /** A checkpoint directory and its verified manifest. */
    public record ResumePoint(Path directory, CheckpointManifest manifest) {
    }

    /**
     * The checkpoint to resume from, after checking it belongs to this run (preset, configuration, seed, data, space);
     * null for a fresh run.
     *
     * @throws IllegalStateException when a checkpoint exists but {@code resume} is false
     * @throws IllegalArgumentException naming what differs when the checkpoint belongs to another run
     */
    public static ResumePoint find(CheckpointStore checkpoints, boolean resume, String preset, JsonNode config, long seed,
            String dataset, int datasetSize, String space, String firstStage) throws IOException {
        if (checkpoints == null) {
            return null;
        }
        checkpoints.removeUnfinished();
        var latest = checkpoints.latest();
        if (latest.isEmpty()) {
            return null;
        }
        if (!resume) {
            throw new IllegalStateException("checkpoint directory " + checkpoints.root() + " already holds "
                    + latest.get().getFileName() + ": resume it (Builder.resume(true)) or choose another directory;"
                    + " nothing was overwritten");
        }
        CheckpointManifest m = CheckpointStore.verify(latest.get());
        if (!preset.equals(m.preset())) {
            throw new IllegalArgumentException("checkpoint " + latest.get() + " is from training preset '" + m.preset()
                    + "', not '" + preset + "': refusing to resume; nothing was overwritten");
        }
        if (!config.equals(m.config())) {
            throw new IllegalArgumentException("checkpoint " + latest.get() + " was trained with another configuration of '"
                    + m.preset() + "' (differs in " + differingKeys(config, m.config())
                    + "): refusing to resume; nothing was overwritten");
        }
        if (m.seed() != seed || !dataset.equals(m.dataset()) || datasetSize != m.datasetSize() || !space.equals(m.space())) {
            throw new IllegalArgumentException("checkpoint " + latest.get() + " belongs to a run with seed " + m.seed()
                    + " on " + m.dataset() + " (" + m.datasetSize() + " images, " + m.space() + " space); this run has seed "
                    + seed + " on " + dataset + " (" + datasetSize + " images, " + space
                    + " space): refusing to resume; nothing was overwritten");
        }
        if (!java.util.Objects.equals(firstStage, m.firstStage())) {
            throw new IllegalArgumentException("checkpoint " + latest.get() + " was trained in the latent space of "
                    + (m.firstStage() == null ? "a first stage it does not record (written before checkpoints recorded"
                            + " their first stage)" : "the first stage " + m.firstStage()) + ", but this run's is "
                    + (firstStage == null ? "none" : firstStage) + ": its generator's samples would be decoded by another"
                    + " decoder. Start over: delete " + checkpoints.root() + " (or train into another directory), or"
                    + " restore that first stage; nothing was overwritten");
        }
        return new ResumePoint(latest.get(), m);
    }

    private static List<String> differingKeys(JsonNode a, JsonNode b) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!a.get(key).equals(b.get(key))) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Loads a block's parameters from a DJL parameter file into {@code manager}, closing the arrays they replace. */
    public static void load(Block block, Path file, NDManager manager, boolean trainable) throws IOException {
        List<NDArray> replaced = NetworkStats.parameterArrays(block);
        try (InputStream in = Files.newInputStream(file)) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (MalformedModelException e) {
            throw new IOException("checkpoint file " + file + " does not hold " + block.getClass().getSimpleName()
                    + " parameters of this configuration: " + e.getMessage(), e);
        }
        replaced.forEach(NDArray::close);
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(trainable);
            }
        }
    }

    /** Reads an NDList file (optimizer moments) into {@code manager}. */
    public static NDList readList(Path file, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(manager, in);
            list.attach(manager);
            return list;
        }
    }
}
