package lddgan.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The posterior q(x_{t-1} | x_t, x0) = N(coef1_s x0 + coef2_s x_t, variance_s I) of a discrete
 * diffusion with per-step variances beta_s (DDPM Eq. (6)-(7); DDGAN Sec. 3; LDDGAN Algorithm 1),
 * computed in float32 exactly as the reference code (REFERENCE-CODE.md section 1):
 *
 * <pre>
 * alpha_s         = 1 - beta_s
 * alphaBar_s      = prod_{r &lt;= s} alpha_r
 * alphaBarPrev_s  = alphaBar_{s-1}   (1 at s = 0)
 * coef1_s         = beta_s sqrt(alphaBarPrev_s) / (1 - alphaBar_s)
 * coef2_s         = (1 - alphaBarPrev_s) sqrt(alpha_s) / (1 - alphaBar_s)
 * variance_s      = beta_s (1 - alphaBarPrev_s) / (1 - alphaBar_s)
 * logVariance_s   = log(max(variance_s, 1e-20))
 * </pre>
 *
 * Tables are indexed by the sampler step s = 0..T-1 (x_t has signal power alphaBar_s). One deviation
 * from the reference's float32 bits: at s = 0 the denominator 1 - alphaBar_0 is taken as beta_0
 * (its exact value), so coef1_0 = 1 and coef2_0 = variance_0 = 0 exactly (the reference gets
 * coef1_0 = 1.0000001 at T = 4). Immutable.
 */
public final class Posterior {
    private static final float MIN_VARIANCE = 1e-20f;

    private final float[] beta;
    private final float[] alpha;
    private final float[] alphaBar;
    private final float[] alphaBarPrev;
    private final float[] coef1;
    private final float[] coef2;
    private final float[] variance;
    private final float[] logVarianceClipped;
    /** [s &gt; 0] exp(logVariance_s / 2): the noise scale of {@link #samplePosterior}. */
    private final float[] sampleStd;

    private Posterior(float[] betas) {
        int n = betas.length;
        beta = betas.clone();
        alpha = new float[n];
        alphaBar = new float[n];
        alphaBarPrev = new float[n];
        coef1 = new float[n];
        coef2 = new float[n];
        variance = new float[n];
        logVarianceClipped = new float[n];
        sampleStd = new float[n];
        float cumulative = 1f;
        for (int s = 0; s < n; s++) {
            // float32 arithmetic in the reference's order of operations
            alpha[s] = 1f - beta[s];
            alphaBarPrev[s] = cumulative;
            cumulative *= alpha[s];
            alphaBar[s] = cumulative;
            // 1 - alphaBar_0 is beta_0 exactly; the float32 1 - (1 - beta_0) of the reference is off by an
            // ulp (coef1_0 = 1.0000001 at T = 4), or 0 for a tiny beta_0. Using beta_0 makes step 0 exact:
            // coef1_0 = 1, coef2_0 = 0, variance_0 = 0, so the last sampler step returns x0' itself.
            float oneMinusAlphaBar = s == 0 ? beta[0] : 1f - alphaBar[s];
            coef1[s] = beta[s] * sqrt(alphaBarPrev[s]) / oneMinusAlphaBar;
            coef2[s] = (1f - alphaBarPrev[s]) * sqrt(alpha[s]) / oneMinusAlphaBar;
            variance[s] = beta[s] * (1f - alphaBarPrev[s]) / oneMinusAlphaBar;
            logVarianceClipped[s] = (float) Math.log(Math.max(variance[s], MIN_VARIANCE));
            sampleStd[s] = s == 0 ? 0f : (float) Math.exp(0.5f * logVarianceClipped[s]);
        }
    }

    /**
     * The posterior of the transitions with variances {@code betas} (beta_s of x_{t-1} -&gt; x_t,
     * s = 0..T-1; DDPM Eq. (2)).
     *
     * @throws IllegalArgumentException when {@code betas} is empty or a value is outside (0, 1]
     */
    public static Posterior fromBetas(float[] betas) {
        if (betas == null || betas.length == 0) {
            throw new IllegalArgumentException("betas must hold at least one step");
        }
        for (int s = 0; s < betas.length; s++) {
            if (!(betas[s] > 0f && betas[s] <= 1f)) {
                throw new IllegalArgumentException("beta[" + s + "] must be in (0, 1], got " + betas[s]);
            }
        }
        return new Posterior(betas);
    }

    /** The number of steps T. */
    public int numSteps() {
        return beta.length;
    }

    /** beta_s, variance of the transition into step s (reference: {@code betas[1:]}). */
    public double beta(int step) {
        return beta[check(step)];
    }

    /** alpha_s = 1 - beta_s. */
    public double alpha(int step) {
        return alpha[check(step)];
    }

    /** alpha-bar_s = prod_{r &lt;= s} alpha_r, the signal power of x_t at step s (DDPM Eq. (4)). */
    public double alphaBar(int step) {
        return alphaBar[check(step)];
    }

