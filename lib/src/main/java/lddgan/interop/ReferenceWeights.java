package lddgan.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.autoencoder.Autoencoder;

/**
 * Loads the reference code's checkpoints into our networks, strictly as PyTorch's
 * {@code load_state_dict(strict=True)}: every parameter must be in the file with its shape and every tensor of the
 * file must be a parameter, else one {@link IncompatibleWeightsException} lists every missing, unexpected and
 * shape-mismatched key and names the file. Keys are those of {@link ReferenceKeys}; before matching, the
 * {@code module.} prefix of checkpoints trained under DistributedDataParallel is stripped and, for an
 * {@link Autoencoder}, the {@code loss.*} tensors of an LDM first-stage checkpoint (LPIPS, patch discriminator) are
 * ignored. Tensors of any floating dtype are converted to our float32.
 */
public final class ReferenceWeights {
    /** The prefix DistributedDataParallel adds to every key. */
    public static final String DDP_PREFIX = "module.";

    private ReferenceWeights() {
    }

    /** The network's parameters can not take the file's tensors: the message lists every problem. */
    public static final class IncompatibleWeightsException extends CheckpointFormatException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        IncompatibleWeightsException(Path file, String found, List<String> problems) {
            super(file, found);
            this.problems = List.copyOf(problems);
        }

        /** One line per missing, unexpected or shape-mismatched key. */
        public List<String> problems() {
            return problems;
        }
    }

    /**
     * Reads {@code file} (a torch.save checkpoint, {@link TorchCheckpoint#stateDict}, or a safetensors file,
     * {@link Safetensors#read}) and loads it into {@code network} (initialised).
     *
     * @throws IncompatibleWeightsException listing every missing, unexpected and mismatched key
     * @throws CheckpointFormatException when the file is not a readable checkpoint
     */
    public static void load(Block network, Path file) throws IOException {
        load(network, Safetensors.looksLikeSafetensors(file) ? Safetensors.read(file) : TorchCheckpoint.stateDict(file),
                file);
    }

    /**
     * Loads a state_dict (reference keys, with or without {@code module.}) into {@code network}; {@code source} names
     * the file in errors.
     */
    public static void load(Block network, Map<String, TorchTensor> stateDict, Path source)
            throws IncompatibleWeightsException {
        Map<String, TorchTensor> tensors = normalize(network, stateDict);
        List<ReferenceKeys.Entry> entries = ReferenceKeys.of(network);
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Map<String, TorchTensor> unexpected = new LinkedHashMap<>(tensors);
        for (ReferenceKeys.Entry e : entries) {
            long[] expected = e.transform().referenceShape(e.parameter().getArray().getShape().getShape());
            TorchTensor t = unexpected.remove(e.key());
            if (t == null) {
                missing.add("missing: " + e.key() + " (expected " + TorchTensor.shapeText(expected) + ")");
            } else if (!java.util.Arrays.equals(expected, t.shape())) {
                mismatched.add("shape mismatch: " + e.key() + " expected " + TorchTensor.shapeText(expected) + ", found "
                        + t.shapeText());
            } else if (!t.dtype().isFloating()) {
                mismatched.add("dtype mismatch: " + e.key() + " expected a floating dtype, found " + t.dtype());
            }
        }
        List<String> problems = new ArrayList<>(missing);
        unexpected.forEach((k, t) -> problems.add("unexpected: " + k + " (found " + t.shapeText() + ")"));
        problems.addAll(mismatched);
        if (!problems.isEmpty()) {
            throw new IncompatibleWeightsException(source, "does not fit " + network.getClass().getSimpleName() + " ("
                    + entries.size() + " parameters): " + missing.size() + " missing, " + unexpected.size()
                    + " unexpected, " + mismatched.size() + " mismatched keys:\n  " + String.join("\n  ", problems),
                    problems);
        }
        for (ReferenceKeys.Entry e : entries) {
            NDArray array = e.parameter().getArray();
            long[] ours = array.getShape().getShape();
            float[] values = e.transform().toOurs(tensors.get(e.key()).toFloats(), ours);
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalStateException("parameter " + e.path() + " is " + array.getDataType() + ", not float32");
            }
            array.set(FloatBuffer.wrap(values));
        }
    }

    /** Strips {@code module.}; drops an autoencoder's {@code loss.*} tensors. */
    static Map<String, TorchTensor> normalize(Block network, Map<String, TorchTensor> stateDict) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TorchTensor> e : stateDict.entrySet()) {
            String key = e.getKey().startsWith(DDP_PREFIX) ? e.getKey().substring(DDP_PREFIX.length()) : e.getKey();
            if (network instanceof Autoencoder && key.startsWith("loss.")) {
                continue;
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    /** Our parameters as float32 tensors under the reference's keys (without {@code module.}), in our order. */
    public static Map<String, TorchTensor> stateDict(Block network) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (ReferenceKeys.Entry e : ReferenceKeys.of(network)) {
            NDArray array = e.parameter().getArray();
            long[] ours = array.getShape().getShape();
            float[] values = e.transform().toReference(array.toType(DataType.FLOAT32, false).toFloatArray(), ours);
            out.put(e.key(), TorchTensor.ofFloats(values, e.transform().referenceShape(ours)));
        }
        return out;
    }
}
