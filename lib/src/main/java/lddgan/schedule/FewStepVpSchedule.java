package lddgan.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The few-step variance-preserving schedule of DDGAN, WDDGAN and LDDGAN (DDGAN Sec. 3 and
 * Appendix; LDDGAN Sec. 4, T &lt;= 8; REFERENCE-CODE.md section 1), float32 as the reference.
 *
 * <p>Continuous times t_k = eps + (1 - eps) k / T, k = 0..T, on the VP SDE with linear
 * beta(t) = beta_min + t (beta_max - beta_min):
 *
 * <pre>
 * log_mean(t)   = -0.25 t^2 (beta_max - beta_min) - 0.5 t beta_min
 * alphaBar(t_k) = exp(2 log_mean(t_k))
 * beta_k        = 1 - alphaBar(t_k) / alphaBar(t_{k-1}),  k = 1..T;  beta_0 = 1e-8
 * sigma_k = sqrt(beta_k), sqrtAlpha_k = sqrt(1 - beta_k),
 * sqrtAlphaBar_k = prod_{j &lt;= k} sqrtAlpha_j, sqrtOneMinusAlphaBar_k = sqrt(1 - sqrtAlphaBar_k^2)
 * </pre>
 *
 * The (T+1)-long tables are indexed by k = 0..T as in the reference (k = 0 is the data, with
 * beta_0 = 1e-8 a placeholder). The {@link #posterior()} and the {@link DiffusionSchedule} view use
 * the T transitions beta_1..beta_T, indexed by the step s = 0..T-1 of the pair (x_s, x_{s+1}):
 * posterior step s turns x_{s+1} back into x_s, and s is the integer G and D receive. Immutable.
 */
public final class FewStepVpSchedule implements DiffusionSchedule {
    /** The reference's beta_0 placeholder, prepended to the T transition betas. */
    public static final float BETA_0 = 1e-8f;

    /**
     * Parameters of the schedule (reference flags {@code --beta_min --beta_max --num_timesteps}).
     *
     * @param betaMin beta(t) at t = 0; 0.1 in every reference run
     * @param betaMax beta(t) at t = 1; 20 in every reference run
     * @param numSteps T; 4 for CIFAR-10 and LSUN Church, 2 for CelebA-HQ (REFERENCE-CODE.md section 2)
     * @param eps the first time t_0; 1e-3 in the reference code
     */
    public record Config(double betaMin, double betaMax, int numSteps, double eps) {
        /** Validates the parameters. */
        public Config {
            if (!(betaMin > 0)) {
                throw new IllegalArgumentException("betaMin must be > 0, got " + betaMin);
            }
            if (!(betaMax > betaMin)) {
                throw new IllegalArgumentException("betaMax must be > betaMin (" + betaMin + "), got " + betaMax);
            }
            if (numSteps < 1) {
                throw new IllegalArgumentException("numSteps (T) must be >= 1, got " + numSteps);
            }
            if (!(eps > 0 && eps < 1)) {
                throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
            }
        }

        /** The reference values beta_min 0.1, beta_max 20, eps 1e-3 with T = {@code numSteps}. */
        public static Config reference(int numSteps) {
            return new Config(0.1, 20.0, numSteps, 1e-3);
        }

        /** A copy with another T. */
        public Config withNumSteps(int newNumSteps) {
            return new Config(betaMin, betaMax, newNumSteps, eps);
        }
    }

    private final Config config;
    private final double[] time;
    private final float[] beta;
    private final float[] sigma;
    private final float[] sqrtAlpha;
    private final float[] sqrtAlphaBar;
    private final float[] sqrtOneMinusAlphaBar;
    /** sqrtAlpha and sigma of the transition x_k -&gt; x_{k+1}, indexed by the pair's step k. */
    private final float[] transitionSqrtAlpha;
    private final float[] transitionSigma;
    private final Posterior posterior;

    /** Builds the tables of {@code config}. */
    public FewStepVpSchedule(Config config) {
        this.config = config;
        int n = config.numSteps();
        time = new double[n + 1];
        double[] alphaBar64 = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            // float64, as the reference's numpy/torch float64 time grid
            time[k] = (double) k / n * (1.0 - config.eps()) + config.eps();
            alphaBar64[k] = 1.0 - varianceVp(time[k]);
        }
        beta = new float[n + 1];
        beta[0] = BETA_0;
        for (int k = 1; k <= n; k++) {
            beta[k] = (float) (1.0 - alphaBar64[k] / alphaBar64[k - 1]); // then cast to float32
        }
        sigma = new float[n + 1];
        sqrtAlpha = new float[n + 1];
        sqrtAlphaBar = new float[n + 1];
        sqrtOneMinusAlphaBar = new float[n + 1];
        float cumulative = 1f;
        for (int k = 0; k <= n; k++) {
            sigma[k] = (float) Math.sqrt(beta[k]);
            sqrtAlpha[k] = (float) Math.sqrt(1f - beta[k]);
            cumulative *= sqrtAlpha[k];
            sqrtAlphaBar[k] = cumulative;
            sqrtOneMinusAlphaBar[k] = (float) Math.sqrt(1f - cumulative * cumulative);
        }
        transitionSqrtAlpha = Arrays.copyOfRange(sqrtAlpha, 1, n + 1);
        transitionSigma = Arrays.copyOfRange(sigma, 1, n + 1);
        posterior = Posterior.fromBetas(Arrays.copyOfRange(beta, 1, n + 1));
    }

    /** The reference schedule (beta_min 0.1, beta_max 20, eps 1e-3) with T = {@code numSteps}. */
    public static FewStepVpSchedule of(int numSteps) {
        return new FewStepVpSchedule(Config.reference(numSteps));
    }

    /** The parameters this schedule was built from. */
    public Config config() {
        return config;
    }

    @Override
    public int numSteps() {
        return config.numSteps();
    }

    /** The posterior of the T transitions beta_1..beta_T (reference {@code Posterior_Coefficients}). */
    @Override
    public Posterior posterior() {
        return posterior;
    }

    /** t_k = eps + (1 - eps) k / T, k = 0..T (reference {@code get_time_schedule}). */
    public double time(int k) {
        return time[checkLevel(k)];
    }

    /** beta_k, k = 0..T, with beta_0 = 1e-8 (reference {@code betas}). */
    public double beta(int k) {
        return beta[checkLevel(k)];
    }

    /** sqrt(beta_k), k = 0..T (reference {@code sigmas}). */
    public double sigma(int k) {
        return sigma[checkLevel(k)];
    }

    /** sqrt(1 - beta_k), k = 0..T (reference {@code a_s}). */
    public double sqrtAlpha(int k) {
        return sqrtAlpha[checkLevel(k)];
    }

    /** prod_{j &lt;= k} sqrt(1 - beta_j), the weight of x0 in x_k, k = 0..T (reference {@code a_s_cum}). */
    public double sqrtAlphaBar(int k) {
        return sqrtAlphaBar[checkLevel(k)];
    }

    /** sqrt(1 - sqrtAlphaBar_k^2), the noise scale of x_k given x0, k = 0..T (reference {@code sigmas_cum}). */
    public double sqrtOneMinusAlphaBar(int k) {
        return sqrtOneMinusAlphaBar[checkLevel(k)];
    }

    /**
     * Draws x_k ~ q(x_k | x0) = N(sqrtAlphaBar_k x0, (1 - sqrtAlphaBar_k^2) I) (DDGAN Eq. (1)
     * marginal; reference {@code q_sample}) with fresh noise from {@code x0}'s manager.
     *
     * @param x0 (N, ...) clean data
     * @param k (N,) integer levels in {0..T}
     * @return x_k, attached to {@code x0}'s manager
     */
    public NDArray qSample(NDArray x0, NDArray k) {
        try (NDManager scope = x0.getManager().newSubManager()) {
            NDArray noise = scope.randomNormal(x0.getShape(), DataType.FLOAT32);
            return qSample(x0, k, noise);
        }
    }

    /**
     * x_k = sqrtAlphaBar_k x0 + sqrtOneMinusAlphaBar_k noise with the given noise (reference
     * {@code q_sample(coeff, x_start, t, noise=noise)}).
     *
     * @return x_k, attached to {@code x0}'s manager
     */
    public NDArray qSample(NDArray x0, NDArray k, NDArray noise) {
        return CoefficientLookup.affine(sqrtAlphaBar, sqrtOneMinusAlphaBar, k, x0, noise);
    }

    /**
     * Draws a training pair with a fresh step k uniform in {0..T-1} per sample (reference
     * {@code torch.randint(0, T, (N,))}, redrawn for the generator step).
     *
     * @param x0 (N, ...) clean data
     * @return (x_k, x_{k+1}, k), all attached to {@code x0}'s manager
     */
    public TrainingPair qSamplePairs(NDArray x0) {
        NDArray step = x0.getManager().randomInteger(0, numSteps(), new Shape(x0.getShape().get(0)), DataType.INT32);
        return qSamplePairs(x0, step);
    }

    /**
     * Draws a training pair at the given steps (reference {@code q_sample_pairs}):
     * x_k ~ q(x_k | x0), then x_{k+1} = sqrtAlpha_{k+1} x_k + sigma_{k+1} noise (DDGAN Eq. (1)).
     *
     * @param x0 (N, ...) clean data
     * @param step (N,) integer steps k in {0..T-1}; returned as the pair's step
     * @return (x_k, x_{k+1}, k); x_k and x_{k+1} attached to {@code x0}'s manager
     */
    public TrainingPair qSamplePairs(NDArray x0, NDArray step) {
        NDManager out = x0.getManager();
        try (NDManager scope = out.newSubManager()) {
            // the reference draws the transition noise first, then the marginal noise
            NDArray transitionNoise = scope.randomNormal(x0.getShape(), DataType.FLOAT32);
            NDArray marginalNoise = scope.randomNormal(x0.getShape(), DataType.FLOAT32);
            NDArray xPrev = qSample(x0, step, marginalNoise);
            NDArray xt = CoefficientLookup.affine(transitionSqrtAlpha, transitionSigma, step, xPrev, transitionNoise);
            return new TrainingPair(xPrev, xt, step);
        }
    }

    /** a[index] x + b[index] noise, computed in a sub-scope, attached to {@code x}'s manager. */
    /** 1 - exp(2 log_mean(t)), the VP SDE marginal variance (reference {@code var_func_vp}), float64. */
    private double varianceVp(double t) {
        double logMean = -0.25 * (t * t) * (config.betaMax() - config.betaMin()) - 0.5 * t * config.betaMin();
        return 1.0 - Math.exp(2.0 * logMean);
    }

    private int checkLevel(int k) {
        if (k < 0 || k > numSteps()) {
            throw new IllegalArgumentException("k must be in [0, " + numSteps() + "], got " + k);
        }
        return k;
    }

    @Override
    public String toString() {
        return "FewStepVpSchedule" + config;
    }
}
