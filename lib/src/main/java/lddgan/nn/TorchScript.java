package lddgan.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a TorchScript file (a network exported from Python with {@code torch.jit.trace} / {@code torch.jit.script})
 * into the PyTorch engine. Used by the FID Inception network ({@code lddgan.metrics.InceptionV3Features}) and the
 * LPIPS perceptual loss ({@code lddgan.autoencoder.Lpips}); both check the file's SHA-256 first.
 *
 * <p>What DJL 0.36 does with such a module (lib/DEVELOPMENT.md "Gradients through TorchScript"):
 * <ul>
 *   <li>The module comes back in eval mode, whatever mode it was saved in.
 *   <li>{@code PtSymbolBlock.forward(IValue...)} and {@code Block.forward(..., training = false)} run under a
 *       no-grad guard; only {@code Block.forward(..., training = true)} records the autograd graph. The block also
 *       switches the module's mode with the flag: {@code module.eval()} on a {@code training = false} call,
 *       {@code module.train()} on a {@code training = true} call after one (dropout and batch norm of a scripted
 *       module then change behaviour; a traced module has them baked in as traced).
 *   <li>By default ({@link #load(Path, Device)}) the module is loaded for inference: its parameters are inference
 *       tensors, and a module that saves one of them for its backward pass (any product with a weight) then fails
 *       with "Inference tensors cannot be saved for backward" when run with autograd.
 *       {@link #loadDifferentiable} loads it with DJL's option {@code trainParam = true} (ordinary tensors) and then
 *       freezes the parameters again, so gradients reach the inputs and never accumulate in the module.
 * </ul>
 */
public final class TorchScript {
    private TorchScript() {
    }

    /**
     * Loads {@code file} on {@code device} for inference (no gradients through it).
     *
     * @throws IOException when the file is not a loadable TorchScript file (the message names it)
     */
    public static ZooModel<NDList, NDList> load(Path file, Device device) throws IOException {
        return load(file, device, false);
    }

    /**
     * Loads {@code file} on {@code device} so that gradients can flow through it to its inputs: parameters are
     * ordinary (not inference) tensors, frozen ({@code requires_grad = False}). Run it with {@code Block.forward(...,
     * training = true)} for the graph to be recorded.
     *
     * @throws IOException when the file is not a loadable TorchScript file (the message names it)
     */
    public static ZooModel<NDList, NDList> loadDifferentiable(Path file, Device device) throws IOException {
        ZooModel<NDList, NDList> model = load(file, device, true);
        model.getBlock().freezeParameters(true);
        return model;
    }

    private static ZooModel<NDList, NDList> load(Path file, Device device, boolean trainParam) throws IOException {
        Criteria.Builder<NDList, NDList> builder = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optDevice(device);
        if (trainParam) {
            builder = builder.optOption("trainParam", "true");
        }
        try {
            return builder.build().loadModel();
        } catch (ModelNotFoundException | MalformedModelException | EngineException e) {
            throw new IOException("Cannot load " + file + " as TorchScript: " + e.getMessage(), e);
        }
    }
}
