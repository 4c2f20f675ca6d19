package lddgan.autoencoder;

/**
 * How the autoencoder's latent is regularised (LDDGAN Sec. 4.2 and 5.3.2, Table 7; REFERENCE-CODE.md section 6).
 */
public enum Regularizer {
    /**
     * {@code AutoencoderKL}: a diagonal Gaussian posterior (mean and clamped log-variance from {@code double_z}
     * channels), latent = a posterior sample, loss + kl_weight KL(q(z|x) || N(0, I)).
     */
    KL,
    /**
     * {@code VQModelInterface}: the encoder's continuous pre-quantisation output is the latent; the decoder quantises
     * it to the nearest codebook entry (codebook and commitment losses, straight-through gradient).
     */
    VQ,
    /**
     * The paper's "no KL penalty" setting: the KL network with the KL term removed from the loss (REFERENCE-CODE.md
     * section 6: "the same net with the KL term removed"); the latent is still a posterior sample.
     */
    NONE;

    /** Whether the encoder emits a Gaussian posterior (mean and log-variance): KL and NONE. */
    public boolean gaussian() {
        return this != VQ;
    }
}
