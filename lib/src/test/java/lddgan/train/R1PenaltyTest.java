package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Locale;
import lddgan.discriminator.Discriminator;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.loss.R1Penalty;
import lddgan.schedule.FewStepVpSchedule;
import lddgan.schedule.TrainingPair;
import org.junit.jupiter.api.Test;

/**
 * R1's parameter gradient ({@link R1Penalty}, as {@link GanTrainer} applies it through {@link DiscriminatorCritic})
 * against two independent computations: double backpropagation on D's own parameters with the gradients zeroed
 * between the passes (exact up to float32 rounding; possible in DJL through {@code JniUtils.backward(.., createGraph)},
 * but it leaks native memory, so training cannot use it), and a central finite difference of the penalty in the
 * weights of D's last linear layer, in which P is exactly quadratic. The error of the central difference is measured
 * on a small D with inputs in [-1, 1] and on the production discriminator (LDDGAN CIFAR-10, ngf 64, 7.63 M
 * parameters) on real pairs of latents at the latent's scale (x0 of standard deviation 0.1, notebook 01's latent
 * divided by its largest value), for a range of steps h.
 */
class R1PenaltyTest {
    private static final int BATCH = 8;
    private static final double GAMMA = 2.0;
    private static final DiscriminatorConfig CONFIG = DiscriminatorConfig.preset("lddgan-cifar10").withNgf(8).withResolution(8);
    /** The per-element RMS steps h of the measurement, largest first. */
    private static final double[] STEPS = {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4};
    /** The relative error the default step must stay under on the production discriminator at the latent's scale. */
    private static final double PRODUCTION_BOUND = 1e-3;

