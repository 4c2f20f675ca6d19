package lddgan.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * The standard many-step discrete schedules of Gaussian diffusion (DDPM, Ho et al. 2020; improved DDPM, Nichol &amp;
 * Dhariwal 2021; LDM, Rombach et al. 2022), the baselines of LDDGAN Table 3 (DDPM 1000 NFE, DDIM 50 NFE):
 *
 * <ul>
 *   <li>{@link Kind#LINEAR}: beta_t = linspace(1e-4, 0.02, T) (DDPM Sec. 4);
 *   <li>{@link Kind#SCALED_LINEAR}: beta_t = linspace(sqrt(0.00085), sqrt(0.012), T)^2 (LDM's latent diffusion);
 *   <li>{@link Kind#COSINE}: alphaBar(t) = cos^2(((t / T) + 0.008) / 1.008 * pi / 2), beta_t = min(1 -
 *       alphaBar(t + 1) / alphaBar(t), 0.999) (improved DDPM Eq. (17)).
 *   <li>{@link Kind#SIGMOID}: alphaBar(u) = (sigmoid(e / tau) - sigmoid((u (e - s) + s) / tau)) / (sigmoid(e / tau) -
 *       sigmoid(s / tau)), s = -3, e = 3, tau = 1, clipped below at 1e-9 (Chen 2023, "On the Importance of Noise
 *       Scheduling for Diffusion Models", Algorithm 1, its default end points), betas from it as the cosine's.
 * </ul>
 *
 * Tables are float32, indexed by the timestep t = 0..T-1 (diffusers' convention and this package's sampler step: x_t
 * has signal power alphaBar_t = prod_{s &lt;= t} (1 - beta_s)). The forward process is
 * x_t = sqrt(alphaBar_t) x0 + sqrt(1 - alphaBar_t) eps (DDPM Eq. (4)).
 */
public final class DiscreteSchedule implements DiffusionSchedule {
    /** The schedule families. */
    public enum Kind {
        /** DDPM's linear betas 1e-4 .. 0.02. */
        LINEAR,
        /** LDM's betas, linear in sqrt(beta) from sqrt(0.00085) to sqrt(0.012). */
        SCALED_LINEAR,
        /** Improved DDPM's cosine alpha-bar with offset 0.008, betas capped at 0.999. */
        COSINE,
        /** Chen (2023)'s sigmoid alpha-bar over [-3, 3] with temperature 1, betas capped at 0.999. */
        SIGMOID
    }

    /** The number of steps the baselines train with. */
    public static final int DEFAULT_STEPS = 1000;
    /** The cosine schedule's offset s. */
    public static final double COSINE_OFFSET = 0.008;
    /** The cosine schedule's cap on beta (the sigmoid schedule's too). */
    public static final double COSINE_MAX_BETA = 0.999;
    /** The sigmoid schedule's start s. */
    public static final double SIGMOID_START = -3;
    /** The sigmoid schedule's end e. */
    public static final double SIGMOID_END = 3;
    /** The sigmoid schedule's temperature tau. */
    public static final double SIGMOID_TAU = 1;
    /** The sigmoid schedule's lower clip of alphaBar. */
    public static final double SIGMOID_CLIP = 1e-9;

    private final Kind kind;
    private final Posterior posterior;
    private final float[] sqrtAlphaBar;
    private final float[] sqrtOneMinusAlphaBar;

    private DiscreteSchedule(Kind kind, float[] betas) {
        this.kind = kind;
        this.posterior = Posterior.fromBetas(betas);
        int n = betas.length;
        sqrtAlphaBar = new float[n];
        sqrtOneMinusAlphaBar = new float[n];
        for (int t = 0; t < n; t++) {
            sqrtAlphaBar[t] = (float) Math.sqrt(posterior.alphaBar(t));
            sqrtOneMinusAlphaBar[t] = (float) Math.sqrt(1.0 - posterior.alphaBar(t));
        }
    }

    /**
     * A schedule of the given family.
     *
     * @param numSteps T (1000 for the baselines)
     * @throws IllegalArgumentException when T &lt; 2
     */
    public static DiscreteSchedule of(Kind kind, int numSteps) {
        if (numSteps < 2) {
            throw new IllegalArgumentException("a discrete schedule needs at least 2 steps, got " + numSteps);
        }
        return new DiscreteSchedule(kind, betas(kind, numSteps));
    }

    /** The betas of a family, float32 as PyTorch computes them ({@code torch.linspace} in float32). */
    static float[] betas(Kind kind, int n) {
        float[] betas = new float[n];
        switch (kind) {
            case LINEAR -> linspace(1e-4, 0.02, betas, false);
            case SCALED_LINEAR -> linspace(Math.sqrt(0.00085), Math.sqrt(0.012), betas, true);
            case COSINE -> fromAlphaBar(DiscreteSchedule::cosineAlphaBar, betas);
            case SIGMOID -> fromAlphaBar(DiscreteSchedule::sigmoidAlphaBar, betas);
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        return betas;
    }

    /** beta_t = min(1 - alphaBar((t + 1) / T) / alphaBar(t / T), 0.999) from a continuous alphaBar(u). */
    private static void fromAlphaBar(java.util.function.DoubleUnaryOperator alphaBar, float[] out) {
        int n = out.length;
        for (int t = 0; t < n; t++) {
            double ratio = alphaBar.applyAsDouble((t + 1) / (double) n) / alphaBar.applyAsDouble(t / (double) n);
            out[t] = (float) Math.min(1 - ratio, COSINE_MAX_BETA);
        }
    }

    private static void linspace(double start, double end, float[] out, boolean squared) {
        int n = out.length;
        for (int i = 0; i < n; i++) {
            double v = start + (end - start) * i / (n - 1);
            out[i] = squared ? (float) v * (float) v : (float) v;
        }
    }

    /** The cosine schedule's alphaBar(u) = cos^2((u + s) / (1 + s) * pi / 2) for u = t / T in [0, 1]. */
    public static double cosineAlphaBar(double u) {
        double c = Math.cos((u + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
        return c * c;
    }

    /**
     * The sigmoid schedule's alphaBar(u) for u = t / T in [0, 1]: 1 at u = 0, 1/2 at u = 1/2 (the curve is symmetric
     * about it), clipped at 1e-9 near u = 1.
     */
    public static double sigmoidAlphaBar(double u) {
        double vStart = sigmoid(SIGMOID_START / SIGMOID_TAU);
        double vEnd = sigmoid(SIGMOID_END / SIGMOID_TAU);
        double v = sigmoid((u * (SIGMOID_END - SIGMOID_START) + SIGMOID_START) / SIGMOID_TAU);
        return Math.max((vEnd - v) / (vEnd - vStart), SIGMOID_CLIP);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The family. */
    public Kind kind() {
        return kind;
    }

    /** {@inheritDoc} */
    @Override
    public int numSteps() {
        return posterior.numSteps();
    }

    /** {@inheritDoc} */
    @Override
    public Posterior posterior() {
        return posterior;
    }

    /** alphaBar_t. */
    public double alphaBar(int t) {
        return posterior.alphaBar(t);
    }

    /**
     * x_t = sqrt(alphaBar_t) x0 + sqrt(1 - alphaBar_t) noise (DDPM Eq. (4)), per sample.
     *
     * @param x0 (N, ...) clean data
     * @param t (N,) integer timesteps in {0..T-1}
     * @param noise (N, ...) standard normal noise
     * @return x_t, attached to {@code x0}'s manager
     */
    public NDArray qSample(NDArray x0, NDArray t, NDArray noise) {
        return CoefficientLookup.affine(sqrtAlphaBar, sqrtOneMinusAlphaBar, t, x0, noise);
    }

    /**
     * The clean sample implied by an epsilon prediction: x0' = (x_t - sqrt(1 - alphaBar_t) eps) / sqrt(alphaBar_t)
     * (DDPM Eq. (15)).
     *
     * @param xt (N, ...) the noisy sample
     * @param eps (N, ...) the predicted noise
     * @param t the timestep of every sample
     * @return x0', attached to {@code xt}'s manager
     */
    public NDArray predictX0(NDArray xt, NDArray eps, int t) {
        float a = sqrtAlphaBar[CoefficientLookup.checkStep(t, numSteps())];
        NDManager out = xt.getManager();
        try (NDManager scope = out.newSubManager()) {
            NDArray x0 = xt.sub(eps.mul(scope.full(new Shape(), sqrtOneMinusAlphaBar[t]))).div(scope.full(new Shape(), a));
            x0.attach(out);
            return x0;
        }
    }

    /** Uniform timesteps in {0..T-1}, one per sample, from {@code manager} (the training objective's t). */
    public NDArray randomSteps(NDManager manager, long batch) {
        return manager.randomInteger(0, numSteps(), new Shape(batch), DataType.INT32);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s schedule, T = %d, beta %.3g .. %.3g", kind.name().toLowerCase(Locale.ROOT),
                numSteps(), posterior.beta(0), posterior.beta(numSteps() - 1));
    }
}
