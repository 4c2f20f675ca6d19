package lddgan.train;

/**
 * How a training preset shrinks for a smaller {@link lddgan.config.Profile} (README "Profiles": same code, only
 * configuration differs). Widths and depth shrink so a CPU can take steps in about a second; the EMA decay shrinks
 * with the run length (an EMA with decay d averages over about 1 / (1 - d) steps, so the paper's 0.9999 would leave
 * a run of a few hundred steps at its initialisation).
 *
 * @param nf generator base width (paper: 128); a U-ViT generator's token width scales by nf / 128
 * @param numResBlocks CNN generator residual blocks per level (paper: 2); a U-ViT keeps its depth
 * @param ngf discriminator base width (paper: 64)
 * @param batchSize global batch size
 * @param epochs the N of the per-epoch schedules (Weighted Learning, cosine learning rate)
 * @param emaDecay decay of the generator's EMA
 */
public record ProfileScale(int nf, int numResBlocks, int ngf, int batchSize, int epochs, double emaDecay) {
    /** Validates the values. */
    public ProfileScale {
        if (nf < 4 || numResBlocks < 1 || ngf < 1 || batchSize < 1 || epochs < 1 || !(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("invalid profile scale: nf " + nf + ", numResBlocks " + numResBlocks
                    + ", ngf " + ngf + ", batchSize " + batchSize + ", epochs " + epochs + ", emaDecay " + emaDecay);
        }
    }
}
