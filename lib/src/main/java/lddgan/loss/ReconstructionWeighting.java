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
     * epochs 0..N, lambda = 1 - sigmoid(phi), constant within an epoch (delta = 6: 0.99753 -&gt; 0.00247). Below the
     * paper profile phi runs over the steps of the run instead ({@link #weightAt}): a deviation from the reference code.
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
     * The weight at an epoch, as the reference code sets it (constant within an epoch): {@link #weightAt} of epoch / N.
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
        return weightAt(epoch / (double) numEpochs, fixedWeight, delta);
    }

    /**
     * The weight after a fraction f of the schedule, Eq. (9) with epoch / N replaced by f: phi = -delta + 2 delta f
     * (the code's sweep) or -delta + delta f (the printed formula). The reference code evaluates it at f = epoch / N;
     * the reduced profiles evaluate it at f = step / steps of the run ({@link #weightAtStep}), so that lambda falls smoothly whatever the run's length.
     *
     * @param fraction f in [0, 1]
     * @param fixedWeight the weight of {@link #FIXED}
     * @param delta delta of Weighted Learning
     * @return w for the generator loss; 0 for {@link #NONE}
     */
    public double weightAt(double fraction, double fixedWeight, double delta) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the fraction of the schedule must be in [0, 1], got " + fraction);
        }
        return switch (this) {
            case NONE -> 0.0;
            case FIXED -> fixedWeight;
            case WEIGHTED_LEARNING -> lambda(-delta + 2.0 * delta * fraction);
            case WEIGHTED_LEARNING_PRINTED -> lambda(-delta + delta * fraction);
        };
    }

    /**
     * The weight at a step of a run. With {@code runSteps} = 0 it is the reference code's, per epoch over N ({@link
     * #weight}); with {@code runSteps} &gt; 0 (the reduced profiles) it follows the fraction of the run done,
     * f = min(1, step / runSteps), smooth at any run length ({@link #weightAt}; a deviation from the reference code:
     * N epochs of a few hundred steps would make lambda a staircase of N values).
     *
     * @param step the 0-based step about to be taken
     * @param stepsPerEpoch steps of one epoch
     * @param numEpochs N, the configured number of epochs (used when {@code runSteps} = 0)
     * @param runSteps the run's length in steps, or 0 for per-epoch weights
     * @param fixedWeight the weight of {@link #FIXED}
     * @param delta delta of Weighted Learning
     * @return w for the generator loss
     */
    public double weightAtStep(long step, int stepsPerEpoch, int numEpochs, long runSteps, double fixedWeight, double delta) {
        if (step < 0 || stepsPerEpoch < 1 || runSteps < 0) {
            throw new IllegalArgumentException("need step >= 0, stepsPerEpoch >= 1, runSteps >= 0; got " + step + ", "
                    + stepsPerEpoch + ", " + runSteps);
        }
        return runSteps == 0 ? weight((int) (step / stepsPerEpoch), numEpochs, fixedWeight, delta)
                : weightAt(Math.min(1.0, step / (double) runSteps), fixedWeight, delta);
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
