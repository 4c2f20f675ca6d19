package lddgan.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;
import lddgan.generator.NcsnppLayout;
import lddgan.nn.ComposedBlock;
import lddgan.nn.TimestepEmbedding;

/**
 * The epsilon-prediction network eps_theta(x_t, t, y) of the Gaussian diffusion baseline: the NCSN++ U-Net body
 * ({@link NcsnppLayout}) with plain group norms (no z: the denoising distribution is Gaussian, its mean is all the
 * network predicts), the generator's time embedding temb = Linear(SiLU(Linear(sinusoidal(t, nf)))), and, when
 * class-conditional, a learned class embedding added to temb (Ho &amp; Salimans 2022; guided diffusion's
 * {@code label_emb}): temb += E[y], E of shape (K + 1, 4 nf), row K the null label of classifier-free guidance.
 *
 * <p>With {@link EpsilonUNetConfig.Conditioning#CROSS_ATTENTION} the class reaches the network as LDM conditions it
 * (Rombach et al. 2022, Sec. 3.3): a class encoder tau_theta(y) = T[y], one learned token of D_c features per class
 * (T of shape (K + 1, D_c), N(0, 1) rows as LDM's {@code ClassEmbedder}, row K the null token), attended to by a
 * {@link lddgan.nn.SpatialTransformer} at every attention place of the body; nothing is added to temb.
 *
 * <p>Forward: {@code NDList(x (N, C, H, W), t (N,) int)} plus {@code y (N,) int} in 0..K when conditional; returns
 * {@code NDList(eps (N, C, H, W))}, no output nonlinearity.
 */
public final class EpsilonUNet extends ComposedBlock {
    private final EpsilonUNetConfig config;
    private final TimestepEmbedding timeEmbedding;
    private final Linear classEmbedding;
    private final Linear classEncoder;
    private final NcsnppLayout body;

    /** Builds the network (uninitialised). */
    public EpsilonUNet(EpsilonUNetConfig config) {
        this.config = config;
        timeEmbedding = addChild("time_embedding", TimestepEmbedding.forGenerator(config.nf()), new Shape());
        Shape labels = new Shape(config.numClasses() + 1L);
        classEmbedding = config.conditional() && !config.crossAttends()
                ? addChild("class_embedding", embeddingTable(4 * config.nf()), labels) : null;
        classEncoder = config.crossAttends() ? addChild("class_encoder", embeddingTable(config.contextDim()), labels) : null;
        NcsnppLayout.CrossAttentionContext context = config.crossAttends()
                ? new NcsnppLayout.CrossAttentionContext(1, config.contextDim(), config.headChannels()) : null;
        body = new NcsnppLayout(config.body(), false, context, this::addChild);
    }

    /** An embedding table as a bias-free Linear on one-hot labels; rows N(0, 1) as {@code nn.Embedding}. */
    private static Linear embeddingTable(int width) {
        Linear table = Linear.builder().setUnits(width).optBias(false).build();
        table.setInitializer(new NormalInitializer(1f), Parameter.Type.WEIGHT);
        return table;
    }

    /** The configuration. */
    public EpsilonUNetConfig config() {
        return config;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        Shape x = config.xShape(batch);
        return config.conditional() ? new Shape[] {x, new Shape(batch), new Shape(batch)} : new Shape[] {x, new Shape(batch)};
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int expected = config.conditional() ? 3 : 2;
        if (inputs.size() != expected) {
            throw new IllegalArgumentException("epsilon U-Net '" + config.name() + "' expects " + expected
                    + " inputs (x, t" + (config.conditional() ? ", y" : "") + "), got " + inputs.size());
        }
        NDArray temb = run(timeEmbedding, ps, training, inputs.get(1));
        NDArray context = null;
        if (config.conditional()) {
            NDArray oneHot = inputs.get(2).toType(DataType.INT64, false).oneHot(config.numClasses() + 1);
            if (classEncoder != null) {
                // tau_theta(y): one token per sample, (N, 1, D_c)
                context = run(classEncoder, ps, training, oneHot).expandDims(1);
            } else {
                temb = temb.add(run(classEmbedding, ps, training, oneHot));
            }
        }
        return new NDList(body.forward(ps, training, inputs.get(0), temb, null, context));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (inputShapes.length == 0) {
            throw new IllegalArgumentException("epsilon U-Net: no inputs " + Arrays.toString(inputShapes));
        }
        return new Shape[] {inputShapes[0]};
    }
}
