package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.TimestepEmbedding;

/**
 * The generator x0' = G(x_{k+1}, k, z): NCSN++ with adaptive group normalisation (LDDGAN section 3,
 * Table 8; DDGAN {@code ncsnpp_generator_adagn.NCSNpp}; REFERENCE-CODE.md section 2). Fixed choices of
 * the reference: BigGAN++ residual blocks, FIR kernel [1, 3, 3, 1], skip rescale, positional time
 * embedding, progressive input "residual", no progressive output, tanh output.
 *
 * <p>Layout: temb = Linear(SiLU(Linear(sinusoidal(k, nf)))) (4 nf wide); zemb = mapping(z) (256 wide); then the U-Net
 * body of {@link NcsnppLayout} with residual blocks whose group norms are adaptive (driven by zemb); tanh.
 *
 * <p>Forward contract: {@code forward(ps, new NDList(x, t, z), training)} with x (N, C, H, W) float32,
 * t (N,) integer timestep indices k, z (N, nz) float32; returns {@code NDList(x0')} of x's shape.
 * Initialise with {@link #initialize(ai.djl.ndarray.NDManager, int)} or {@code initialize(manager, FLOAT32,
 * config.inputShapes(N))}.
 */
public final class NcsnppGenerator extends Generator {
    private final GeneratorConfig config;
    private final TimestepEmbedding timeEmbedding;
    private final MappingNetwork mapping;
    private final NcsnppLayout body;

    /**
     * Builds the generator: the time embedding and the z mapping, then the U-Net body ({@link NcsnppLayout}) with
     * adaptive group norms, registered in forward order.
     *
     * @param config the configuration (a preset or a modified copy)
     * @throws IllegalArgumentException when a width does not suit the group norms
     */
    public NcsnppGenerator(GeneratorConfig config) {
        super(config);
        this.config = config;
        try {
            // 1. time embedding and z mapping
            timeEmbedding = addChild("time_embedding", TimestepEmbedding.forGenerator(config.nf()), new Shape());
            mapping = addChild("z_mapping", new MappingNetwork(config.nz(), config.zEmbDim(), config.nMlp()),
                    new Shape(config.nz()));
            // 2.-6. stem, down path, middle, up path, head
            body = new NcsnppLayout(config, true, this::addChild);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("generator '" + config.name() + "': " + e.getMessage(), e);
        }
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
        // 1. time embedding of k and z embedding
        NDArray temb = run(timeEmbedding, ps, training, inputs.get(1));
        NDArray zemb = run(mapping, ps, training, inputs.get(2));
        // 2. the U-Net body, then tanh
        return new NDList(body.forward(ps, training, inputs.get(0), temb, zemb).tanh());
    }
}
