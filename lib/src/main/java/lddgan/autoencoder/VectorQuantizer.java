package lddgan.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import lddgan.nn.Scalars;
import lddgan.nn.Scoped;

/**
 * Nearest-neighbour vector quantisation in the decoder of the CelebA-HQ first stage (taming-transformers'
 * {@code VectorQuantizer2} with {@code legacy=True}, as LDM's {@code VQModelInterface} uses it; REFERENCE-CODE.md
 * section 6; VQ-VAE, van den Oord et al. 2017). Each latent vector z (the channels at one position) is replaced by
 * its nearest codebook entry e_k, k = argmin_j ||z - e_j||^2.
 *
 * <p>Loss, as the legacy code computes it: mean((sg[z_q] - z)^2) + beta mean((z_q - sg[z])^2). The original
 * VQ-VAE puts beta on the first (commitment) term; taming's legacy default swaps them, and LDM's VQ models use it,
 * so we follow the code. The output is z + sg[z_q - z] (straight-through: the decoder's gradient passes to z).
 *
 * <p>The codebook (nEmbed, embedDim) is initialised U(-1/nEmbed, 1/nEmbed).
 */
public final class VectorQuantizer extends AbstractBlock {
    private final int nEmbed;
    private final int embedDim;
    private final double beta;
    private final Parameter codebook;

    /** The squared distances held at once: 2^24 numbers, 64 MiB in float32 ({@link #nearestCodes}). */
    static final long DISTANCE_CHUNK = 1L << 24;

    /** The quantised latent (straight-through), the VQ loss (a scalar) and the chosen code of every position. */
    public record Quantized(NDArray latent, NDArray loss, NDArray indices) {
    }

    /**
     * @param nEmbed codebook entries
     * @param embedDim latent channels
     * @param beta weight of the codebook term (see the class comment)
     */
    public VectorQuantizer(int nEmbed, int embedDim, double beta) {
        this.nEmbed = nEmbed;
        this.embedDim = embedDim;
        this.beta = beta;
        float bound = 1f / nEmbed;
        codebook = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(nEmbed, embedDim))
                .optInitializer((manager, shape, dataType) -> manager.randomUniform(-bound, bound, shape, dataType))
                .build());
    }

    /**
     * Quantises {@code z} (N, C, h, w).
     *
     * @param ps the parameter store
     * @param z the pre-quantisation latent
     * @param training whether gradients are wanted (passed to the store)
     */
    public Quantized quantize(ParameterStore ps, NDArray z, boolean training) {
        Shape s = z.getShape();
        if (s.dimension() != 4 || s.get(1) != embedDim) {
            throw new IllegalArgumentException("VectorQuantizer over " + embedDim + " channels got a latent of shape " + s);
        }
        NDManager scope = z.getManager();
        NDArray e = ps.getValue(codebook, z.getDevice(), training);
        // the parameter-receiver results would otherwise land in the parameters' manager (a leak per call)
        NDArray eT = e.transpose();
        eT.attach(scope);
        NDArray eSquared = e.square().sum(new int[] {1});
        eSquared.attach(scope);
        // 1. flatten to (M, C), M = N h w
        NDArray flat = z.transpose(0, 2, 3, 1).reshape(-1, embedDim);
        // 2. nearest code per row
        NDArray indices = nearestCodes(flat.stopGradient(), eT, eSquared, DISTANCE_CHUNK);
        // 3. look the codes up (gather rows) and restore (N, C, h, w)
        NDArray codes = e.get(new NDIndex("{}", indices));
        codes.attach(scope);
        NDArray zq = codes.reshape(s.get(0), s.get(2), s.get(3), embedDim).transpose(0, 3, 1, 2);
        // 4. legacy loss: mean((sg[zq] - z)^2) + beta mean((zq - sg[z])^2)
        NDArray loss = zq.stopGradient().sub(z).square().mean()
                .add(Scalars.times(zq.sub(z.stopGradient()).square().mean(), beta));
        // 5. straight-through estimator
        NDArray latent = z.add(zq.sub(z).stopGradient());
        return new Quantized(latent, loss, indices.reshape(s.get(0), s.get(2), s.get(3)));
    }

    /**
     * argmin_j ||z_i - e_j||^2 of every row z_i, the squared distances computed as the legacy code does, ||z||^2 + ||e||^2
     * - 2 z.e. All rows at once they are (M, nEmbed): for the CelebA-HQ first stage's 64x64 latent at batch 8, 32,768 x
     * 8,192 numbers, 1 GiB held four times over by the expression's terms; so they are computed for a block of rows
     * at a time, each block's distances freed before the next. Each row's distances are the same numbers either way.
     *
     * @param flat (M, C) latent vectors, without gradient
     * @param eT (C, nEmbed) the codebook, transposed
     * @param eSquared (nEmbed) ||e_j||^2
     * @param chunk the largest number of distances held at once
     * @return (M) the indices (int64), in flat's manager
     */
    static NDArray nearestCodes(NDArray flat, NDArray eT, NDArray eSquared, long chunk) {
        long m = flat.getShape().get(0);
        long rows = Math.max(1, chunk / eT.getShape().get(1));
        NDList blocks = new NDList();
        for (long start = 0; start < m; start += rows) {
            String block = start + ":" + Math.min(m, start + rows);
            blocks.add(Scoped.apply(new NDArray[] {flat, eT, eSquared}, scope -> {
                NDArray z = flat.get(block);
                return z.square().sum(new int[] {1}, true).add(eSquared).sub(Scalars.times(z.matMul(eT), 2)).argMin(1);
            }));
        }
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        NDArray indices = NDArrays.concat(blocks);
        blocks.close();
        return indices;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(quantize(ps, inputs.singletonOrThrow(), training).latent());
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** Codebook entries. */
    public int size() {
        return nEmbed;
    }
}
