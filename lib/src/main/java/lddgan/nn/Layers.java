package lddgan.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * Factories for DJL convolutions and dense layers carrying the reference initialisations
 * (REFERENCE-CODE.md section 2, "Init"; {@link VarianceScaling}). Biases start at zero (DJL's
 * default for bias parameters).
 */
public final class Layers {
    private Layers() {
    }

    /**
     * A square convolution, stride {@code stride}, zero padding {@code padding}.
     *
     * @param outChannels output channels
     * @param kernel kernel size (3 or 1 here)
     * @param stride stride
     * @param padding padding on every side
     * @param bias whether the layer has a bias
     * @param init the weight initialisation
     */
    public static Conv2d conv(int outChannels, int kernel, int stride, int padding, boolean bias, VarianceScaling init) {
        Conv2d conv = Conv2d.builder()
                .setFilters(outChannels)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(bias)
                .build();
        conv.setInitializer(init, Parameter.Type.WEIGHT);
        return conv;
    }

    /** {@code ddpm_conv3x3(in, out, init_scale)}: 3x3, padding 1, bias, fan_avg init. */
    public static Conv2d conv3x3(int outChannels, double initScale) {
        return conv(outChannels, 3, 1, 1, true, VarianceScaling.fanAverage(initScale));
    }

    /** {@code ddpm_conv1x1(in, out, init_scale)} (also the attention NIN): 1x1, bias, fan_avg init. */
    public static Conv2d conv1x1(int outChannels, double initScale) {
        return conv(outChannels, 1, 1, 0, true, VarianceScaling.fanAverage(initScale));
    }

    /**
     * A convolution with PyTorch's default initialisation ({@code nn.Conv2d}: weight and bias U(-1/sqrt(fan_in),
     * 1/sqrt(fan_in)), fan_in = in * kernel^2), as the LDM autoencoder has (REFERENCE-CODE.md section 6).
     *
     * @param outChannels output channels
     * @param inChannels input channels (the bias bound depends on them)
     * @param kernel kernel size
     * @param stride stride
     * @param padding padding on every side
     */
    public static Conv2d torchConv(int outChannels, int inChannels, int kernel, int stride, int padding) {
        Conv2d conv = conv(outChannels, kernel, stride, padding, true, VarianceScaling.torchDefault());
        torchBias(conv, (long) inChannels * kernel * kernel);
        return conv;
    }

    /**
     * A 1x1 convolution with bias whose weight and bias start at exactly zero (LDM's {@code zero_module}), unlike
     * {@code conv1x1(out, 0.0)}, whose NCSN++ init scale 0 means 1e-10.
     */
    public static Conv2d zeroConv1x1(int outChannels) {
        Conv2d conv = conv(outChannels, 1, 1, 0, true, VarianceScaling.fanAverage(1.0));
        conv.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0f), Parameter.Type.WEIGHT);
        conv.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0f), Parameter.Type.BIAS);
        return conv;
    }

    /** A dense layer with bias and the given weight initialisation. */
    public static Linear dense(int units, VarianceScaling init) {
        Linear linear = Linear.builder().setUnits(units).optBias(true).build();
        linear.setInitializer(init, Parameter.Type.WEIGHT);
        return linear;
    }

    /** {@code nn.Linear} with {@code default_init()} (fan_avg, scale 1): time MLP and per-channel Dense. */
    public static Linear denseFanAverage(int units) {
        return dense(units, VarianceScaling.fanAverage(1.0));
    }

    /** {@code dense_layer.dense(in, out)} (fan_out, scale 1): z mapping, AdaGN style, discriminator. */
    public static Linear denseFanOut(int units) {
        return dense(units, VarianceScaling.fanOut(1.0));
    }

    /**
     * {@code nn.Linear} with PyTorch's default initialisation (weight and bias U(-1/sqrt(in), 1/sqrt(in))), as LDM's
     * transformer layers have them.
     *
     * @param units output features
     * @param inFeatures input features (the bias bound depends on them)
     * @param bias whether the layer has a bias
     */
    public static Linear torchDense(int units, int inFeatures, boolean bias) {
        Linear linear = Linear.builder().setUnits(units).optBias(bias).build();
        linear.setInitializer(VarianceScaling.torchDefault(), Parameter.Type.WEIGHT);
        if (bias) {
            torchBias(linear, inFeatures);
        }
        return linear;
    }

    /** PyTorch's default bias initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    private static void torchBias(ai.djl.nn.AbstractBlock block, long fanIn) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        block.setInitializer((manager, shape, dataType) -> manager.randomUniform(-bound, bound, shape, dataType),
                Parameter.Type.BIAS);
    }

    /** U-ViT's initialisation of every {@code nn.Linear} and of the position embedding: normal with std 0.02. */
    public static final float VIT_INIT_STD = 0.02f;

    /**
     * {@code nn.Linear} as U-ViT initialises it ({@code trunc_normal_(std=.02)}, whose +-2 bounds are absolute, i.e.
     * no truncation at this std): weight N(0, 0.02^2), bias 0.
     */
    public static Linear vitDense(int units, boolean bias) {
        Linear linear = Linear.builder().setUnits(units).optBias(bias).build();
        linear.setInitializer(new ai.djl.training.initializer.NormalInitializer(VIT_INIT_STD), Parameter.Type.WEIGHT);
        return linear;
    }
}