    @Test
    void centralDifferenceErrorOnTheProductionDiscriminatorAtTheLatentScale() {
        DiscriminatorConfig production = DiscriminatorConfig.preset("lddgan-cifar10");
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            // as the trainer draws them: x0 of std 0.1, x_k = q(x_k | x0) (noisier for larger k)
            measureSteps("real pairs (x_k, x_{k+1}) of latents x0 ~ N(0, 0.1^2)", Fixture.latentPairs(m, production, 0.1f));
            // x_k itself at the latent's scale
            measureSteps("x_k ~ N(0, 0.1^2), x_{k+1} ~ N(0, 1)", Fixture.scaled(m, production, 0.1f));
        }
    }

    /**
     * The relative error of R1's parameter gradient at each step of {@link #STEPS} against double backpropagation, as
     * a table; the default step must be under {@link #PRODUCTION_BOUND} and within a factor 2 of the best step.
     */
    private static void measureSteps(String inputs, Fixture f) {
        double[] referencePenalty = new double[1];
        float[] reference = persistentDoubleBackprop(f, referencePenalty);
        System.out.printf(Locale.ROOT, "R1 on the production D (ngf %d, %,d parameters), %s (x_k std %.3f), batch %d:%n",
                f.config().ngf(), reference.length, inputs,
                f.xPrev().toType(DataType.FLOAT64, false).square().mean().sqrt().getDouble(), BATCH);
        System.out.println("  h (RMS step per element)   relative L2 error of dP/dtheta vs double backprop");
        double best = Double.POSITIVE_INFINITY;
        double atDefault = Double.NaN;
        for (double h : STEPS) {
            double error = centralDifferenceError(f, h, reference, referencePenalty[0]);
            System.out.printf(Locale.ROOT, "  %-26.0e %.3e%s%n", h, error, h == R1Penalty.DEFAULT_RELATIVE_STEP ? "  (default)" : "");
            best = Math.min(best, error);
            if (h == R1Penalty.DEFAULT_RELATIVE_STEP) {
                atDefault = error;
            }
        }
        assertTrue(norm(reference) > 0, "the gradient is not trivially zero");
        assertTrue(atDefault < PRODUCTION_BOUND, "relative error " + atDefault + " at the default step");
        assertTrue(atDefault <= 2 * best, "default step's error " + atDefault + " vs the best measured " + best);
    }

    @Test
    void gradientMatchesDoubleBackpropOnTheParametersThemselves() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Fixture f = Fixture.small(m);
            double[] referencePenalty = new double[1];
            float[] reference = persistentDoubleBackprop(f, referencePenalty);
            for (double relativeStep : new double[] {1e-1, R1Penalty.DEFAULT_RELATIVE_STEP, 1e-3}) {
                double error = centralDifferenceError(f, relativeStep, reference, referencePenalty[0]);
                System.out.printf("R1 finite difference, small D, RMS step %.0e: relative difference to double backprop %.3e%n",
                        relativeStep, error);
                if (relativeStep == R1Penalty.DEFAULT_RELATIVE_STEP) {
                    assertTrue(error < 1e-3, "relative error " + error + " at the default step");
                }
            }
            assertTrue(norm(reference) > 0, "the gradient is not trivially zero");
        }
    }

    @Test
    void gradientMatchesAFiniteDifferenceInTheLastLayer() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Fixture f = Fixture.small(m);
            zeroGradients(f.d());
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                new R1Penalty().accumulate(new DiscriminatorCritic(f.d()), f.xPrev(), f.k(), f.xt(), GAMMA, BATCH, c);
            }
            int last = f.d().names().indexOf(f.d().names().stream().filter(n -> n.contains("end_linear") && n.endsWith("weight"))
                    .findFirst().orElseThrow());
            NDArray w = f.d().arrays().get(last);
            float[] analytic = w.getGradient().toFloatArray();
            float[] values = w.toFloatArray();
            double eps = 1e-2;
            double maxError = 0;
            double maxGrad = 0;
            for (int j = 0; j < values.length; j += Math.max(1, values.length / 16)) {
                double plus = penaltyAt(f, w, values, j, eps);
                double minus = penaltyAt(f, w, values, j, -eps);
                w.set(m.create(values).reshape(w.getShape()).toFloatArray());
                double numeric = (plus - minus) / (2 * eps);
                maxError = Math.max(maxError, Math.abs(numeric - analytic[j]));
                maxGrad = Math.max(maxGrad, Math.abs(analytic[j]));
            }
            System.out.printf("R1 last-layer finite difference: max abs error %.3e, max |grad| %.3e%n", maxError, maxGrad);
            assertTrue(maxGrad > 0);
            assertTrue(maxError < 1e-3 * maxGrad + 1e-9, "max error " + maxError + " vs max gradient " + maxGrad);
        }
    }

    /**
     * The relative L2 difference between R1's parameter gradient with RMS step {@code relativeStep} and the exact one;
     * the penalty's value must equal the exact one (it comes from the same first-order input gradient).
     */
    private static double centralDifferenceError(Fixture f, double relativeStep, float[] reference, double referencePenalty) {
        zeroGradients(f.d());
        double penalty;
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            penalty = new R1Penalty(relativeStep).accumulate(new DiscriminatorCritic(f.d()), f.xPrev(), f.k(), f.xt(), GAMMA, BATCH, c);
        }
        assertEquals(referencePenalty, penalty, 1e-5 * Math.abs(penalty));
        return relativeError(flatGradients(f.d()), reference);
    }

    /** P with the j-th end weight moved by delta (P is quadratic in these weights: central differences are exact). */
    private static double penaltyAt(Fixture f, NDArray w, float[] values, int j, double delta) {
        float[] moved = values.clone();
        moved[j] += (float) delta;
        w.set(moved);
        try (NDManager scope = f.xPrev().getManager().newSubManager()) {
            NDArray x = f.xPrev().duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            f.d().setTrainable(false);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(f.d().forward(x, f.k(), f.xt()).sum());
            } finally {
                f.d().setTrainable(true);
            }
            NDArray g = x.getGradient();
            g.attach(scope);
            return GAMMA / 2 * g.toType(DataType.FLOAT64, false).square().sum().getDouble() / BATCH;
        }
    }

    /** Double backprop on D's own parameters, gradients zeroed between the passes (correct, but leaks). */
    private static float[] persistentDoubleBackprop(Fixture f, double[] penalty) {
        zeroGradients(f.d());
        try (NDManager scope = f.xPrev().getManager().newSubManager()) {
            NDArray x = f.xPrev().duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray out = f.d().forward(x, f.k(), f.xt()).sum();
                JniUtils.backward((PtNDArray) out, (PtNDArray) scope.ones(out.getShape()), true, true);
                NDArray g = x.getGradient();
                zeroGradients(f.d());
                NDArray p = lddgan.nn.Scalars.times(g.square().sum(), GAMMA / 2 / BATCH);
                penalty[0] = p.getFloat();
                c.backward(p);
            }
            return flatGradients(f.d());
        }
    }

    /** A D whose last convolution is not zero (so every path carries gradient) and a batch of real pairs. */
    private record Fixture(DiscriminatorConfig config, Network d, NDArray xPrev, NDArray xt, NDArray k) {
        /** The small D, x_k uniform in [-1, 1], x_{k+1} standard normal, k = 0..3 twice. */
        static Fixture small(NDManager m) {
            Network d = discriminator(m, CONFIG);
            return new Fixture(CONFIG, d, m.randomUniform(-1f, 1f, CONFIG.xShape(BATCH)), m.randomNormal(CONFIG.xShape(BATCH)),
                    m.create(new int[] {0, 1, 2, 3, 0, 1, 2, 3}));
        }

        /** Real pairs (x_k, x_{k+1}) of the T = 4 schedule from x0 ~ N(0, scale^2), as the GAN trainer draws them. */
        static Fixture latentPairs(NDManager m, DiscriminatorConfig config, float scale) {
            Network d = discriminator(m, config);
            NDArray x0 = m.randomNormal(config.xShape(BATCH)).muli(scale);
            TrainingPair pair = FewStepVpSchedule.of(4).qSamplePairs(x0, m.create(new int[] {0, 1, 2, 3, 0, 1, 2, 3}));
            return new Fixture(config, d, pair.xPrev(), pair.xt(), pair.step());
        }

        /** x_k ~ N(0, scale^2) and x_{k+1} ~ N(0, 1), k = 0..3 twice. */
        static Fixture scaled(NDManager m, DiscriminatorConfig config, float scale) {
            Network d = discriminator(m, config);
            return new Fixture(config, d, m.randomNormal(config.xShape(BATCH)).muli(scale), m.randomNormal(config.xShape(BATCH)),
                    m.create(new int[] {0, 1, 2, 3, 0, 1, 2, 3}));
        }

        private static Network discriminator(NDManager m, DiscriminatorConfig config) {
            Engine.getInstance().setRandomSeed(3);
            Discriminator block = new Discriminator(config);
            block.initialize(m, BATCH);
            block.getParameters().forEach(p -> {
                if (p.getKey().contains("final_conv") && p.getKey().endsWith("weight")) {
                    p.getValue().getArray().addi(m.randomNormal(p.getValue().getArray().getShape()).muli(0.05f));
                }
            });
            return new Network("discriminator", block, m, List.of(Device.cpu()), 0.5, 0.9);
        }
    }

    static void zeroGradients(Network d) {
        for (NDArray a : d.arrays()) {
            NDArray g = a.getGradient();
            g.subi(g);
            g.close();
        }
    }

    static float[] flatGradients(Network d) {
        int total = 0;
        for (NDArray a : d.arrays()) {
            total += (int) a.size();
        }
        float[] out = new float[total];
        int at = 0;
        for (NDArray a : d.arrays()) {
            NDArray g = a.getGradient();
            float[] v = g.toFloatArray();
            g.close();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static double norm(float[] a) {
        double n = 0;
        for (float v : a) {
            n += v * (double) v;
        }
        return Math.sqrt(n);
    }

    private static double relativeError(float[] a, float[] b) {
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(diff) / norm(b);
    }
}
