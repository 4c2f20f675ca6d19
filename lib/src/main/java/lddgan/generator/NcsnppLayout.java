package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import lddgan.nn.AttentionBlock;
import lddgan.nn.ComposedBlock;
import lddgan.nn.FirConvDownsample;
import lddgan.nn.GroupNorm;
import lddgan.nn.Layers;
import lddgan.nn.Nonlinearity;
import lddgan.nn.Resample;
import lddgan.nn.Scalars;
import lddgan.nn.SpatialTransformer;

/**
 * The NCSN++ U-Net body (REFERENCE-CODE.md section 2): stem, down path with the input pyramid, middle, up path on the
 * skips, head. Shared by the GAN generator ({@link NcsnppGenerator}, residual blocks with adaptive group norm driven by
 * z) and the epsilon network of the Gaussian diffusion baseline ({@code lddgan.diffusion.EpsilonUNet}, plain group
 * norm). The layout registers its blocks directly in the owning network, in forward order, so the owner's parameter
 * layout is the same as if it had built them itself.
 *
 * <ol>
 *   <li>stem conv3x3 C -&gt; nf;
 *   <li>down path, per level: numResBlocks {@link ResBlock}s (+ {@link AttentionBlock} at the listed resolutions),
 *       then except at the last level a downsampling ResBlock and the input pyramid: pyramid = (FIR-conv-down(pyramid)
 *       + h) / sqrt(2), h = pyramid; every output goes on the skip stack;
 *   <li>middle: ResBlock, AttentionBlock (always), ResBlock;
 *   <li>up path, per level from the lowest resolution: numResBlocks + 1 ResBlocks on concat(h, skip), attention at the
 *       listed resolutions, an upsampling ResBlock except at the last level;
 *   <li>head: GroupNorm(min(C/4, 32), eps 1e-6), SiLU, conv3x3 nf -&gt; C (init scale 0).
 * </ol>
 *
 * <p>With a {@link CrossAttentionContext} every attention place holds a {@link SpatialTransformer} attending to the
 * context (LDM's U-Net with {@code use_spatial_transformer}, Rombach et al. 2022 Sec. 3.3) instead of the
 * self-attention block; the epsilon network's cross-attention variant uses it, the generator never does.
 */
