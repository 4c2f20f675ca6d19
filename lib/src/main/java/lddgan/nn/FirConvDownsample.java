package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * FIR conv-downsampling of the input pyramid ({@code layerspp.Downsample(with_conv=True, fir=True)},
 * i.e. {@code up_or_down_sampling.Conv2d(down=True)}; REFERENCE-CODE.md section 2): pad 2, 4x4 blur,
 * then a 3x3 convolution at stride 2 with no padding, plus bias. (N, in, H, W) -> (N, out, H/2, W/2).
 * The convolution uses {@code default_init()} (fan_avg, scale 1).
 */
public final class FirConvDownsample extends AbstractBlock implements NetworkStats.OwnCost {
    private final int outChannels;
    private final Conv2d conv;

    /** Builds the conv-downsample to {@code outChannels} channels. */
    public FirConvDownsample(int outChannels) {
        this.outChannels = outChannels;
        conv = addChildBlock("conv", Layers.conv(outChannels, 3, 2, 0, true, VarianceScaling.fanAverage(1.0)));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        // 1. blur with zero padding 2: H -> H + 1
        NDArray blurred = Fir.blur(inputs.singletonOrThrow(), 2);
        // 2. 3x3 convolution, stride 2, no padding, + bias: H + 1 -> H / 2
        return conv.forward(parameterStore, new NDList(blurred), training);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2) / 2, s.get(3) / 2)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(s.get(0), s.get(1), s.get(2) + 1, s.get(3) + 1));
    }

    /** The blur: 16 taps per blurred element. */
    @Override
    public long firMultiplyAccumulates(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return s.get(0) * s.get(1) * (s.get(2) + 1) * (s.get(3) + 1) * Fir.TAPS;
    }
}
