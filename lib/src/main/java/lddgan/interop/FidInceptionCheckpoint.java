package lddgan.interop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lddgan.data.Download;
import lddgan.metrics.FidInceptionV3;
import lddgan.metrics.FidInceptionWeights;

/**
 * pytorch-fid's Inception-v3 from its weights file ({@code pt_inception-2015-12-05-6726825d.pth}, a
 * {@code torch.save(state_dict)} in PyTorch's zip format), read with {@link TorchCheckpoint} and built as
 * {@link FidInceptionV3}.
 */
public final class FidInceptionCheckpoint {
    private FidInceptionCheckpoint() {
    }

    /**
     * Verifies and loads the configured weights.
     *
     * @throws IOException when the file is missing or its digest differs (naming the path, the expected digest and
     *     {@code make weights}), when it is not a PyTorch checkpoint, or when its keys are not the network's (naming the
     *     missing, unexpected and mis-shaped keys)
     */
    public static FidInceptionV3 load(FidInceptionWeights weights, Device device) throws IOException {
        return load(weights.file(), weights.verify(), device);
    }

    /** Loads a state_dict file whose SHA-256 is known (the parity fixture, a verified file). */
    public static FidInceptionV3 load(Path file, String sha256, Device device) throws IOException {
        Map<String, TorchTensor> tensors = TorchCheckpoint.stateDict(file);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Map<String, NDArray> stateDict = new LinkedHashMap<>();
            tensors.forEach((k, t) -> stateDict.put(k, t.toNDArray(manager)));
            return FidInceptionV3.of(stateDict, file.toString(), sha256, device);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Loads a state_dict file, computing its SHA-256. */
    public static FidInceptionV3 load(Path file, Device device) throws IOException {
        return load(file, Download.sha256(file), device);
    }
}
