package lddgan.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import lddgan.nn.Layers;
import lddgan.nn.Nonlinearity;
import lddgan.nn.VarianceScaling;

/**
 * The patch discriminator of the autoencoder's adversarial loss (LDM, Rombach et al. 2022, Sec. 3: "a patch-based
 * adversarial objective"; Esser et al. 2021, taming-transformers {@code taming/modules/discriminator/model.py}
 * {@code NLayerDiscriminator}, the pix2pix PatchGAN of Isola et al. 2017; REFERENCE-CODE.md section 6: 3 layers).
 * With base width ndf and L layers ({@link Config}; the reference: 3 input channels, ndf 64, L = 3, BatchNorm):
 *
 * <ol>
 *   <li>conv 4x4, stride 2, padding 1, C -> ndf, bias; LeakyReLU(0.2);
 *   <li>for n = 1 .. L-1: conv 4x4, stride 2, padding 1, no bias, -> ndf min(2^n, 8); BatchNorm; LeakyReLU(0.2);
 *   <li>conv 4x4, stride 1, padding 1, no bias, -> ndf min(2^L, 8); BatchNorm; LeakyReLU(0.2);
 *   <li>conv 4x4, stride 1, padding 1, -> 1, bias: one logit per patch.
 * </ol>
 *
 * Input (N, C, H, W) images in [-1, 1]; output (N, 1, h, w) patch logits, h = H / 2^L - 2 for H divisible by 2^L
 * (32 -> 2, 256 -> 30 at L = 3); each logit sees a 70x70 receptive field at L = 3.
 *
 * <p>Initialisation: taming's {@code weights_init}: every convolution weight N(0, 0.02), BatchNorm gamma N(1, 0.02)
 * and beta 0. The two convolution biases keep PyTorch's default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = C_in
 * x 16, since {@code weights_init} does not touch them.
 *
 * <p>BatchNorm (DJL's {@link BatchNorm}: eps 1e-5, DJL momentum 0.9 = PyTorch's 0.1, which DJL's PyTorch engine
 * passes as 1 - momentum; running variance unbiased, as {@code torch.batch_norm}) follows the {@code training} flag
 * of {@code forward}, never a mode of the block: {@code training = true} normalises with the batch's statistics and
 * updates the running mean and variance in place (they are parameters of type RUNNING_MEAN / RUNNING_VAR, not
 * trained: {@link Config#parameterCount()} leaves them out); {@code training = false} normalises with the running
 * statistics and leaves them unchanged. The reference's module is in training mode throughout the autoencoder's
 * training, so pass {@code training = true} in both the discriminator's and the autoencoder's step (taming calls the
 * discriminator on real and reconstructed batches separately, so each call has its own batch statistics). With
 * several devices each replica updates its own copy of the running statistics (DJL does not synchronise them).
 *
 * <p>Forward contract: {@code forward(ps, new NDList(images), training)} returns {@code NDList(logits)}.
 */
public final class PatchGanDiscriminator extends AbstractBlock {
    /** Kernel size of every convolution. */
    public static final int KERNEL = 4;
    /** Slope of the LeakyReLUs ({@link Nonlinearity#LEAKY_RELU}, which forward applies). */
    public static final float LEAKY_SLOPE = Nonlinearity.LEAKY_SLOPE;
    /** Standard deviation of the weight initialisation (and of BatchNorm's gamma around 1). */
    public static final float INIT_STD = 0.02f;

    private final Config config;
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();

    /**
     * Size of the patch discriminator.
     *
     * @param inputChannels channels of the images (3)
     * @param ndf base width (64)
     * @param layers number of layers L ({@code n_layers}, 3; {@code disc_num_layers} in the LDM configs)
     */
    public record Config(int inputChannels, int ndf, int layers) {
        /** The reference's: 3 channels, ndf 64, 3 layers (REFERENCE-CODE.md section 6). */
        public static final Config REFERENCE = new Config(3, 64, 3);

        /** Validates the sizes. */
        public Config {
            if (inputChannels < 1 || ndf < 1 || layers < 1 || layers > 20) {
                throw new IllegalArgumentException("patch discriminator: inputChannels >= 1, ndf >= 1 and 1 <= layers <= 20"
                        + " expected, got " + inputChannels + ", " + ndf + ", " + layers);
            }
        }

        /** The same with another base width. */
        public Config withNdf(int ndf) {
            return new Config(inputChannels, ndf, layers);
        }

        /** The same with another number of layers. */
        public Config withLayers(int layers) {
            return new Config(inputChannels, ndf, layers);
        }

        /** Output channels of convolution n = 0 .. L (before the final 1-channel one): ndf min(2^n, 8). */
        public int width(int n) {
            return ndf << Math.min(n, 3);
        }

