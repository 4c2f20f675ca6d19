package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The timestep MLP: sinusoidal(k, embeddingDim) -> Linear(hidden) -> act -> Linear(out) [-> act].
 *
 * <ul>
 *   <li>Generator ({@link #forGenerator(int)}, REFERENCE-CODE.md section 2): sinusoidal(k, nf),
 *       Linear(nf -> 4nf), SiLU, Linear(4nf -> 4nf), fan_avg init; the SiLU before each ResBlock's
 *       Dense is applied there, not here.
 *   <li>Discriminator ({@link #forDiscriminator(int)}, section 3): sinusoidal(k, 256), dense(256 -> 256),
 *       LReLU(0.2), dense(256 -> 256), LReLU(0.2), fan_out init.
 * </ul>
 *
 * Input: {@code NDList(k (N,))} of integer timesteps; output {@code NDList(temb (N, out))}.
 */
public final class TimestepEmbedding extends AbstractBlock {
    private final int embeddingDim;
    private final int hiddenDim;
    private final int outputDim;
    private final Nonlinearity activation;
    private final boolean activateOutput;
    private final Linear dense0;
    private final Linear dense1;

    /**
     * Builds a timestep MLP.
     *
     * @param embeddingDim the sinusoidal embedding's dimension
     * @param hiddenDim the hidden width
     * @param outputDim the output width
     * @param activation the nonlinearity between (and optionally after) the layers
     * @param activateOutput whether the nonlinearity is also applied to the output
     * @param init the initialisation of both dense layers
     */
    public TimestepEmbedding(int embeddingDim, int hiddenDim, int outputDim, Nonlinearity activation,
            boolean activateOutput, VarianceScaling init) {
        if (embeddingDim < 4 || hiddenDim < 1 || outputDim < 1) {
            throw new IllegalArgumentException("TimestepEmbedding needs embeddingDim >= 4 and positive widths, got "
                    + embeddingDim + ", " + hiddenDim + ", " + outputDim);
        }
        this.embeddingDim = embeddingDim;
        this.hiddenDim = hiddenDim;
        this.outputDim = outputDim;
        this.activation = activation;
        this.activateOutput = activateOutput;
        dense0 = addChildBlock("dense0", Layers.dense(hiddenDim, init));
        dense1 = addChildBlock("dense1", Layers.dense(outputDim, init));
    }

    /** The generator's time MLP for base width {@code nf}: sinusoidal(nf) -> 4nf -> SiLU -> 4nf. */
    public static TimestepEmbedding forGenerator(int nf) {
        return new TimestepEmbedding(nf, 4 * nf, 4 * nf, Nonlinearity.SILU, false, VarianceScaling.fanAverage(1.0));
    }

    /** The discriminator's time MLP: sinusoidal(d) -> d -> LReLU -> d -> LReLU. */
    public static TimestepEmbedding forDiscriminator(int tEmbDim) {
        return new TimestepEmbedding(tEmbDim, tEmbDim, tEmbDim, Nonlinearity.LEAKY_RELU, true,
                VarianceScaling.fanOut(1.0));
    }

    /** The output width. */
    public int outputDim() {
        return outputDim;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray steps = inputs.singletonOrThrow();
        // 1. sinusoidal embedding of k
        NDArray h = SinusoidalEmbedding.embed(steps, embeddingDim);
        // 2. first dense layer and nonlinearity
        h = activation.apply(dense0.forward(parameterStore, new NDList(h), training).singletonOrThrow());
        // 3. second dense layer, optionally activated
        h = dense1.forward(parameterStore, new NDList(h), training).singletonOrThrow();
        return new NDList(activateOutput ? activation.apply(h) : h);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        dense0.initialize(manager, dataType, new Shape(n, embeddingDim));
        dense1.initialize(manager, dataType, new Shape(n, hiddenDim));
    }
}
