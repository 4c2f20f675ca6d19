package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import lddgan.nn.AdaptiveLayerNorm;
import lddgan.nn.Layers;
import lddgan.nn.SinusoidalEmbedding;

/**
 * The ViT generator x0' = G(x_{k+1}, k, z) of LDDGAN Appendix C (Tables 11-12): a U-ViT ("All are Worth Words", Bao
 * et al.) in which time and the noisy latent enter as tokens and every norm is adaptive, controlled by z
 * (REFERENCE-CODE.md section 8; the reference repository has no ViT code, see {@link UViTConfig}).
 *
 * <ol>
 *   <li>zemb = mapping(z): PixelNorm, Linear(nz -> 256), SiLU, n_mlp x [Linear(256 -> 256), SiLU] (as the CNN's);
 *   <li>patch embedding: conv p x p, stride p, C -> D: (H / p)^2 tokens of x_{k+1};
 *   <li>time token: sinusoidal(k, D) ({@link SinusoidalEmbedding}, the CNN's form; U-ViT's CIFAR-10 config has no
 *       time MLP either);
 *   <li>sequence = [time token, patch tokens] + learned position embedding (1 + (H / p)^2 rows);
 *   <li>depth / 2 in-blocks, each output pushed on a stack; a mid block; depth / 2 out-blocks, each taking the
 *       stack's top through its long skip Linear(2D -> D) ({@link UViTBlock}, norms adaptive);
 *   <li>final adaptive norm, Linear(D -> p^2 C), the time token dropped, unpatchify to (N, C, H, W), conv3x3 C -> C,
 *       tanh (the CNN's output range).
 * </ol>
 *
 * <p>Initialisation as U-ViT: position embedding and every Linear N(0, 0.02^2) with zero biases, patch embedding and
 * the final conv PyTorch's default; the mapping network as the CNN's; adaptive norms start at the identity.
 *
 * <p>Forward contract (the same as {@link NcsnppGenerator}): {@code forward(ps, new NDList(x, t, z), training)} with
 * x (N, C, H, W), t (N,) integer steps k, z (N, nz); returns {@code NDList(x0')} of x's shape.
 */
public final class UViTGenerator extends Generator {
    private final UViTConfig config;
    private final MappingNetwork mapping;
    private final Conv2d patchEmbedding;
    private final Parameter positionEmbedding;
    private final List<UViTBlock> inBlocks = new ArrayList<>();
    private final UViTBlock midBlock;
    private final List<UViTBlock> outBlocks = new ArrayList<>();
    private final AdaptiveLayerNorm finalNorm;
    private final Linear decoderPrediction;
    private final Conv2d finalConv;

    /**
     * Builds the generator.
     *
     * @param config the configuration (a preset or a modified copy)
     */
    public UViTGenerator(UViTConfig config) {
        super(config);
        this.config = config;
        int c = config.channels();
        int res = config.resolution();
        int p = config.patchSize();
        int d = config.embedDim();
        int tokens = config.patchTokens() + 1;
        Shape sequence = new Shape(tokens, d);
        Shape zemb = new Shape(config.zEmbDim());
        // 1. z mapping, 2. patch embedding, 3. position embedding
        mapping = addChild("z_mapping", new MappingNetwork(config.nz(), config.zEmbDim(), config.nMlp()),
                new Shape(config.nz()));
        patchEmbedding = addChild("patch_embed", Layers.torchConv(d, c, p, p, 0), new Shape(c, res, res));
        positionEmbedding = addParameter(Parameter.builder().setName("pos_embed").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, tokens, d)).optInitializer(new NormalInitializer(Layers.VIT_INIT_STD))
                .build());
        // 5. blocks
        for (int i = 0; i < config.halfDepth(); i++) {
            inBlocks.add(addChild("in_block" + i, block(tokens, false), sequence, zemb));
        }
        midBlock = addChild("mid_block", block(tokens, false), sequence, zemb);
        for (int i = 0; i < config.halfDepth(); i++) {
            outBlocks.add(addChild("out_block" + i, block(tokens, true), sequence, zemb, sequence));
        }
        // 6. head
        finalNorm = addChild("norm", new AdaptiveLayerNorm(d), sequence, zemb);
        decoderPrediction = addChild("decoder_pred", Layers.vitDense(p * p * c, true), sequence);
        finalConv = addChild("final_layer", Layers.torchConv(c, c, 3, 1, 1), new Shape(c, res, res));
    }

    private UViTBlock block(int tokens, boolean skip) {
        return new UViTBlock(tokens, config.embedDim(), config.numHeads(), config.mlpRatio(), config.qkvBias(),
                config.zEmbDim(), skip);
    }

    /** Builds the generator of a named preset ({@link UViTConfig#PRESETS}). */
    public static UViTGenerator preset(String name) {
        return new UViTGenerator(UViTConfig.preset(name));
    }

    /** The configuration. */
    public UViTConfig config() {
        return config;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        checkInputs(inputs.size() == 3 ? inputs.getShapes() : null, inputs.size());
        NDArray x = inputs.get(0);
        long n = x.getShape().get(0);
        int d = config.embedDim();
        // 1. z embedding
        NDArray zemb = run(mapping, ps, training, inputs.get(2));
        // 2. patch tokens (N, L, D), row-major over the (H/p, W/p) grid
        NDArray patches = run(patchEmbedding, ps, training, x).reshape(n, d, -1).transpose(0, 2, 1);
        // 3. time token (N, 1, D)
        NDArray time = SinusoidalEmbedding.embed(inputs.get(1), d);
        // 4. [time, patches] + position embedding
        NDArray h = time.reshape(n, 1, d).concat(patches, 1)
                .add(ps.getValue(positionEmbedding, x.getDevice(), training));
        // 5. in-blocks onto the skip stack, mid block, out-blocks through the long skips
        Deque<NDArray> skips = new ArrayDeque<>();
        for (UViTBlock block : inBlocks) {
            h = run(block, ps, training, h, zemb);
            skips.push(h);
        }
        h = run(midBlock, ps, training, h, zemb);
        for (UViTBlock block : outBlocks) {
            h = run(block, ps, training, h, zemb, skips.pop());
        }
        // 6. final norm, per-token patch prediction without the time token, unpatchify, conv3x3, tanh
        h = run(decoderPrediction, ps, training, run(finalNorm, ps, training, h, zemb));
        h = unpatchify(h.get(":, 1:, :"), config.channels(), config.patchSize());
        return new NDList(run(finalConv, ps, training, h).tanh());
    }

    /**
     * Puts per-patch values back on the image grid (U-ViT's {@code unpatchify}: "B (h w) (p1 p2 C) -> B C (h p1) (w
     * p2)").
     *
     * @param tokens (N, L, p^2 C) with L = h w a square, patches row-major
     * @return (N, C, h p, w p)
     */
    public static NDArray unpatchify(NDArray tokens, int channels, int patchSize) {
        Shape s = tokens.getShape();
        long n = s.get(0);
        int side = (int) Math.round(Math.sqrt(s.get(1)));
        if ((long) side * side != s.get(1) || s.get(2) != (long) patchSize * patchSize * channels) {
            throw new IllegalArgumentException("unpatchify: expected (N, h*w, " + patchSize + "^2 * " + channels
                    + ") with a square h*w, got " + s);
        }
        return tokens.reshape(n, side, side, patchSize, patchSize, channels).transpose(0, 5, 1, 3, 2, 4)
                .reshape(n, channels, (long) side * patchSize, (long) side * patchSize);
    }

}
