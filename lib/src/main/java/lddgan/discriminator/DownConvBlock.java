package lddgan.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.Fir;
import lddgan.nn.ActivationPattern;
import lddgan.nn.Layers;
import lddgan.nn.NetworkStats;
import lddgan.nn.Nonlinearity;
import lddgan.nn.Resample;
import lddgan.nn.VarianceScaling;
import lddgan.nn.Scalars;

/**
 * The discriminator's residual block ({@code DownConvBlock}; REFERENCE-CODE.md section 3), one class
 * with a downsampling option:
 *
 * <pre>
 * o = conv3x3(LReLU(x)) + dense_t(temb)[:, :, None, None]
 * o = LReLU(o)
 * if down: o = FIR-down(o); x = FIR-down(x)
 * o = conv3x3(o)                 init scale 0
 * out = (o + conv1x1(x)) / sqrt(2)   (the 1x1 skip has no bias)
 * </pre>
 *
 * All layers use the {@code dense_layer} initialisation (fan_out). Inputs {@code NDList(x (N, in, H, W),
 * temb (N, t_emb_dim))} where temb is already activated; output (N, out, H', W').
 */
public final class DownConvBlock extends AbstractBlock implements NetworkStats.OwnCost {
    private final int inChannels;
    private final int outChannels;
    private final Resample resample;
    private final Conv2d conv1;
    private final Linear denseT;
    private final Conv2d conv2;
    private final Conv2d skip;

    /**
     * Builds the block.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param downsample whether the block halves the resolution (FIR [1, 3, 3, 1])
     */
    public DownConvBlock(int inChannels, int outChannels, boolean downsample) {
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("DownConvBlock needs positive channels, got " + inChannels + ", " + outChannels);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.resample = downsample ? Resample.DOWN : Resample.NONE;
        conv1 = addChildBlock("conv1", Layers.conv(outChannels, 3, 1, 1, true, VarianceScaling.fanOut(1.0)));
        denseT = addChildBlock("dense_t1", Layers.denseFanOut(outChannels));
        conv2 = addChildBlock("conv2", Layers.conv(outChannels, 3, 1, 1, true, VarianceScaling.fanOut(0.0)));
        skip = addChildBlock("skip", Layers.conv(outChannels, 1, 1, 0, false, VarianceScaling.fanOut(1.0)));
    }

    /** Whether the block halves the resolution. */
    public boolean downsample() {
        return resample == Resample.DOWN;
    }

    /** {@inheritDoc} The LeakyReLUs are the plain ones ({@link ActivationPattern#PLAIN}). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training, ActivationPattern.PLAIN));
    }

    /** The block on x with the time embedding {@code temb}, its LeakyReLUs computed as {@code pattern} says. */
    public NDArray forward(ParameterStore ps, NDArray x, NDArray temb, boolean training, ActivationPattern pattern) {
        // 1. o = conv1(LReLU(x))
        NDArray o = conv1.forward(ps, new NDList(Nonlinearity.LEAKY_RELU.apply(x, pattern)), training).singletonOrThrow();
        // 2. + per-channel time bias, LReLU
        NDArray bias = denseT.forward(ps, new NDList(temb), training).singletonOrThrow();
        o = Nonlinearity.LEAKY_RELU.apply(o.add(bias.reshape(bias.getShape().get(0), outChannels, 1, 1)), pattern);
        // 3. FIR downsampling of o and of the shortcut input
        o = resample.apply(o);
        x = resample.apply(x);
        // 4. second convolution (initialised near zero)
        o = conv2.forward(ps, new NDList(o), training).singletonOrThrow();
        // 5. 1x1 shortcut without bias, rescaled sum
        NDArray shortcut = skip.forward(ps, new NDList(x), training).singletonOrThrow();
        return Scalars.times(o.add(shortcut), 1 / Math.sqrt(2));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, resample.outputSize(s.get(2)), resample.outputSize(s.get(3)))};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        if (x.dimension() != 4 || x.get(1) != inChannels) {
            throw new IllegalArgumentException("DownConvBlock " + inChannels + "->" + outChannels + " expects x (N, "
                    + inChannels + ", H, W), got " + x);
        }
        long n = x.get(0);
        long h = resample.outputSize(x.get(2));
        long w = resample.outputSize(x.get(3));
        conv1.initialize(manager, dataType, x);
        denseT.initialize(manager, dataType, inputShapes[1]);
        conv2.initialize(manager, dataType, new Shape(n, outChannels, h, w));
        skip.initialize(manager, dataType, new Shape(n, inChannels, h, w));
    }

    /** FIR taps of the downsampling of o (out channels) and x (in channels). */
    @Override
    public long firMultiplyAccumulates(Shape[] inputShapes) {
        if (resample == Resample.NONE) {
            return 0;
        }
        Shape x = inputShapes[0];
        long pixels = x.get(0) * resample.outputSize(x.get(2)) * resample.outputSize(x.get(3));
        return (long) (inChannels + outChannels) * pixels * Fir.TAPS;
    }
}
