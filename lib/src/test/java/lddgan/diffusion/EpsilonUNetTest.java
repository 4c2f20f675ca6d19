package lddgan.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import lddgan.generator.NcsnppGenerator;
import lddgan.nn.NetworkStats;
import org.junit.jupiter.api.Test;

/** The epsilon U-Net: the NCSN++ body without z, the class embedding, and classifier-free guidance's combination. */
class EpsilonUNetTest {
    private static final EpsilonUNetConfig SMALL = EpsilonUNetConfig.preset("eps-latent-cifar10").scaled("@test", 8, 1);

    @Test
    void parametersAreTheGeneratorsBodyWithPlainNormsPlusTimeAndClassEmbeddings() {
        EpsilonUNetConfig c = EpsilonUNetConfig.preset("eps-latent-cifar10");
        try (NDManager m = NDManager.newBaseManager()) {
            EpsilonUNet net = new EpsilonUNet(c);
            net.initialize(m, 1);
            NcsnppGenerator g = new NcsnppGenerator(c.body().withNz(50).withZEmbDim(256).withNMlp(4));
            g.initialize(m, 1);
            long unet = NetworkStats.parameterCount(net);
            long generator = NetworkStats.parameterCount(g);
            // the generator: + z mapping (276,224) + AdaGN style layers; the U-Net: + GroupNorm affine + class table
            long mapping = 50 * 256 + 256 + 4 * (256 * 256 + 256);
            long classTable = 11L * 512;
            long styleMinusAffine = 0;
            for (var p : g.getParameters()) {
                if (p.getKey().contains("style")) {
                    styleMinusAffine += p.getValue().getArray().size();
                }
            }
            long affine = 0;
            for (var p : net.getParameters()) {
                String k = p.getKey();
                if ((k.contains("norm0") || k.contains("norm1")) && (k.endsWith("gamma") || k.endsWith("beta"))) {
                    affine += p.getValue().getArray().size();
                }
            }
            System.out.printf("epsilon U-Net %,d parameters, generator %,d%n", unet, generator);
            assertEquals(generator - mapping - styleMinusAffine + affine + classTable, unet);
        }
    }

    @Test
    void guidanceCombinesTheConditionalAndUnconditionalPredictions() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            EpsilonUNet net = new EpsilonUNet(SMALL);
            net.initialize(m, 2);
            NDArray x = m.randomNormal(new Shape(2, 4, 16, 16));
            NDArray y = m.create(new int[] {3, 7});
            ParameterStore ps = new ParameterStore(m, false);
            NDArray t = m.full(new Shape(2), 500, DataType.INT32);
            NDArray cond = net.forward(ps, new NDList(x, t, y), false).singletonOrThrow();
            NDArray uncond = net.forward(ps, new NDList(x, t, m.full(new Shape(2), 10, DataType.INT32)), false)
                    .singletonOrThrow();
            assertTrue(cond.sub(uncond).abs().max().getFloat() > 0, "the label changes the prediction");
            for (double w : new double[] {0, 1, 3.5}) {
                NDArray guided = ClassifierFreeGuidance.guided(net, y, w).predict(x, 500);
                NDArray expected = uncond.add(cond.sub(uncond).mul((float) w));
                assertTrue(guided.sub(expected).abs().max().getFloat() < 1e-4, "w = " + w);
            }
            assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.guided(net, y, -1));
            assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.guided(net, y.toType(DataType.INT64, false), 1));
        }
    }

    @Test
    void anUnconditionalNetworkTakesNoLabelsAndRefusesGuidance() {
        EpsilonUNetConfig c = new EpsilonUNetConfig("u", "", 4, 16, 8, java.util.List.of(1, 2), 1, java.util.List.of(), 0, 0, 0,
                lddgan.schedule.DiscreteSchedule.Kind.LINEAR, 1000);
        try (NDManager m = NDManager.newBaseManager()) {
            EpsilonUNet net = new EpsilonUNet(c);
            net.initialize(m, 1);
            NDArray eps = ClassifierFreeGuidance.unconditional(net).predict(m.randomNormal(new Shape(1, 4, 16, 16)), 10);
            assertEquals(new Shape(1, 4, 16, 16), eps.getShape());
            assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.guided(net, m.create(new int[] {1}), 1));
        }
        assertThrows(IllegalArgumentException.class, () -> new EpsilonUNetConfig("u", "", 4, 16, 8, java.util.List.of(1, 2), 1,
                java.util.List.of(), 0, 0, 0.1, lddgan.schedule.DiscreteSchedule.Kind.LINEAR, 1000));
    }
}
