package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import lddgan.nn.FirConvDownsample;
import lddgan.nn.GroupNorm;
import lddgan.nn.Layers;
import lddgan.nn.Nonlinearity;
import lddgan.nn.Resample;
import lddgan.nn.TimestepEmbedding;
import lddgan.nn.AttentionBlock;
import lddgan.nn.Scalars;

/**
 * The generator x0' = G(x_{k+1}, k, z): NCSN++ with adaptive group normalisation (LDDGAN section 3,
 * Table 8; DDGAN {@code ncsnpp_generator_adagn.NCSNpp}; REFERENCE-CODE.md section 2). Fixed choices of
 * the reference: BigGAN++ residual blocks, FIR kernel [1, 3, 3, 1], skip rescale, positional time
 * embedding, progressive input "residual", no progressive output, tanh output.
 *
 * <p>Layout (for a config with L levels):
 *
 * <ol>
 *   <li>temb = Linear(SiLU(Linear(sinusoidal(k, nf)))) (4 nf wide); zemb = mapping(z) (256 wide);
 *   <li>stem conv3x3 C -> nf;
 *   <li>down path, per level: numResBlocks {@link ResBlock}s (+ {@link AttentionBlock} at the listed
 *       resolutions), then except at the last level a downsampling ResBlock and the input pyramid:
 *       pyramid = (FIR-conv-down(pyramid) + h) / sqrt(2), h = pyramid; every output goes on the skip stack;
 *   <li>middle: ResBlock, AttentionBlock (always), ResBlock;
 *   <li>up path, per level from the lowest resolution: numResBlocks + 1 ResBlocks on concat(h, skip),
 *       attention at the listed resolutions, an upsampling ResBlock except at the last level;
 *   <li>head: GroupNorm(min(C/4, 32), eps 1e-6), SiLU, conv3x3 nf -> C (init scale 0), tanh.
 * </ol>
 *
 * <p>Forward contract: {@code forward(ps, new NDList(x, t, z), training)} with x (N, C, H, W) float32,
 * t (N,) integer timestep indices k, z (N, nz) float32; returns {@code NDList(x0')} of x's shape.
 * Initialise with {@link #initialize(NDManager, int)} or {@code initialize(manager, FLOAT32,
 * config.inputShapes(N))}.
 */
