package lddgan.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.ComposedBlock;
import lddgan.nn.GroupNorm;
import lddgan.nn.Layers;
import lddgan.nn.Nonlinearity;

/**
 * The ResNet block of the LDM autoencoder ({@code ResnetBlock} with {@code temb_channels = 0}; REFERENCE-CODE.md
 * section 6): h = conv2(dropout(swish(norm2(conv1(swish(norm1(x))))))); out = shortcut(x) + h, where the shortcut
 * is a 1x1 convolution ({@code nin_shortcut}) when the channel count changes and the identity otherwise. Norms are
 * {@link GroupNorm#ldm} (32 groups, eps 1e-6); convolutions are 3x3 with PyTorch's default initialisation.
 */
public final class ResnetBlock extends ComposedBlock {
    private final int inChannels;
    private final int outChannels;
    private final int resolution;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final GroupNorm norm2;
    private final Dropout dropout;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param resolution H = W of the input (for the layout)
     * @param dropout dropout rate before conv2 (0: no dropout layer)
     */
    public ResnetBlock(int inChannels, int outChannels, int resolution, double dropout) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.resolution = resolution;
        Shape in = new Shape(inChannels, resolution, resolution);
        Shape out = new Shape(outChannels, resolution, resolution);
        norm1 = addChild("norm1", GroupNorm.ldm(inChannels), in);
        conv1 = addChild("conv1", Layers.torchConv(outChannels, inChannels, 3, 1, 1), in);
        norm2 = addChild("norm2", GroupNorm.ldm(outChannels), out);
        this.dropout = dropout > 0 ? addChild("dropout", Dropout.builder().optRate((float) dropout).build(), out) : null;
        conv2 = addChild("conv2", Layers.torchConv(outChannels, outChannels, 3, 1, 1), out);
        shortcut = inChannels != outChannels
                ? addChild("nin_shortcut", Layers.torchConv(outChannels, inChannels, 1, 1, 0), in) : null;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // 1. norm, swish, conv
        NDArray h = Nonlinearity.SILU.apply(norm1.forward(ps, new NDList(x), training).singletonOrThrow());
        h = conv1.forward(ps, new NDList(h), training).singletonOrThrow();
        // 2. norm, swish, dropout (training only), conv
        h = Nonlinearity.SILU.apply(norm2.forward(ps, new NDList(h), training).singletonOrThrow());
        if (dropout != null) {
            h = dropout.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        h = conv2.forward(ps, new NDList(h), training).singletonOrThrow();
        // 3. residual, through the 1x1 shortcut when the width changes
        NDArray skip = shortcut == null ? x : shortcut.forward(ps, new NDList(x), training).singletonOrThrow();
        return new NDList(skip.add(h));
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return new Shape[] {new Shape(batch, inChannels, resolution, resolution)};
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
