package lddgan.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import lddgan.nn.Scalars;

/**
 * The KL autoencoder's posterior q(z | x) = N(mean, diag(exp(logvar))) ({@code DiagonalGaussianDistribution} of
 * LDM; REFERENCE-CODE.md section 6, "KL encode"): the moments (N, 2C, h, w) from {@code quant_conv} are split
 * into mean and log-variance along the channels, and the log-variance is clamped to [{@value #LOGVAR_MIN},
 * {@value #LOGVAR_MAX}].
 */
public final class DiagonalGaussian {
    /** Lower clamp of the log-variance. */
    public static final float LOGVAR_MIN = -30f;
    /** Upper clamp of the log-variance. */
    public static final float LOGVAR_MAX = 20f;

    private final NDArray mean;
    private final NDArray logvar;

    /** Splits {@code moments} (N, 2C, h, w) into mean and clamped log-variance. */
    public DiagonalGaussian(NDArray moments) {
        long c2 = moments.getShape().get(1);
        if (moments.getShape().dimension() != 4 || c2 % 2 != 0) {
            throw new IllegalArgumentException("posterior moments must be (N, 2C, h, w), got " + moments.getShape());
        }
        this.mean = moments.get(":, :{}", c2 / 2);
        this.logvar = moments.get(":, {}:", c2 / 2).clip(LOGVAR_MIN, LOGVAR_MAX);
    }

    /** The mean (the posterior's mode). */
    public NDArray mean() {
        return mean;
    }

    /** The clamped log-variance. */
    public NDArray logvar() {
        return logvar;
    }

    /** A reparameterised sample mean + exp(logvar / 2) * eps, eps ~ N(0, I) from the mean's manager. */
    public NDArray sample() {
        NDArray eps = mean.getManager().randomNormal(mean.getShape(), DataType.FLOAT32);
        return mean.add(Scalars.times(logvar, 0.5).exp().mul(eps));
    }

    /**
     * KL(q(z|x) || N(0, I)) per sample: 0.5 sum_{c,h,w} (mean^2 + exp(logvar) - 1 - logvar), shape (N) (LDM's
     * {@code kl()}; the loss uses the batch mean of it, times kl_weight).
     */
    public NDArray kl() {
        NDArray terms = mean.square().add(logvar.exp()).sub(logvar).sub(1f);
        return Scalars.times(terms.reshape(terms.getShape().get(0), -1).sum(new int[] {1}), 0.5);
    }
}