        /**
         * Trained parameters in closed form (BatchNorm's running statistics excluded): C ndf 16 + ndf (first conv),
         * sum over n = 1 .. L of (w_{n-1} w_n 16 + 2 w_n) (convs without bias, BatchNorm gamma and beta), w_L 16 + 1
         * (last conv). The reference: 3,136 + 131,328 + 524,800 + 2,098,176 + 8,193 = 2,765,633.
         */
        public long parameterCount() {
            long k = (long) KERNEL * KERNEL;
            long total = (long) inputChannels * width(0) * k + width(0);
            for (int n = 1; n <= layers; n++) {
                total += (long) width(n - 1) * width(n) * k + 2L * width(n);
            }
            return total + width(layers) * k + 1;
        }

        /** Number of BatchNorm running-statistic values (mean and variance), which DJL keeps as parameters. */
        public long runningStatisticCount() {
            long total = 0;
            for (int n = 1; n <= layers; n++) {
                total += 2L * width(n);
            }
            return total;
        }

        /** Output height (or width) for input height {@code size}: L stride-2 convolutions, then two stride-1. */
        public long outputSize(long size) {
            long s = size;
            for (int n = 0; n < layers; n++) {
                s = Math.floorDiv(s + 2 - KERNEL, 2) + 1;
            }
            return s - 2;
        }
    }

    /** Builds the reference's discriminator ({@link Config#REFERENCE}). */
    public PatchGanDiscriminator() {
        this(Config.REFERENCE);
    }

    /** Builds the discriminator; children are registered in forward order. */
    public PatchGanDiscriminator(Config config) {
        this.config = config;
        // taming's Sequential indices: main.0 conv, main.1 LReLU, then per layer conv, norm, LReLU; last conv
        int index = 0;
        convs.add(addChildBlock("main" + index, conv(config.width(0), config.inputChannels(), 2, true)));
        index += 2;
        for (int n = 1; n <= config.layers(); n++) {
            int stride = n < config.layers() ? 2 : 1;
            convs.add(addChildBlock("main" + index, conv(config.width(n), config.width(n - 1), stride, false)));
            norms.add(addChildBlock("main" + (index + 1), batchNorm()));
            index += 3;
        }
        convs.add(addChildBlock("main" + index, conv(1, config.width(config.layers()), 1, true)));
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** Initialises the parameters (float32) for batches of {@code batch} images of {@code size} x {@code size}. */
    public void initialize(NDManager manager, int batch, int size) {
        initialize(manager, DataType.FLOAT32, new Shape(batch, config.inputChannels(), size, size));
    }

    /**
     * A 4x4 convolution, padding 1, weight N(0, 0.02), bias (if any) PyTorch's default ({@link Layers#torchConv}, whose
     * weight initialiser is replaced).
     */
    private static Conv2d conv(int out, int in, int stride, boolean bias) {
        Conv2d conv = bias
                ? Layers.torchConv(out, in, KERNEL, stride, 1)
                : Layers.conv(out, KERNEL, stride, 1, false, VarianceScaling.torchDefault());
        conv.setInitializer(normal(0f), Parameter.Type.WEIGHT);
        return conv;
    }

    /** {@code nn.BatchNorm2d}: eps 1e-5, PyTorch momentum 0.1 (DJL's 0.9), gamma N(1, 0.02), beta 0. */
    static BatchNorm batchNorm() {
        BatchNorm norm = BatchNorm.builder().optAxis(1).optEpsilon(1e-5f).optMomentum(0.9f).build();
        norm.setInitializer(normal(1f), Parameter.Type.GAMMA);
        return norm;
    }

    private static Initializer normal(float mean) {
        return (m, shape, dataType) -> m.randomNormal(mean, INIT_STD, shape, dataType);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        outputShape(x.getShape());
        NDArray h = Nonlinearity.LEAKY_RELU.apply(run(convs.get(0), ps, training, x));
        for (int n = 1; n <= config.layers(); n++) {
            h = run(convs.get(n), ps, training, h);
            h = Nonlinearity.LEAKY_RELU.apply(run(norms.get(n - 1), ps, training, h));
        }
        return new NDList(run(convs.get(config.layers() + 1), ps, training, h));
    }

    private static NDArray run(Block block, ParameterStore ps, boolean training, NDArray x) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0])};
    }

    /**
     * The logits' shape (N, 1, h, w) for images of shape {@code in}.
     *
     * @throws IllegalArgumentException when {@code in} is not (N, C, H, W) with the configured C, or is too small for
     *     one patch
     */
    public Shape outputShape(Shape in) {
        if (in.dimension() != 4 || in.get(1) != config.inputChannels()) {
            throw new IllegalArgumentException("patch discriminator: expected images (N, " + config.inputChannels()
                    + ", H, W), got " + in);
        }
        long h = config.outputSize(in.get(2));
        long w = config.outputSize(in.get(3));
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("patch discriminator with " + config.layers() + " layers: images " + in
                    + " are too small (at least " + (3L << config.layers()) + " pixels per side)");
        }
        return new Shape(in.get(0), 1, h, w);
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        outputShape(inputShapes[0]);
        super.beforeInitialize(inputShapes);
    }

    /** Initialises the children in forward order, each with the shape its predecessor produces. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, shape);
            shape = child.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
