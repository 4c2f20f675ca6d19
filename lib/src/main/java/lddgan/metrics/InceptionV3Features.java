package lddgan.metrics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import lddgan.nn.TorchScript;

/**
 * The standard FID feature network: Inception-v3 pool3 features, 2048-d (Heusel et al. 2017; REFERENCE-CODE.md
 * section 7), from the TorchScript file described by {@link InceptionWeights}, SHA-256 checked before loading.
 *
 * <p>Images in [-1, 1] are quantised to 8 bits, x -> round(127.5 (x + 1)), as StyleGAN2-ADA feeds the network; the
 * network itself resizes to 299 x 299 bilinearly and normalises to [-1, 1] ((x - 128) / 128), as the TF graph.
 * Its TorchScript signature is {@code forward(img, return_features=False, use_fp16=False, no_output_bias=False)}:
 * {@link #features} passes {@code return_features=True}; {@link #probabilities} passes {@code no_output_bias=True}
 * and gets the 1008-way softmax for the {@link InceptionScore}. pytorch-fid resizes with
 * {@code F.interpolate(bilinear)} on [0, 1] inputs, so its numbers may differ from these by a small amount.
 *
 * <p>Only FIDs computed with this extractor, on 50k samples against the full training set, are comparable with the
 * paper's.
 */
public final class InceptionV3Features implements FeatureExtractor {
    /** Feature dimension (pool3). */
    public static final int DIMENSION = 2048;
    /** Classes of the network's softmax (the 2015-12-05 graph has 1008). */
    public static final int CLASSES = 1008;

    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock network;
    private final String id;
    private final Device device;
    private final String weightsSha256;

    private InceptionV3Features(ZooModel<NDList, NDList> model, String id, Device device, String weightsSha256) {
        this.model = model;
        this.weightsSha256 = weightsSha256;
        this.network = (PtSymbolBlock) model.getBlock();
        this.id = id;
        this.device = device;
    }

    /**
     * Verifies and loads the network.
     *
     * @throws IOException when the file is missing or its SHA-256 differs (the message names the file, the expected
     *     digest and how to get it), or when it is not a loadable TorchScript file
     */
    public static InceptionV3Features load(InceptionWeights weights, Device device) throws IOException {
        weights.verify();
        ZooModel<NDList, NDList> model = TorchScript.load(weights.file(), device);
        String id = "inception-v3-pool3-2015-12-05" + (weights.isDefault() ? "" : "-sha" + weights.sha256().substring(0, 8));
        return new InceptionV3Features(model, id, device, weights.sha256());
    }

    /** Loads the configured network ({@link InceptionWeights#configured()}) on {@code device}. */
    public static InceptionV3Features load(Device device) throws IOException {
        return load(InceptionWeights.configured(), device);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** Pool3 features (N, 2048). */
    @Override
    public NDArray features(NDArray images) {
        return run(images, DIMENSION, IValue.from(true));
    }

    /** Softmax class probabilities (N, 1008) without the output bias, for the Inception Score. */
    public NDArray probabilities(NDArray images) {
        return run(images, CLASSES, IValue.from(false), IValue.from(false), IValue.from(true));
    }

    private NDArray run(NDArray images, int width, IValue... flags) {
        long n = images.getShape().get(0);
        try (NDManager scope = NDManager.newBaseManager(device, "PyTorch")) {
            NDArray pixels = images.toDevice(device, true);
            pixels.attach(scope);
            // [-1, 1] -> 8-bit pixels, as StyleGAN2-ADA feeds the network
            NDArray u8 = pixels.add(1f).muli(127.5f).round().clip(0, 255).toType(DataType.UINT8, false);
            IValue[] args = new IValue[flags.length + 1];
            args[0] = IValue.from((PtNDArray) u8);
            System.arraycopy(flags, 0, args, 1, flags.length);
            try (IValue out = network.forward(args)) {
                NDArray result = out.toTensor((PtNDManager) scope).reshape(n, width).toType(DataType.FLOAT32, false)
                        .toDevice(images.getDevice(), false);
                result.attach(images.getManager());
                return result;
            } finally {
                for (IValue a : args) {
                    a.close();
                }
            }
        }
    }

    @Override
    public boolean isProxy() {
        return false;
    }

    @Override
    public String weightsSha256() {
        return weightsSha256;
    }

    @Override
    public String preprocessing() {
        return "uint8 quantisation round(127.5 (x + 1)); inside the TorchScript network: bilinear resize to 299 as the "
                + "TF graph, (x - 128) / 128";
    }

    @Override
    public void close() {
        model.close();
    }
}