public final class NcsnppLayout {
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));

    /** How the layout registers a block in its owner (the owner's {@code addChild}). */
    @FunctionalInterface
    public interface Registrar {
        /** Registers {@code block} under {@code name} with its per-sample input shapes; returns it. */
        <B extends Block> B add(String name, B block, Shape... perSampleShapes);
    }

    private final boolean zConditioned;
    private final Conv2d stem;
    private final List<DownLevel> down = new ArrayList<>();
    private final ResBlock middle0;
    private final Block middleAttention;
    private final ResBlock middle1;
    private final List<UpLevel> up = new ArrayList<>();
    private final GroupNorm headNorm;
    private final Conv2d headConv;

    /** One level of the down path; {@code attentions} has a null where a block has no attention. */
    private record DownLevel(List<ResBlock> blocks, List<Block> attentions, ResBlock downsample,
            FirConvDownsample pyramid) {
    }

    /** One level of the up path. */
    private record UpLevel(List<ResBlock> blocks, Block attention, ResBlock upsample) {
    }

    /**
     * The context the attention places attend to: {@code tokens} x {@code features} per sample, e.g. one token
     * tau_theta(y) of a class encoder.
     *
     * @param tokens M
     * @param features D_c
     * @param headChannels features per attention head (LDM's {@code num_head_channels})
     */
    public record CrossAttentionContext(int tokens, int features, int headChannels) {
        /** Validates the sizes. */
        public CrossAttentionContext {
            if (tokens < 1 || features < 1 || headChannels < 1) {
                throw new IllegalArgumentException("cross-attention context needs tokens, features and head channels >= 1,"
                        + " got " + tokens + ", " + features + ", " + headChannels);
            }
        }

        /** The per-sample shape (M, D_c). */
        public Shape shape() {
            return new Shape(tokens, features);
        }
    }

    private final CrossAttentionContext context;

    /**
     * Builds the body and registers its blocks; the walk works out every block's input shapes, as the reference's
     * {@code __init__} tracks {@code in_ch}.
     *
     * @param config widths, levels, blocks, attention, dropout (its z fields are not used here)
     * @param zConditioned whether the residual blocks take zemb (adaptive group norm) or not (plain group norm)
     * @param owner registers each block in the owning network
     */
    public NcsnppLayout(GeneratorConfig config, boolean zConditioned, Registrar owner) {
        this(config, zConditioned, null, owner);
    }

    /**
     * Builds the body with spatial transformers at the attention places when {@code context} is given.
     *
     * @param config widths, levels, blocks, attention, dropout (its z fields are not used here)
     * @param zConditioned whether the residual blocks take zemb (adaptive group norm) or not (plain group norm)
     * @param context what the attention places attend to, or null for self-attention blocks
     * @param owner registers each block in the owning network
     */
    public NcsnppLayout(GeneratorConfig config, boolean zConditioned, CrossAttentionContext context, Registrar owner) {
        this.zConditioned = zConditioned;
        this.context = context;
        int nf = config.nf();
        int c = config.channels();
        int res = config.resolution();
        Shape temb = new Shape(config.tembDim());
        Shape[] cond = zConditioned ? new Shape[] {temb, new Shape(config.zEmbDim())} : new Shape[] {temb};
        // 1. stem
        stem = owner.add("stem", Layers.conv3x3(nf, 1.0), new Shape(c, res, res));
        // 2. down path
        Deque<Integer> skipChannels = new ArrayDeque<>();
        skipChannels.push(nf);
        int inCh = nf;
        int pyramidCh = c;
        for (int level = 0; level < config.levels(); level++) {
            int outCh = nf * config.chMult().get(level);
            List<ResBlock> blocks = new ArrayList<>();
            List<Block> attentions = new ArrayList<>();
            for (int b = 0; b < config.numResBlocks(); b++) {
                blocks.add(owner.add("down" + level + "_block" + b, resBlock(config, inCh, outCh, Resample.NONE),
                        with(new Shape(inCh, res, res), cond)));
                inCh = outCh;
                attentions.add(config.attnResolutions().contains(res)
                        ? attention(owner, "down" + level + "_attn" + b, inCh, res) : null);
                skipChannels.push(inCh);
            }
            ResBlock downsample = null;
            FirConvDownsample pyramid = null;
            if (level != config.levels() - 1) {
                downsample = owner.add("down" + level + "_downsample", resBlock(config, inCh, inCh, Resample.DOWN),
                        with(new Shape(inCh, res, res), cond));
                pyramid = owner.add("down" + level + "_pyramid", new FirConvDownsample(inCh),
                        new Shape(pyramidCh, res, res));
                pyramidCh = inCh;
                res /= 2;
                skipChannels.push(inCh);
            }
            down.add(new DownLevel(blocks, attentions, downsample, pyramid));
        }
        // 3. middle
        middle0 = owner.add("middle_block0", resBlock(config, inCh, inCh, Resample.NONE), with(new Shape(inCh, res, res), cond));
        middleAttention = attention(owner, "middle_attn", inCh, res);
        middle1 = owner.add("middle_block1", resBlock(config, inCh, inCh, Resample.NONE), with(new Shape(inCh, res, res), cond));
        // 4. up path
        for (int level = config.levels() - 1; level >= 0; level--) {
            int outCh = nf * config.chMult().get(level);
            List<ResBlock> blocks = new ArrayList<>();
            for (int b = 0; b <= config.numResBlocks(); b++) {
                int concatCh = inCh + skipChannels.pop();
                blocks.add(owner.add("up" + level + "_block" + b, resBlock(config, concatCh, outCh, Resample.NONE),
                        with(new Shape(concatCh, res, res), cond)));
                inCh = outCh;
            }
            Block attention = config.attnResolutions().contains(res)
                    ? attention(owner, "up" + level + "_attn", inCh, res) : null;
            ResBlock upsample = null;
            if (level != 0) {
                upsample = owner.add("up" + level + "_upsample", resBlock(config, inCh, inCh, Resample.UP),
                        with(new Shape(inCh, res, res), cond));
                res *= 2;
            }
            up.add(new UpLevel(blocks, attention, upsample));
        }
        if (!skipChannels.isEmpty()) {
            throw new IllegalStateException("skip stack not empty: " + skipChannels);
        }
        // 5. head
        headNorm = owner.add("head_norm", GroupNorm.ncsnpp(inCh), new Shape(inCh, res, res));
        headConv = owner.add("head_conv", Layers.conv3x3(c, 0.0), new Shape(inCh, res, res));
    }

    /** An attention place: NCSN++'s self-attention block, or a spatial transformer on the context. */
    private Block attention(Registrar owner, String name, int channels, int res) {
        Shape x = new Shape(channels, res, res);
        if (context == null) {
            return owner.add(name, AttentionBlock.ncsnpp(channels), x);
        }
        return owner.add(name, new SpatialTransformer(channels, res, context.tokens(), context.features(),
                context.headChannels()), x, context.shape());
    }

    /** Whether the attention places attend to a context. */
    public boolean crossAttends() {
        return context != null;
    }

    private ResBlock resBlock(GeneratorConfig config, int in, int out, Resample resample) {
        return ResBlock.builder().setChannels(in, out).optResample(resample).optZConditioned(zConditioned)
                .optDropout((float) config.dropout()).build();
    }

    private static Shape[] with(Shape x, Shape[] cond) {
        Shape[] shapes = new Shape[cond.length + 1];
        shapes[0] = x;
        System.arraycopy(cond, 0, shapes, 1, cond.length);
        return shapes;
    }

    /**
     * The body's forward pass.
     *
     * @param x (N, C, H, W)
     * @param temb (N, 4 nf) the time embedding
     * @param zemb (N, zEmbDim) the z embedding, or null when the blocks are not z-conditioned
     * @return (N, C, H, W) the head's output, before any output nonlinearity
     */
    public NDArray forward(ParameterStore ps, boolean training, NDArray x, NDArray temb, NDArray zemb) {
        return forward(ps, training, x, temb, zemb, null);
    }

    /**
     * The body's forward pass with a context for the spatial transformers.
     *
     * @param x (N, C, H, W)
     * @param temb (N, 4 nf) the time embedding
     * @param zemb (N, zEmbDim) the z embedding, or null when the blocks are not z-conditioned
     * @param contextTokens (N, M, D_c) what the attention places attend to; null exactly when the body was built
     *     without a context
     * @return (N, C, H, W) the head's output, before any output nonlinearity
     */
    public NDArray forward(ParameterStore ps, boolean training, NDArray x, NDArray temb, NDArray zemb,
            NDArray contextTokens) {
        if ((contextTokens != null) != crossAttends()) {
            throw new IllegalArgumentException(crossAttends() ? "this U-Net body cross-attends: give it the context"
                    : "this U-Net body has no cross-attention: it takes no context");
        }
        NDArray[] attentionContext = contextTokens == null ? new NDArray[0] : new NDArray[] {contextTokens};
        NDArray[] cond = zConditioned ? new NDArray[] {temb, zemb} : new NDArray[] {temb};
        // 1. stem; the input pyramid starts at x
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(run(stem, ps, training, x));
        NDArray pyramid = x;
        // 2. down path
        for (DownLevel level : down) {
            for (int b = 0; b < level.blocks().size(); b++) {
                NDArray h = run(level.blocks().get(b), ps, training, skips.peek(), cond);
                if (level.attentions().get(b) != null) {
                    h = run(level.attentions().get(b), ps, training, h, attentionContext);
                }
                skips.push(h);
            }
            if (level.downsample() != null) {
                NDArray h = run(level.downsample(), ps, training, skips.peek(), cond);
                // input pyramid, residual combine: (FIR-conv-down(pyramid) + h) / sqrt(2)
                pyramid = Scalars.timesInPlace(run(level.pyramid(), ps, training, pyramid).add(h), INV_SQRT2);
                skips.push(pyramid);
            }
        }
        // 3. middle: ResBlock, attention, ResBlock
        NDArray h = run(middle0, ps, training, skips.peek(), cond);
        h = run(middleAttention, ps, training, h, attentionContext);
        h = run(middle1, ps, training, h, cond);
        // 4. up path on concat(h, skip)
        for (UpLevel level : up) {
            for (ResBlock block : level.blocks()) {
                h = run(block, ps, training, h.concat(skips.pop(), 1), cond);
            }
            if (level.attention() != null) {
                h = run(level.attention(), ps, training, h, attentionContext);
            }
            if (level.upsample() != null) {
                h = run(level.upsample(), ps, training, h, cond);
            }
        }
        // 5. head: SiLU(GroupNorm(h)), conv3x3
        h = Nonlinearity.SILU.apply(run(headNorm, ps, training, h));
        return run(headConv, ps, training, h);
    }

    private static NDArray run(Block block, ParameterStore ps, boolean training, NDArray x, NDArray... cond) {
        NDArray[] inputs = new NDArray[cond.length + 1];
        inputs[0] = x;
        System.arraycopy(cond, 0, inputs, 1, cond.length);
        return ComposedBlock.run(block, ps, training, inputs);
    }
}
