package lddgan.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lddgan.nn.ComposedBlock;
import lddgan.nn.ActivationPattern;
import lddgan.nn.Layers;
import lddgan.nn.Nonlinearity;
import lddgan.nn.TimestepEmbedding;
import lddgan.nn.VarianceScaling;

/**
 * The time-dependent discriminator D(x_k, k, x_{k+1}) (LDDGAN Table 9; DDGAN {@code Discriminator_small}
 * / {@code Discriminator_large}; REFERENCE-CODE.md section 3):
 *
 * <ol>
 *   <li>temb = LReLU(dense(LReLU(dense(sinusoidal(k, 256)))));
 *   <li>h = conv1x1(concat(x_k, x_{k+1})), 2C -> 2 ngf;
 *   <li>{@link DownConvBlock}s ({@link DiscriminatorConfig#blockChannels()});
 *   <li>{@link MinibatchStd}: one more channel;
 *   <li>conv3x3 (8 ngf + 1 -> 8 ngf; init scale 0 in the small variant, 1 in the large one, as in the
 *       reference), LReLU, sum over H and W, Linear(8 ngf -> 1).
 * </ol>
 *
 * <p>Forward contract: {@code forward(ps, new NDList(xPrev, t, xt), training)} with xPrev the less noisy
 * x_k and xt the noisier x_{k+1} (both (N, C, H, W); detach xt yourself where the reference does), t (N,)
 * integer k; returns {@code NDList(logits (N, 1))}. The batch must be a multiple of min(N, 4).
 */
public final class Discriminator extends ComposedBlock {
    private final DiscriminatorConfig config;
    private final TimestepEmbedding timeEmbedding;
    private final Conv2d startConv;
    private final List<DownConvBlock> blocks = new ArrayList<>();
    private final MinibatchStd minibatchStd;
    private final Conv2d finalConv;
    private final Linear endLinear;

    /**
     * Builds the discriminator; children are registered in forward order with their input shapes.
     *
     * @param config the configuration (a preset or a modified copy)
     */
    public Discriminator(DiscriminatorConfig config) {
        this.config = config;
        int res = config.resolution();
        Shape temb = new Shape(config.tEmbDim());
        // 1. time embedding
        timeEmbedding = addChild("time_embedding", TimestepEmbedding.forDiscriminator(config.tEmbDim()), new Shape());
        // 2. 1x1 convolution on concat(x_k, x_{k+1})
        int ch = config.startChannels();
        startConv = addChild("start_conv", Layers.conv(ch, 1, 1, 0, true, VarianceScaling.fanOut(1.0)),
                new Shape(2L * config.channels(), res, res));
        // 3. residual blocks
        List<Integer> outs = config.blockChannels();
        for (int i = 0; i < outs.size(); i++) {
            boolean downsample = config.blockDownsamples(i);
            blocks.add(addChild("block" + i, new DownConvBlock(ch, outs.get(i), downsample), new Shape(ch, res, res), temb));
            ch = outs.get(i);
            res = downsample ? res / 2 : res;
        }
        // 4. minibatch std, 5. head
        minibatchStd = addChild("minibatch_std", new MinibatchStd(), new Shape(ch, res, res));
        double finalScale = config.variant() == DiscriminatorConfig.Variant.SMALL ? 0.0 : 1.0;
        finalConv = addChild("final_conv", Layers.conv(ch, 3, 1, 1, true, VarianceScaling.fanOut(finalScale)),
                new Shape(ch + 1, res, res));
        endLinear = addChild("end_linear", Layers.denseFanOut(1), new Shape(ch));
    }

    /** Builds the discriminator of a named preset ({@link DiscriminatorConfig#PRESETS}). */
    public static Discriminator preset(String name) {
        return new Discriminator(DiscriminatorConfig.preset(name));
    }

    /** The configuration. */
    public DiscriminatorConfig config() {
        return config;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return config.inputShapes(batch);
    }

    /** {@inheritDoc} The LeakyReLUs are the plain ones ({@link ActivationPattern#PLAIN}). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkInputs(inputs.size() == 3 ? inputs.getShapes() : null, inputs.size());
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), inputs.get(2), training, ActivationPattern.PLAIN));
    }

    /**
     * D(x_k, k, x_{k+1}): one logit per sample, with every LeakyReLU computed as {@code pattern} says (plain, recorded
     * or replayed: the R1 penalty's passes share the linear pieces of one recorded pass, {@code lddgan.loss.R1Penalty}).
     *
     * @param ps the parameter store
     * @param xPrev x_k, (N, C, H, W)
     * @param t the step k, (N,)
     * @param xt x_{k+1}, (N, C, H, W)
     * @param training whether the pass records gradients
     * @param pattern how the LeakyReLUs are computed
     * @return the logits, (N, 1)
     */
    public NDArray forward(ParameterStore ps, NDArray xPrev, NDArray t, NDArray xt, boolean training,
            ActivationPattern pattern) {
        // 1. activated time embedding
        NDArray temb = run(timeEmbedding, ps, training, t);
        // 2. concat(x_k, x_{k+1}) on channels, 1x1 convolution
        NDArray h = run(startConv, ps, training, xPrev.concat(xt, 1));
        // 3. residual blocks
        for (DownConvBlock block : blocks) {
            h = block.forward(ps, h, temb, training, pattern);
        }
        // 4. minibatch standard deviation channel
        h = run(minibatchStd, ps, training, h);
        // 5. conv3x3, LReLU, sum over space, linear -> one logit
        h = Nonlinearity.LEAKY_RELU.apply(run(finalConv, ps, training, h), pattern);
        Shape s = h.getShape();
        h = h.reshape(s.get(0), s.get(1), -1).sum(new int[] {2});
        return run(endLinear, ps, training, h);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInputs(inputShapes, inputShapes.length);
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        checkInputs(inputShapes, inputShapes.length);
        super.beforeInitialize(inputShapes);
    }

    /**
     * Checks the shapes of (x_k, t, x_{k+1}) against the configuration.
     *
     * @throws IllegalArgumentException naming the preset and the expected shapes
     */
    private void checkInputs(Shape[] shapes, int count) {
        String xs = "(N, " + config.channels() + ", " + config.resolution() + ", " + config.resolution() + ")";
        String expected = "expected (xPrev " + xs + ", t (N,), xt " + xs + ")";
        if (shapes == null || count != 3) {
            throw new IllegalArgumentException("discriminator '" + config.name() + "': " + expected + ", got " + count
                    + " inputs");
        }
        Shape x = shapes[0];
        long n = x.dimension() > 0 ? x.get(0) : -1;
        boolean ok = x.equals(config.xShape(n)) && shapes[1].equals(new Shape(n)) && shapes[2].equals(config.xShape(n));
        if (!ok) {
            throw new IllegalArgumentException("discriminator '" + config.name() + "': " + expected + ", got "
                    + Arrays.toString(shapes));
        }
        MinibatchStd.groupSize(n);
    }
}
