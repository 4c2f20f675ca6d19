package lddgan.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.ComposedBlock;
import lddgan.nn.Layers;

/**
 * The LDM autoencoder's resampling with convolution ({@code resamp_with_conv = True}; REFERENCE-CODE.md section 6):
 * <ul>
 *   <li>{@link #down}: {@code Downsample}: zero padding of one pixel at the right and bottom only, then a 3x3
 *       convolution with stride 2 and no padding (H -&gt; H / 2);
 *   <li>{@link #up}: {@code Upsample}: nearest-neighbour upsampling by 2, then a 3x3 convolution (H -&gt; 2 H).
 * </ul>
 */
public final class Resampling extends ComposedBlock {
    private final boolean up;
    private final int channels;
    private final int resolution;
    private final Conv2d conv;

    private Resampling(boolean up, int channels, int resolution) {
        this.up = up;
        this.channels = channels;
        this.resolution = resolution;
        int convResolution = up ? 2 * resolution : resolution + 1;
        conv = addChild("conv", Layers.torchConv(channels, channels, 3, up ? 1 : 2, up ? 1 : 0),
                new Shape(channels, convResolution, convResolution));
    }

    /** {@code Downsample(channels, with_conv=True)} for an input of side {@code resolution}. */
    public static Resampling down(int channels, int resolution) {
        return new Resampling(false, channels, resolution);
    }

    /** {@code Upsample(channels, with_conv=True)} for an input of side {@code resolution}. */
    public static Resampling up(int channels, int resolution) {
        return new Resampling(true, channels, resolution);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // up: nearest x2 (each pixel repeated along H and W); down: pad (left 0, right 1, top 0, bottom 1)
        NDArray h = up ? x.repeat(2, 2).repeat(3, 2) : x.pad(new Shape(0, 1, 0, 1), 0);
        return conv.forward(ps, new NDList(h), training);
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, channels, resolution, resolution)};
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long side = up ? 2 * s.get(2) : s.get(2) / 2;
        return new Shape[] {new Shape(s.get(0), channels, side, up ? 2 * s.get(3) : s.get(3) / 2)};
    }
}
