package lddgan.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import lddgan.nn.Layers;
import lddgan.nn.Nonlinearity;
import lddgan.nn.PixelNorm;

/**
 * The latent mapping network z -> zemb (LDDGAN Table 8 "latent mapping layers"; REFERENCE-CODE.md
 * section 2): PixelNorm(z), Linear(nz -> d), SiLU, then n_mlp x [Linear(d -> d), SiLU], all with the
 * {@code dense_layer} initialisation (fan_out). Input (N, nz); output (N, d).
 */
public final class MappingNetwork extends AbstractBlock {
    private final int nz;
    private final int embeddingDim;
    private final PixelNorm pixelNorm;
    private final List<Linear> layers = new ArrayList<>();

    /**
     * Builds the mapping network.
     *
     * @param nz the dimension of z
     * @param embeddingDim the z embedding dimension d (256)
     * @param nMlp the number of d -> d layers after the first
     */
    public MappingNetwork(int nz, int embeddingDim, int nMlp) {
        this.nz = nz;
        this.embeddingDim = embeddingDim;
        pixelNorm = addChildBlock("pixel_norm", new PixelNorm());
        for (int i = 0; i <= nMlp; i++) {
            layers.add(addChildBlock("dense" + i, Layers.denseFanOut(embeddingDim)));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        // 1. PixelNorm(z)
        NDArray h = pixelNorm.forward(ps, inputs, training).singletonOrThrow();
        // 2. (n_mlp + 1) x [Linear, SiLU]
        for (Linear layer : layers) {
            h = Nonlinearity.SILU.apply(layer.forward(ps, new NDList(h), training).singletonOrThrow());
        }
        return new NDList(h);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embeddingDim)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        pixelNorm.initialize(manager, dataType, new Shape(n, nz));
        Shape in = new Shape(n, nz);
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, in);
            in = new Shape(n, embeddingDim);
        }
    }
}
