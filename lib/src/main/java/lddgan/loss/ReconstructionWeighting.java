package lddgan.loss;

/**
 * The weight w of the reconstruction term in the generator loss L_G = L_adv^G + w L_rec with
 * L_rec = mean |x0' - x0| (LDDGAN Sec. 4.3, Eq. (7)-(9); REFERENCE-CODE.md sections 0 and 4). The
 * three models of the paper differ here: DDGAN has no L1 term ("AdvLoss"), WDDGAN a fixed one
 * ("AdvLoss+RecLoss", Eq. (8)), LDDGAN Weighted Learning ("AdvLoss+RecLoss+WL", Eq. (9)).
 */
public enum ReconstructionWeighting {
    /** DDGAN: no reconstruction term (w = 0, and x0 is not needed by the loss). */
    NONE,
    /** WDDGAN, Eq. (8): a fixed weight, {@code recWeight} of the configuration (1 in WaveDiff). */
    FIXED,
    /**
     * LDDGAN Weighted Learning as the reference code does it: phi runs linearly from -delta to +delta over
     * epochs 0..N, lambda = 1 - sigmoid(phi), constant within an epoch (delta = 6: 0.99753 -&gt; 0.00247).
     */
    WEIGHTED_LEARNING,
    /**
     * Weighted Learning with Eq. (9) as printed in the paper: phi = -delta + delta epoch / N, so lambda ends
     * at 0.5 (the text says it approaches 0; the code sweeps to +delta, see {@link #WEIGHTED_LEARNING}).
     */
    WEIGHTED_LEARNING_PRINTED;

    /** delta of the reference code ({@code --delta}, default 6). */
    public static final double DEFAULT_DELTA = 6.0;

    /**
     * The weight at an epoch.
     *
     * @param epoch the current epoch, 0-based (lambda is constant within an epoch)
     * @param numEpochs N, the configured number of epochs of the run
     * @param fixedWeight the weight of {@link #FIXED}
     * @param delta delta of Weighted Learning
     * @return w for the generator loss; 0 for {@link #NONE}
     */
    public double weight(int epoch, int numEpochs, double fixedWeight, double delta) {
        if (numEpochs < 1) {
            throw new IllegalArgumentException("numEpochs must be >= 1, got " + numEpochs);
        }
        return switch (this) {
            case NONE -> 0.0;
            case FIXED -> fixedWeight;
            case WEIGHTED_LEARNING -> lambda(-delta + 2.0 * delta * epoch / numEpochs);
            case WEIGHTED_LEARNING_PRINTED -> lambda(-delta + delta * epoch / numEpochs);
        };
    }

    /** Whether the generator loss has an L1 term at all. */
    public boolean usesReconstruction() {
        return this != NONE;
    }

    /** The paper's name of the loss (Table 6 rows). */
    public String paperName() {
        return switch (this) {
            case NONE -> "AdvLoss";
            case FIXED -> "AdvLoss+RecLoss";
            case WEIGHTED_LEARNING, WEIGHTED_LEARNING_PRINTED -> "AdvLoss+RecLoss+WL";
        };
    }

    /** lambda = 1 - 1 / (1 + exp(-phi)) (Eq. (9)). */
    static double lambda(double phi) {
        return 1.0 - 1.0 / (1.0 + Math.exp(-phi));
    }
}
