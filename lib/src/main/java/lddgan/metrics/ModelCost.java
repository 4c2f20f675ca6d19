package lddgan.metrics;

import ai.djl.nn.Block;

/**
 * The cost of a network (paper Table 2: parameters, FLOPs, memory).
 *
 * @param parameters number of scalar parameters ({@link #parameterCount})
 * @param gigaFlops FLOPs of one sample's forward pass in units of 10^9, as given by the FLOP audit (not computed
 *     here), or null when not known
 * @param peakMemory the measured peak memory of one sample, or null when not measured
 */
public record ModelCost(long parameters, Double gigaFlops, PeakMemory peakMemory) {
    /** The cost of an initialised block, with the FLOPs from elsewhere (null if unknown) and no memory measured. */
    public static ModelCost of(Block block, Double gigaFlops) {
        return new ModelCost(parameterCount(block), gigaFlops, null);
    }

    /** A copy with a memory measurement. */
    public ModelCost withPeakMemory(PeakMemory memory) {
        return new ModelCost(parameters, gigaFlops, memory);
    }

    /**
     * The number of scalar parameters of a block: the sum of its parameter arrays' sizes
     * ({@link lddgan.nn.NetworkStats#parameterCount}).
     *
     * @throws IllegalStateException when the block is not initialised (a parameter has no shape)
     */
    public static long parameterCount(Block block) {
        return lddgan.nn.NetworkStats.parameterCount(block);
    }
}
