package lddgan.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import lddgan.nn.Resample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator's forward contract at narrow widths: shapes, determinism, z dependence, validation. */
class GeneratorForwardTest {

    /** Narrow copies of the presets keep the suite fast; the layout is the preset's. */
    static final int NARROW_NF = 8;

    /** The paper's presets and the compression study's (4x8x8 and 4x4x4 latents). */
    static java.util.List<String> presets() {
        return GeneratorConfig.ALL;
    }

    private static NDList inputs(NDManager m, GeneratorConfig c, int n) {
        NDArray x = m.randomUniform(-1f, 1f, c.xShape(n));
        NDArray t = m.create(new int[] {0, 3}).get(":" + n);
        NDArray z = m.randomNormal(new Shape(n, c.nz()));
        return new NDList(x, t, z);
    }

    private static float[] run(NcsnppGenerator g, NDManager m, NDList in) {
        return g.forward(new ParameterStore(m, false), in, false).singletonOrThrow().toFloatArray();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void outputHasTheShapeOfX(String preset) {
        GeneratorConfig c = GeneratorConfig.preset(preset).withNf(NARROW_NF);
        NcsnppGenerator g = new NcsnppGenerator(c);
        try (NDManager m = NDManager.newBaseManager()) {
            int n = c.resolution() > 64 ? 1 : 2;
            g.initialize(m, n);
            NDList in = inputs(m, c, n);
            NDArray out = g.forward(new ParameterStore(m, false), in, false).singletonOrThrow();
            assertEquals(c.xShape(n), out.getShape(), preset);
            assertEquals(DataType.FLOAT32, out.getDataType());
            assertTrue(out.abs().max().getFloat() <= 1f, "tanh output");
            assertArrayEquals(new Shape[] {c.xShape(n)}, g.getOutputShapes(c.inputShapes(n)));
        }
    }

    @Test
    void sameSeedGivesSameOutput() {
        GeneratorConfig c = GeneratorConfig.preset(GeneratorConfig.LDDGAN_CIFAR10).withNf(16);
        float[][] outs = new float[2][];
        for (int i = 0; i < 2; i++) {
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(1234);
                NcsnppGenerator g = new NcsnppGenerator(c);
                g.initialize(m, 2);
                outs[i] = run(g, m, inputs(m, c, 2));
            }
        }
        assertArrayEquals(outs[0], outs[1], 0f);
    }

    /** With trained-like weights (the init has near-zero output convolutions), z changes x0': G is stochastic. */
    @Test
    void differentZChangesTheOutputAndSameInputsDoNot() {
        GeneratorConfig c = GeneratorConfig.preset(GeneratorConfig.LDDGAN_CIFAR10).withNf(16);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NcsnppGenerator g = new NcsnppGenerator(c);
            g.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            g.initialize(m, 2);
            NDList in = inputs(m, c, 2);
            float[] a = run(g, m, in);
            float[] again = run(g, m, in);
            assertArrayEquals(a, again, 0f);
            NDList otherZ = new NDList(in.get(0), in.get(1), m.randomNormal(new Shape(2, c.nz())));
            float[] b = run(g, m, otherZ);
            double maxDiff = 0;
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
            assertTrue(maxDiff > 1e-3, "x0' should depend on z, max difference " + maxDiff);
        }
    }

    @Test
    void wrongInputShapeNamesPresetAndExpectedShape() {
        GeneratorConfig c = GeneratorConfig.preset(GeneratorConfig.LDDGAN_CIFAR10).withNf(NARROW_NF);
        NcsnppGenerator g = new NcsnppGenerator(c);
        try (NDManager m = NDManager.newBaseManager()) {
            g.initialize(m, 2);
            NDList wrongChannels = new NDList(m.zeros(new Shape(2, 3, 16, 16)), m.create(new int[] {0, 1}),
                    m.zeros(new Shape(2, 50)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> g.forward(new ParameterStore(m, false), wrongChannels, false));
            assertTrue(e.getMessage().contains("lddgan-cifar10"), e.getMessage());
            assertTrue(e.getMessage().contains("(N, 4, 16, 16)"), e.getMessage());
            NDList wrongZ = new NDList(m.zeros(new Shape(2, 4, 16, 16)), m.create(new int[] {0, 1}), m.zeros(new Shape(2, 100)));
            e = assertThrows(IllegalArgumentException.class, () -> g.forward(new ParameterStore(m, false), wrongZ, false));
            assertTrue(e.getMessage().contains("z (N, 50)"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> new NcsnppGenerator(c).initialize(m, DataType.FLOAT32, new Shape(1, 4, 32, 32), new Shape(1), new Shape(1, 50)));
        }
    }

    @Test
    void resBlockResamplesAndChangesChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray temb = m.zeros(new Shape(2, 32));
            NDArray zemb = m.zeros(new Shape(2, 256));
            for (Resample r : Resample.values()) {
                ResBlock b = ResBlock.builder().setChannels(8, 16).optResample(r).build();
                NDArray x = m.ones(new Shape(2, 8, 8, 8));
                b.initialize(m, DataType.FLOAT32, x.getShape(), temb.getShape(), zemb.getShape());
                NDArray y = b.forward(new ParameterStore(m, false), new NDList(x, temb, zemb), false).singletonOrThrow();
                long side = r.outputSize(8);
                assertEquals(new Shape(2, 16, side, side), y.getShape(), r.name());
                assertEquals(new Shape(2, 16, side, side), b.getOutputShapes(new Shape[] {x.getShape(), temb.getShape(), zemb.getShape()})[0]);
            }
        }
    }
}
