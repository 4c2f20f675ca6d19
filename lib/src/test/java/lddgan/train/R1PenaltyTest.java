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
import lddgan.discriminator.Discriminator;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.loss.R1Penalty;
import org.junit.jupiter.api.Test;

/**
 * R1's parameter gradient ({@link R1Penalty}, as {@link GanTrainer} applies it through {@link DiscriminatorCritic})
 * on a small discriminator against two independent computations: double backpropagation
 * on D's own parameters with the gradients zeroed between the passes (the known-correct, leaking way), and a
 * central finite difference of the penalty in the weights of D's last linear layer, in which P is exactly quadratic.
 */
class R1PenaltyTest {
    private static final int BATCH = 8;
    private static final double GAMMA = 2.0;
    private static final DiscriminatorConfig CONFIG = DiscriminatorConfig.preset("lddgan-cifar10").withNgf(8).withResolution(8);

    @Test
    void gradientMatchesDoubleBackpropOnTheParametersThemselves() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Fixture f = new Fixture(m);
            double[] referencePenalty = new double[1];
            float[] reference = persistentDoubleBackprop(f, referencePenalty);
            for (double relativeStep : new double[] {1e-1, R1Penalty.DEFAULT_RELATIVE_STEP, 1e-3}) {
                zeroGradients(f.d);
                double penalty;
                try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    penalty = new R1Penalty(relativeStep).accumulate(new DiscriminatorCritic(f.d), f.xPrev, f.k, f.xt, GAMMA, BATCH, c);
                }
                double error = relativeError(flatGradients(f.d), reference);
                System.out.printf("R1 finite difference, RMS step %.0e: relative difference to double backprop %.3e%n",
                        relativeStep, error);
                assertEquals(referencePenalty[0], penalty, 1e-5 * Math.abs(penalty));
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
            Fixture f = new Fixture(m);
            zeroGradients(f.d);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                new R1Penalty().accumulate(new DiscriminatorCritic(f.d), f.xPrev, f.k, f.xt, GAMMA, BATCH, c);
            }
            int last = f.d.names().indexOf(f.d.names().stream().filter(n -> n.contains("end_linear") && n.endsWith("weight"))
                    .findFirst().orElseThrow());
            NDArray w = f.d.arrays().get(last);
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

    /** P with the j-th end weight moved by delta (P is quadratic in these weights: central differences are exact). */
    private static double penaltyAt(Fixture f, NDArray w, float[] values, int j, double delta) {
        float[] moved = values.clone();
        moved[j] += (float) delta;
        w.set(moved);
        try (NDManager scope = f.xPrev.getManager().newSubManager()) {
            NDArray x = f.xPrev.duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            f.d.setTrainable(false);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(f.d.forward(x, f.k, f.xt).sum());
            } finally {
                f.d.setTrainable(true);
            }
            NDArray g = x.getGradient();
            g.attach(scope);
            return GAMMA / 2 * g.toType(DataType.FLOAT64, false).square().sum().getDouble() / BATCH;
        }
    }

    /** Double backprop on D's own parameters, gradients zeroed between the passes (correct, but leaks). */
    private static float[] persistentDoubleBackprop(Fixture f, double[] penalty) {
        zeroGradients(f.d);
        try (NDManager scope = f.xPrev.getManager().newSubManager()) {
            NDArray x = f.xPrev.duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray out = f.d.forward(x, f.k, f.xt).sum();
                JniUtils.backward((PtNDArray) out, (PtNDArray) scope.ones(out.getShape()), true, true);
                NDArray g = x.getGradient();
                zeroGradients(f.d);
                NDArray p = lddgan.nn.Scalars.times(g.square().sum(), GAMMA / 2 / BATCH);
                penalty[0] = p.getFloat();
                c.backward(p);
            }
            return flatGradients(f.d);
        }
    }

    /** A small D whose last convolution is not zero (so every path carries gradient) and a batch of real pairs. */
    private static final class Fixture {
        final Network d;
        final NDArray xPrev;
        final NDArray xt;
        final NDArray k;

        Fixture(NDManager m) {
            Engine.getInstance().setRandomSeed(3);
            Discriminator block = new Discriminator(CONFIG);
            block.initialize(m, BATCH);
            block.getParameters().forEach(p -> {
                if (p.getKey().contains("final_conv") && p.getKey().endsWith("weight")) {
                    p.getValue().getArray().addi(m.randomNormal(p.getValue().getArray().getShape()).muli(0.05f));
                }
            });
            d = new Network("discriminator", block, m, List.of(Device.cpu()), 0.5, 0.9);
            xPrev = m.randomUniform(-1f, 1f, CONFIG.xShape(BATCH));
            xt = m.randomNormal(CONFIG.xShape(BATCH));
            k = m.create(new int[] {0, 1, 2, 3, 0, 1, 2, 3});
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