public final class NcsnppGenerator extends Generator {
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));

    private final GeneratorConfig config;
    private final TimestepEmbedding timeEmbedding;
    private final MappingNetwork mapping;
    private final Conv2d stem;
    private final List<DownLevel> down = new ArrayList<>();
    private final ResBlock middle0;
    private final AttentionBlock middleAttention;
    private final ResBlock middle1;
    private final List<UpLevel> up = new ArrayList<>();
    private final GroupNorm headNorm;
    private final Conv2d headConv;

    /** One level of the down path; {@code attentions} has a null where a block has no attention. */
    private record DownLevel(List<ResBlock> blocks, List<AttentionBlock> attentions, ResBlock downsample,
            FirConvDownsample pyramid) {
    }

    /** One level of the up path. */
    private record UpLevel(List<ResBlock> blocks, AttentionBlock attention, ResBlock upsample) {
    }

    /**
     * Builds the generator; the walk below registers every child in forward order with its input shapes,
     * as the reference's {@code __init__} tracks {@code in_ch}.
     *
     * @param config the configuration (a preset or a modified copy)
     * @throws IllegalArgumentException when a width does not suit the group norms
     */
    public NcsnppGenerator(GeneratorConfig config) {
        super(config);
        this.config = config;
        try {
            int nf = config.nf();
            int c = config.channels();
            int res = config.resolution();
            Shape temb = new Shape(config.tembDim());
            Shape zemb = new Shape(config.zEmbDim());
            // 1. time embedding and z mapping
            timeEmbedding = addChild("time_embedding", TimestepEmbedding.forGenerator(nf), new Shape());
            mapping = addChild("z_mapping", new MappingNetwork(config.nz(), config.zEmbDim(), config.nMlp()),
                    new Shape(config.nz()));
            // 2. stem
            stem = addChild("stem", Layers.conv3x3(nf, 1.0), new Shape(c, res, res));
            // 3. down path
            Deque<Integer> skipChannels = new ArrayDeque<>();
            skipChannels.push(nf);
            int inCh = nf;
            int pyramidCh = c;
            for (int level = 0; level < config.levels(); level++) {
                int outCh = nf * config.chMult().get(level);
                List<ResBlock> blocks = new ArrayList<>();
                List<AttentionBlock> attentions = new ArrayList<>();
                for (int b = 0; b < config.numResBlocks(); b++) {
                    blocks.add(addChild("down" + level + "_block" + b, resBlock(inCh, outCh, Resample.NONE),
                            new Shape(inCh, res, res), temb, zemb));
                    inCh = outCh;
                    attentions.add(config.attnResolutions().contains(res)
                            ? addChild("down" + level + "_attn" + b, AttentionBlock.ncsnpp(inCh), new Shape(inCh, res, res))
                            : null);
                    skipChannels.push(inCh);
                }
                ResBlock downsample = null;
                FirConvDownsample pyramid = null;
                if (level != config.levels() - 1) {
                    downsample = addChild("down" + level + "_downsample", resBlock(inCh, inCh, Resample.DOWN),
                            new Shape(inCh, res, res), temb, zemb);
                    pyramid = addChild("down" + level + "_pyramid", new FirConvDownsample(inCh),
                            new Shape(pyramidCh, res, res));
                    pyramidCh = inCh;
                    res /= 2;
                    skipChannels.push(inCh);
                }
                down.add(new DownLevel(blocks, attentions, downsample, pyramid));
            }
            // 4. middle
            middle0 = addChild("middle_block0", resBlock(inCh, inCh, Resample.NONE), new Shape(inCh, res, res), temb, zemb);
            middleAttention = addChild("middle_attn", AttentionBlock.ncsnpp(inCh), new Shape(inCh, res, res));
            middle1 = addChild("middle_block1", resBlock(inCh, inCh, Resample.NONE), new Shape(inCh, res, res), temb, zemb);
            // 5. up path
            for (int level = config.levels() - 1; level >= 0; level--) {
                int outCh = nf * config.chMult().get(level);
                List<ResBlock> blocks = new ArrayList<>();
                for (int b = 0; b <= config.numResBlocks(); b++) {
                    int concatCh = inCh + skipChannels.pop();
                    blocks.add(addChild("up" + level + "_block" + b, resBlock(concatCh, outCh, Resample.NONE),
                            new Shape(concatCh, res, res), temb, zemb));
                    inCh = outCh;
                }
                AttentionBlock attention = config.attnResolutions().contains(res)
                        ? addChild("up" + level + "_attn", AttentionBlock.ncsnpp(inCh), new Shape(inCh, res, res))
                        : null;
                ResBlock upsample = null;
                if (level != 0) {
                    upsample = addChild("up" + level + "_upsample", resBlock(inCh, inCh, Resample.UP),
                            new Shape(inCh, res, res), temb, zemb);
                    res *= 2;
                }
                up.add(new UpLevel(blocks, attention, upsample));
            }
            if (!skipChannels.isEmpty()) {
                throw new IllegalStateException("skip stack not empty: " + skipChannels);
            }
            // 6. head
            headNorm = addChild("head_norm", GroupNorm.ncsnpp(inCh), new Shape(inCh, res, res));
            headConv = addChild("head_conv", Layers.conv3x3(c, 0.0), new Shape(inCh, res, res));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("generator '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    private ResBlock resBlock(int in, int out, Resample resample) {
        return ResBlock.builder().setChannels(in, out).optResample(resample).optDropout((float) config.dropout()).build();
    }

    /** Builds the generator of a named preset ({@link GeneratorConfig#PRESETS}). */
    public static NcsnppGenerator preset(String name) {
        return new NcsnppGenerator(GeneratorConfig.preset(name));
    }

    /** The configuration. */
    public GeneratorConfig config() {
        return config;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkInputs(inputs.size() == 3 ? inputs.getShapes() : null, inputs.size());
        NDArray x = inputs.get(0);
        // 1. time embedding of k and z embedding
        NDArray temb = timeEmbedding.forward(ps, new NDList(inputs.get(1)), training).singletonOrThrow();
        NDArray zemb = mapping.forward(ps, new NDList(inputs.get(2)), training).singletonOrThrow();
        // 2. stem; the input pyramid starts at x
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(stem.forward(ps, new NDList(x), training).singletonOrThrow());
        NDArray pyramid = x;
        // 3. down path
        for (DownLevel level : down) {
            for (int b = 0; b < level.blocks().size(); b++) {
                NDArray h = run(level.blocks().get(b), ps, training, skips.peek(), temb, zemb);
                if (level.attentions().get(b) != null) {
                    h = run(level.attentions().get(b), ps, training, h);
                }
                skips.push(h);
            }
            if (level.downsample() != null) {
                NDArray h = run(level.downsample(), ps, training, skips.peek(), temb, zemb);
                // input pyramid, residual combine: (FIR-conv-down(pyramid) + h) / sqrt(2)
                pyramid = Scalars.times(run(level.pyramid(), ps, training, pyramid).add(h), INV_SQRT2);
                skips.push(pyramid);
            }
        }
        // 4. middle: ResBlock, attention, ResBlock
        NDArray h = run(middle0, ps, training, skips.peek(), temb, zemb);
        h = run(middleAttention, ps, training, h);
        h = run(middle1, ps, training, h, temb, zemb);
        // 5. up path on concat(h, skip)
        for (UpLevel level : up) {
            for (ResBlock block : level.blocks()) {
                h = run(block, ps, training, h.concat(skips.pop(), 1), temb, zemb);
            }
            if (level.attention() != null) {
                h = run(level.attention(), ps, training, h);
            }
            if (level.upsample() != null) {
                h = run(level.upsample(), ps, training, h, temb, zemb);
            }
        }
        // 6. head: SiLU(GroupNorm(h)), conv3x3, tanh
        h = Nonlinearity.SILU.apply(run(headNorm, ps, training, h));
        h = run(headConv, ps, training, h);
        return new NDList(h.tanh());
    }


}