    /** alpha-bar_{s-1}, with alpha-bar_{-1} = 1 (the clean data). */
    public double alphaBarPrev(int step) {
        return alphaBarPrev[check(step)];
    }

    /** coef1_s = beta_s sqrt(alphaBarPrev_s) / (1 - alphaBar_s), the weight of x0 (DDPM Eq. (7)). */
    public double coef1(int step) {
        return coef1[check(step)];
    }

    /** coef2_s = (1 - alphaBarPrev_s) sqrt(alpha_s) / (1 - alphaBar_s), the weight of x_t (DDPM Eq. (7)). */
    public double coef2(int step) {
        return coef2[check(step)];
    }

    /** variance_s = beta_s (1 - alphaBarPrev_s) / (1 - alphaBar_s) (DDPM Eq. (7), beta-tilde). */
    public double variance(int step) {
        return variance[check(step)];
    }

    /** log(max(variance_s, 1e-20)), the reference's {@code posterior_log_variance_clipped}. */
    public double logVarianceClipped(int step) {
        return logVarianceClipped[check(step)];
    }

    /**
     * The posterior mean coef1_s x0 + coef2_s x_t (DDPM Eq. (7)), per sample.
     *
     * @param x0 (N, ...) the clean sample or its prediction x0'
     * @param xt (N, ...) the noisier sample x_t
     * @param step (N,) integer sampler steps in {0..T-1}
     * @return (N, ...) attached to {@code xt}'s manager
     */
    public NDArray posteriorMean(NDArray x0, NDArray xt, NDArray step) {
        checkSameShape(x0, xt);
        NDManager out = xt.getManager();
        try (NDManager scope = out.newSubManager()) {
            NDArray mean = mean(x0, xt, step, scope);
            mean.attach(out);
            return mean;
        }
    }

    /** {@link #posteriorMean(NDArray, NDArray, NDArray)} with the same step for every sample. */
    public NDArray posteriorMean(NDArray x0, NDArray xt, int step) {
        try (NDManager scope = xt.getManager().newSubManager()) {
            return posteriorMean(x0, xt, fullStep(scope, xt, step));
        }
    }

    /**
     * Draws x_{t-1} ~ q(x_{t-1} | x_t, x0): mean + [s &gt; 0] exp(logVariance_s / 2) noise (reference
     * {@code sample_posterior}; LDDGAN Algorithm 1, line "x_{t-1} ~ q(x_{t-1} | x_t, x0')"). No noise
     * at s = 0; the noise is drawn from {@code xt}'s manager (seed with
     * {@code Engine.getInstance().setRandomSeed}).
     *
     * @param x0 (N, ...) the clean sample or its prediction x0'
     * @param xt (N, ...) the noisier sample x_t
     * @param step (N,) integer sampler steps in {0..T-1}
     * @return x_{t-1}, (N, ...) attached to {@code xt}'s manager
     */
    public NDArray samplePosterior(NDArray x0, NDArray xt, NDArray step) {
        checkSameShape(x0, xt);
        NDManager out = xt.getManager();
        try (NDManager scope = out.newSubManager()) {
            NDArray mean = mean(x0, xt, step, scope);
            NDArray std = CoefficientLookup.extract(sampleStd, step, xt, scope);
            NDArray noise = scope.randomNormal(xt.getShape(), DataType.FLOAT32);
            NDArray xPrev = mean.add(std.mul(noise));
            xPrev.attach(out);
            return xPrev;
        }
    }

    /** {@link #samplePosterior(NDArray, NDArray, NDArray)} with the same step for every sample. */
    public NDArray samplePosterior(NDArray x0, NDArray xt, int step) {
        try (NDManager scope = xt.getManager().newSubManager()) {
            return samplePosterior(x0, xt, fullStep(scope, xt, step));
        }
    }

    private NDArray mean(NDArray x0, NDArray xt, NDArray step, NDManager scope) {
        NDArray c1 = CoefficientLookup.extract(coef1, step, xt, scope);
        NDArray c2 = CoefficientLookup.extract(coef2, step, xt, scope);
        return c1.mul(x0).add(c2.mul(xt));
    }

    private NDArray fullStep(NDManager scope, NDArray like, int step) {
        check(step);
        return scope.full(new Shape(like.getShape().get(0)), step, DataType.INT32);
    }

    private int check(int step) {
        return CoefficientLookup.checkStep(step, beta.length);
    }

    private static void checkSameShape(NDArray x0, NDArray xt) {
        if (!x0.getShape().equals(xt.getShape())) {
            throw new IllegalArgumentException("x0 " + x0.getShape() + " and xt " + xt.getShape()
                    + " must have the same shape");
        }
    }

    private static float sqrt(float v) {
        return (float) Math.sqrt(v);
    }
}
