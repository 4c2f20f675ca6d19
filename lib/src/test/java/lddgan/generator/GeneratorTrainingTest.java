package lddgan.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import lddgan.discriminator.Discriminator;
import lddgan.discriminator.DiscriminatorConfig;
import org.junit.jupiter.api.Test;

/** Gradients flow from D's logits through G to every parameter of both (training-mode forward). */
class GeneratorTrainingTest {

    @Test
    void gradientsReachEveryParameter() {
        GeneratorConfig gc = GeneratorConfig.preset(GeneratorConfig.LDDGAN_CIFAR10).withNf(8);
        DiscriminatorConfig dc = DiscriminatorConfig.preset(GeneratorConfig.LDDGAN_CIFAR10).withNgf(4);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            NcsnppGenerator g = new NcsnppGenerator(gc);
            Discriminator d = new Discriminator(dc);
            g.initialize(m, 2);
            d.initialize(m, 2);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray xt = m.randomNormal(gc.xShape(2));
            NDArray t = m.create(new int[] {1, 2});
            NDArray z = m.randomNormal(new Shape(2, gc.nz()));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x0 = g.forward(ps, new NDList(xt, t, z), true).singletonOrThrow();
                NDArray logits = d.forward(ps, new NDList(x0, t, xt), true).singletonOrThrow();
                collector.backward(logits.neg().exp().add(1).log().mean());
            }
            for (var block : java.util.List.of(g, d)) {
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray grad = p.getValue().getArray().getGradient();
                    assertTrue(grad.isInfinite().logicalOr(grad.isNaN()).sum().getLong() == 0, p.getKey() + " gradient finite");
                }
            }
            // the head convolution (near-zero init) must receive a non-zero gradient
            NDArray headGrad = g.getParameters().stream().filter(p -> p.getKey().endsWith("head_conv_weight"))
                    .findFirst().orElseThrow().getValue().getArray().getGradient();
            assertTrue(headGrad.abs().sum().getFloat() > 0, "head conv gradient");
        }
    }
}
