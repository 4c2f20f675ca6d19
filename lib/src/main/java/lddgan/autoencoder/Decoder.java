package lddgan.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import lddgan.nn.AttentionBlock;
import lddgan.nn.ComposedBlock;
import lddgan.nn.GroupNorm;
import lddgan.nn.Layers;
import lddgan.nn.Nonlinearity;

/**
 * The LDM decoder ({@code ldm.modules.diffusionmodules.model.Decoder}; REFERENCE-CODE.md section 6; LDDGAN
 * Algorithm 1, X0 = Decoder(x0')):
 * <ol>
 *   <li>conv_in 3x3 from zChannels to ch * chMult[last];
 *   <li>middle: {@link ResnetBlock}, {@link AttentionBlock#ldm}, ResnetBlock;
 *   <li>per level, last to first: numResBlocks + 1 ResnetBlocks to ch * chMult[i] (attention after each at the
 *       attention resolutions), then a {@link Resampling#up} except at level 0;
 *   <li>norm_out, swish ({@link #features}), conv_out 3x3 to outChannels ({@link #lastLayer}), tanh when
 *       {@code tanhOut} ({@link #activate}).
 * </ol>
 * The split into features, last layer and output activation serves the adaptive weight of the patch-adversarial
 * loss, which compares gradient norms at the last layer's weight (taming-transformers' {@code calculate_adaptive_weight}).
 */
public final class Decoder extends ComposedBlock {
    private final AutoencoderConfig config;
    private final List<Block> path = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    /** Builds the decoder of {@code config}. */
    public Decoder(AutoencoderConfig config) {
        this.config = config;
        List<Integer> mult = config.chMult();
        int ch = config.ch();
        int res = config.latentResolution();
        int blockIn = ch * mult.get(mult.size() - 1);
        Shape mid = new Shape(blockIn, res, res);
        path.add(addChild("conv_in", Layers.torchConv(blockIn, config.zChannels(), 3, 1, 1),
                new Shape(config.zChannels(), res, res)));
        path.add(addChild("mid_block_1", new ResnetBlock(blockIn, blockIn, res, config.dropout()), mid));
        path.add(addChild("mid_attn_1", AttentionBlock.ldm(blockIn), mid));
        path.add(addChild("mid_block_2", new ResnetBlock(blockIn, blockIn, res, config.dropout()), mid));
        for (int level = mult.size() - 1; level >= 0; level--) {
            int blockOut = ch * mult.get(level);
            for (int b = 0; b <= config.numResBlocks(); b++) {
                path.add(addChild("up" + level + "_block" + b,
                        new ResnetBlock(blockIn, blockOut, res, config.dropout()), new Shape(blockIn, res, res)));
                blockIn = blockOut;
                if (config.attnResolutions().contains(res)) {
                    path.add(addChild("up" + level + "_attn" + b, AttentionBlock.ldm(blockIn), new Shape(blockIn, res, res)));
                }
            }
            if (level != 0) {
                path.add(addChild("up" + level + "_upsample", Resampling.up(blockIn, res), new Shape(blockIn, res, res)));
                res *= 2;
            }
        }
        Shape top = new Shape(blockIn, res, res);
        normOut = addChild("norm_out", GroupNorm.ldm(blockIn), top);
        convOut = addChild("conv_out", Layers.torchConv(config.outChannels(), blockIn, 3, 1, 1), top);
    }

    /** Steps 1-3 and norm_out + swish: the input of the last layer, (N, ch, H, W). */
    public NDArray features(ParameterStore ps, NDArray z, boolean training) {
        NDArray h = z;
        for (Block block : path) {
            h = run(block, ps, training, h);
        }
        return Nonlinearity.SILU.apply(run(normOut, ps, training, h));
    }

    /** The last layer, {@code conv_out} (its weight is where the adaptive weight measures gradients). */
    public Conv2d lastLayer() {
        return convOut;
    }

    /** The decoder's output nonlinearity applied to conv_out's output: tanh when {@code tanhOut}, else identity. */
    public NDArray activate(NDArray convOutput) {
        return config.tanhOut() ? convOutput.tanh() : convOutput;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = features(ps, inputs.singletonOrThrow(), training);
        return new NDList(activate(convOut.forward(ps, new NDList(h), training).singletonOrThrow()));
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        int r = config.latentResolution();
        return new Shape[] {new Shape(batch, config.zChannels(), r, r)};
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.outChannels(), config.resolution(), config.resolution())};
    }
}
