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
 * The LDM encoder ({@code ldm.modules.diffusionmodules.model.Encoder}; REFERENCE-CODE.md section 6; LDDGAN Sec. 4.2,
 * x0 = E(X0)):
 * <ol>
 *   <li>conv_in 3x3 to ch;
 *   <li>per level i: numResBlocks {@link ResnetBlock}s to ch * chMult[i] (each followed by an {@link AttentionBlock#ldm}
 *       at the attention resolutions), then a {@link Resampling#down} except at the last level;
 *   <li>middle: ResnetBlock, attention, ResnetBlock;
 *   <li>norm_out, swish, conv_out 3x3 to 2 zChannels (doubleZ) or zChannels.
 * </ol>
 */
public final class Encoder extends ComposedBlock {
    private final AutoencoderConfig config;
    private final List<Block> path = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    /** Builds the encoder of {@code config}. */
    public Encoder(AutoencoderConfig config) {
        this.config = config;
        int res = config.resolution();
        int ch = config.ch();
        path.add(addChild("conv_in", Layers.torchConv(ch, config.inChannels(), 3, 1, 1),
                new Shape(config.inChannels(), res, res)));
        int blockIn = ch;
        List<Integer> mult = config.chMult();
        for (int level = 0; level < mult.size(); level++) {
            int blockOut = ch * mult.get(level);
            for (int b = 0; b < config.numResBlocks(); b++) {
                path.add(addChild("down" + level + "_block" + b,
                        new ResnetBlock(blockIn, blockOut, res, config.dropout()), new Shape(blockIn, res, res)));
                blockIn = blockOut;
                if (config.attnResolutions().contains(res)) {
                    path.add(addChild("down" + level + "_attn" + b, AttentionBlock.ldm(blockIn), new Shape(blockIn, res, res)));
                }
            }
            if (level != mult.size() - 1) {
                path.add(addChild("down" + level + "_downsample", Resampling.down(blockIn, res), new Shape(blockIn, res, res)));
                res /= 2;
            }
        }
        Shape mid = new Shape(blockIn, res, res);
        path.add(addChild("mid_block_1", new ResnetBlock(blockIn, blockIn, res, config.dropout()), mid));
        path.add(addChild("mid_attn_1", AttentionBlock.ldm(blockIn), mid));
        path.add(addChild("mid_block_2", new ResnetBlock(blockIn, blockIn, res, config.dropout()), mid));
        normOut = addChild("norm_out", GroupNorm.ldm(blockIn), mid);
        convOut = addChild("conv_out", Layers.torchConv(outChannels(config), blockIn, 3, 1, 1), mid);
    }

    /** The encoder's output channels: 2 zChannels (mean and log-variance, doubleZ) or zChannels. */
    static int outChannels(AutoencoderConfig config) {
        return config.doubleZ() ? 2 * config.zChannels() : config.zChannels();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        // 1.-3. conv_in, the levels with their downsampling, the middle, each in a memory scope of its own
        for (Block block : path) {
            h = run(block, ps, training, h);
        }
        // 4. norm_out, swish, conv_out
        NDArray out = Nonlinearity.SILU.apply(run(normOut, ps, training, h));
        return new NDList(run(convOut, ps, training, out));
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return new Shape[] {config.imageShape(batch)};
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int r = config.latentResolution();
        return new Shape[] {new Shape(inputShapes[0].get(0), outChannels(config), r, r)};
    }
}
