package lddgan.optim;

/**
 * Per-epoch learning rate (REFERENCE-CODE.md section 0, "LR schedule"): LDDGAN keeps it constant; DDGAN
 * and WDDGAN anneal it with PyTorch's {@code CosineAnnealingLR(optimizer, num_epoch, eta_min=1e-5)},
 * stepped once per epoch.
 */
public enum LearningRateSchedule {
    /** LDDGAN: the base rate throughout. */
    CONSTANT,
    /** DDGAN/WDDGAN: eta_min + (base - eta_min) (1 + cos(pi min(epoch, N) / N)) / 2. */
    COSINE;

    /**
     * The rate during an epoch.
     *
     * @param epoch 0-based epoch
     * @param numEpochs N
     * @param base the initial rate
     * @param min eta_min (1e-5 in the reference)
     */
    public double at(int epoch, int numEpochs, double base, double min) {
        if (this == CONSTANT) {
            return base;
        }
        if (numEpochs < 1) {
            throw new IllegalArgumentException("numEpochs must be >= 1, got " + numEpochs);
        }
        // past N (a run under a time budget may train beyond its planned epochs) the rate stays at eta_min
        return min + (base - min) * (1 + Math.cos(Math.PI * Math.min(epoch, numEpochs) / numEpochs)) / 2;
    }
}
