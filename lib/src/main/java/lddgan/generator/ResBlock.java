package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.AdaptiveGroupNorm;
import lddgan.nn.Fir;
import lddgan.nn.GroupNorm;
import lddgan.nn.Layers;
import lddgan.nn.NetworkStats;
import lddgan.nn.Nonlinearity;
import lddgan.nn.Resample;
import lddgan.nn.Scalars;

/**
 * The BigGAN++ residual block of NCSN++ with adaptive group normalisation
 * ({@code ResnetBlockBigGANpp_Adagn}; REFERENCE-CODE.md section 2, "ResBlock"). One block with options
 * covers the plain, downsampling and upsampling blocks of the U-Net:
 *
 * <pre>
 * h = SiLU(AdaGN_0(x, zemb))
 * if up/down: h = FIR-resample(h); x = FIR-resample(x)
 * h = conv3x3(h)
 * h += Dense(SiLU(temb))[:, :, None, None]       per-channel time bias
 * h = SiLU(AdaGN_1(h, zemb)); h = dropout(h)
 * h = conv3x3(h)                                    init scale 0
 * x = conv1x1(x)                                    when in != out or resampling
 * out = (x + h) / sqrt(2)                           skip rescale (else x + h)
 * </pre>
 *
 * Inputs: {@code NDList(x (N, in, H, W), temb (N, temb_dim), zemb (N, zemb_dim))}; temb and zemb may
 * be omitted when the block was built without them. Output (N, out, H', W').
 */
public final class ResBlock extends AbstractBlock implements NetworkStats.OwnCost {
    private final int inChannels;
    private final int outChannels;
    private final Resample resample;
    private final boolean timeConditioned;
    private final boolean zConditioned;
    private final float dropout;
    private final boolean skipRescale;

    private final Block norm0;
    private final Conv2d conv0;
    private final Linear dense0;
    private final Block norm1;
    private final Conv2d conv1;
    private final Conv2d skip;

    private ResBlock(Builder b) {
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.resample = b.resample;
        this.timeConditioned = b.timeConditioned;
        this.zConditioned = b.zConditioned;
        this.dropout = b.dropout;
        this.skipRescale = b.skipRescale;
        // children in forward order
        norm0 = addChildBlock("norm0", normalization(inChannels));
        conv0 = addChildBlock("conv0", Layers.conv3x3(outChannels, 1.0));
        dense0 = timeConditioned ? addChildBlock("dense0", Layers.denseFanAverage(outChannels)) : null;
        norm1 = addChildBlock("norm1", normalization(outChannels));
        conv1 = addChildBlock("conv1", Layers.conv3x3(outChannels, 0.0));
        skip = inChannels != outChannels || resample != Resample.NONE
                ? addChildBlock("skip", Layers.conv1x1(outChannels, 1.0))
                : null;
    }

    private Block normalization(int channels) {
        return zConditioned ? new AdaptiveGroupNorm(channels) : GroupNorm.ncsnpp(channels);
    }

    /** A builder: {@code setChannels} is required, the rest optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** The resampling option. */
    public Resample resample() {
        return resample;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray temb = timeConditioned ? inputs.get(1) : null;
        NDArray zemb = zConditioned ? inputs.get(2) : null;
        // 1. h = SiLU(AdaGN_0(x, zemb))
        NDArray h = Nonlinearity.SILU.apply(normalize(norm0, ps, x, zemb, training));
        // 2. FIR up/downsampling of both h and the shortcut
        h = resample.apply(h);
        x = resample.apply(x);
        // 3. first 3x3 convolution
        h = conv0.forward(ps, new NDList(h), training).singletonOrThrow();
        // 4. per-channel time bias Dense(SiLU(temb))
        if (timeConditioned) {
            NDArray bias = dense0.forward(ps, new NDList(Nonlinearity.SILU.apply(temb)), training).singletonOrThrow();
            h = h.add(bias.reshape(bias.getShape().get(0), outChannels, 1, 1));
        }
        // 5. h = SiLU(AdaGN_1(h, zemb)), dropout
        h = Nonlinearity.SILU.apply(normalize(norm1, ps, h, zemb, training));
        if (dropout > 0) {
            h = Dropout.dropout(h, dropout, training).singletonOrThrow();
        }
        // 6. second 3x3 convolution (initialised near zero)
        h = conv1.forward(ps, new NDList(h), training).singletonOrThrow();
        // 7. 1x1 shortcut when channels or resolution change
        if (skip != null) {
            x = skip.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        // 8. residual sum, rescaled by 1/sqrt(2)
        NDArray out = x.add(h);
        return new NDList(skipRescale ? Scalars.timesInPlace(out, 1 / Math.sqrt(2)) : out);
    }

    private NDArray normalize(Block norm, ParameterStore ps, NDArray x, NDArray zemb, boolean training) {
        NDList in = zConditioned ? new NDList(x, zemb) : new NDList(x);
        return norm.forward(ps, in, training).singletonOrThrow();
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, resample.outputSize(s.get(2)), resample.outputSize(s.get(3)))};
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        int expected = 1 + (timeConditioned ? 1 : 0) + (zConditioned ? 1 : 0);
        if (inputShapes.length < expected || inputShapes[0].dimension() != 4 || inputShapes[0].get(1) != inChannels) {
            throw new IllegalArgumentException("ResBlock " + inChannels + "->" + outChannels + " expects x (N, "
                    + inChannels + ", H, W), temb, zemb; got " + java.util.Arrays.toString(inputShapes));
        }
        super.beforeInitialize(inputShapes);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long n = x.get(0);
        Shape zemb = zConditioned ? inputShapes[2] : null;
        long h = resample.outputSize(x.get(2));
        long w = resample.outputSize(x.get(3));
        Shape resampledIn = new Shape(n, inChannels, h, w);
        Shape hidden = new Shape(n, outChannels, h, w);
        norm0.initialize(manager, dataType, zConditioned ? new Shape[] {x, zemb} : new Shape[] {x});
        conv0.initialize(manager, dataType, resampledIn);
        if (timeConditioned) {
            dense0.initialize(manager, dataType, inputShapes[1]);
        }
        norm1.initialize(manager, dataType, zConditioned ? new Shape[] {hidden, zemb} : new Shape[] {hidden});
        conv1.initialize(manager, dataType, hidden);
        if (skip != null) {
            skip.initialize(manager, dataType, resampledIn);
        }
    }

    /** FIR taps of the resampling of h and x (16 per output element, two arrays of in channels). */
    @Override
    public long firMultiplyAccumulates(Shape[] inputShapes) {
        if (resample == Resample.NONE) {
            return 0;
        }
        Shape x = inputShapes[0];
        long outElements = x.get(0) * inChannels * resample.outputSize(x.get(2)) * resample.outputSize(x.get(3));
        return 2 * outElements * Fir.TAPS;
    }

    /** Builder of {@link ResBlock}: DJL style, {@code set} for required and {@code opt} for optional fields. */
    public static final class Builder {
        private int inChannels = -1;
        private int outChannels = -1;
        private Resample resample = Resample.NONE;
        private boolean timeConditioned = true;
        private boolean zConditioned = true;
        private float dropout;
        private boolean skipRescale = true;

        private Builder() {
        }

        /** Input and output channels (required). */
        public Builder setChannels(int in, int out) {
            this.inChannels = in;
            this.outChannels = out;
            return this;
        }

        /** Up, down or no resampling (default none). */
        public Builder optResample(Resample resample) {
            this.resample = java.util.Objects.requireNonNull(resample);
            return this;
        }

        /** Whether the per-channel Dense time bias is present (default true). */
        public Builder optTimeConditioned(boolean timeConditioned) {
            this.timeConditioned = timeConditioned;
            return this;
        }

        /** Whether the norms are AdaGN driven by zemb (default true) or plain affine GroupNorms. */
        public Builder optZConditioned(boolean zConditioned) {
            this.zConditioned = zConditioned;
            return this;
        }

        /** Dropout rate between the convolutions (default 0, as in every preset). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Whether the residual sum is divided by sqrt(2) (default true). */
        public Builder optSkipRescale(boolean skipRescale) {
            this.skipRescale = skipRescale;
            return this;
        }

        /** Validates and builds. */
        public ResBlock build() {
            if (inChannels < 4 || outChannels < 4) {
                throw new IllegalArgumentException("ResBlock needs setChannels(in, out) with at least 4 channels each, got "
                        + inChannels + ", " + outChannels);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("ResBlock dropout must be in [0, 1), got " + dropout);
            }
            return new ResBlock(this);
        }
    }
}
