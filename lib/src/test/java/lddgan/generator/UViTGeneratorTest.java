package lddgan.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Map;
import lddgan.nn.AdaptiveLayerNorm;
import lddgan.nn.NetworkStats;
import org.junit.jupiter.api.Test;

/**
 * The U-ViT generator of Appendix C: parameter counts pinned against the closed form and Table 11, the U-ViT layout
 * (long skips, time token, unpatchify), the identity start of the adaptive norms and the forward contract.
 */
class UViTGeneratorTest {
    /** Table 11's published sizes (M). */
    static final Map<String, Double> TABLE11 = Map.of("vit-tiny", 28.01, "vit-mid", 43.32, "vit-large", 56.17);
    /** Our counts, as the closed form {@link #closedForm} gives them (lib/GENERATORS.md). */
    static final Map<String, Long> PINNED = Map.of("vit-tiny", 28_003_108L, "vit-mid", 43_458_660L,
            "vit-large", 56_435_428L);

    /**
     * The parameter count of the layout, worked out by hand: per block 3D^2 (qkv, no bias) + D^2 + D (proj) +
     * 2 r D^2 + r D + D (MLP) + 2 (zd 2D + 2D) (two adaptive norms); each out-block adds Linear(2D -> D); around them
     * the patch conv, the position embedding, the z mapping, the final adaptive norm, Linear(D -> p^2 C) and conv3x3.
     */
    static long closedForm(UViTConfig c) {
        long d = c.embedDim();
        long hidden = (long) (d * c.mlpRatio());
        long zd = c.zEmbDim();
        long p2c = (long) c.patchSize() * c.patchSize() * c.channels();
        long adaptiveNorm = zd * 2 * d + 2 * d;
        long block = 3 * d * d + (d * d + d) + (d * hidden + hidden) + (hidden * d + d) + 2 * adaptiveNorm;
        long skip = 2 * d * d + d;
        long mapping = (long) c.nz() * zd + zd + c.nMlp() * (zd * zd + zd);
        long rest = (p2c * d + d) + (c.patchTokens() + 1L) * d + mapping + adaptiveNorm + (d * p2c + p2c)
                + (9L * c.channels() * c.channels() + c.channels());
        return (c.depth() + 1) * block + c.halfDepth() * skip + rest;
    }

    @Test
    void presetsMatchTheClosedFormAndComeWithinHalfAPercentOfTable11() {
        for (String name : UViTConfig.PRESETS) {
            UViTConfig c = UViTConfig.preset(name);
            try (NDManager m = NDManager.newBaseManager()) {
                UViTGenerator g = new UViTGenerator(c);
                g.initialize(m, 1);
                long count = NetworkStats.parameterCount(g);
                System.out.printf("%s: %,d parameters (closed form %,d; Table 11 %.2fM; %+.2f%%)%n", name, count,
                        closedForm(c), TABLE11.get(name), 100 * (count / 1e6 - TABLE11.get(name)) / TABLE11.get(name));
                assertEquals(closedForm(c), count, name + " closed form");
                assertEquals(PINNED.get(name), count, name + " pinned");
                assertTrue(Math.abs(count / 1e6 - TABLE11.get(name)) / TABLE11.get(name) < 0.005, name + " vs Table 11");
            }
        }
    }

    @Test
    void everyOutBlockHasALongSkipAndTheMidBlockNone() {
        UViTConfig c = UViTConfig.preset("vit-tiny").withEmbedDim(14);
        UViTGenerator g = new UViTGenerator(c);
        long skips = g.getChildren().values().stream().filter(b -> b instanceof UViTBlock u && u.hasSkip()).count();
        long blocks = g.getChildren().values().stream().filter(b -> b instanceof UViTBlock).count();
        assertEquals(c.depth() / 2, skips);
        assertEquals(c.depth() + 1, blocks);
        assertTrue(g.getChildren().keys().stream().anyMatch(k -> k.endsWith("mid_block")));
    }

    @Test
    void unpatchifyPutsEachTokensValuesOnItsPatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            int c = 3;
            int p = 2;
            int side = 4; // 4 x 4 patches -> 8 x 8 image
            float[] values = new float[side * side * p * p * c];
            // token (row a, col b), value index (p1, p2, ch) -> pixel (ch, a p + p1, b p + p2): encode the pixel
            for (int a = 0; a < side; a++) {
                for (int b = 0; b < side; b++) {
                    for (int p1 = 0; p1 < p; p1++) {
                        for (int p2 = 0; p2 < p; p2++) {
                            for (int ch = 0; ch < c; ch++) {
                                int token = a * side + b;
                                int inner = (p1 * p + p2) * c + ch;
                                values[token * p * p * c + inner] = ch * 1000 + (a * p + p1) * 10 + (b * p + p2);
                            }
                        }
                    }
                }
            }
            NDArray image = UViTGenerator.unpatchify(m.create(values, new Shape(1, side * side, p * p * c)), c, p);
            assertEquals(new Shape(1, c, 8, 8), image.getShape());
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        assertEquals(ch * 1000 + y * 10 + x, image.getFloat(0, ch, y, x), 0, "pixel " + ch + "," + y + "," + x);
                    }
                }
            }
            assertThrows(IllegalArgumentException.class,
                    () -> UViTGenerator.unpatchify(m.zeros(new Shape(1, 15, 12)), c, p));
        }
    }

    @Test
    void adaptiveNormsStartAsAPlainLayerNormWhateverZ() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            AdaptiveLayerNorm norm = new AdaptiveLayerNorm(6);
            norm.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 5, 6), new Shape(2, 8));
            NDArray x = m.randomNormal(new Shape(2, 5, 6)).mul(3).add(1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray a = norm.forward(ps, new NDList(x, m.randomNormal(new Shape(2, 8))), false).singletonOrThrow();
            NDArray b = norm.forward(ps, new NDList(x, m.randomNormal(new Shape(2, 8)).mul(10)), false).singletonOrThrow();
            assertEquals(0f, a.sub(b).abs().max().getFloat(), 0f, "z has no effect at initialisation");
            // closed form: (x - mean) / sqrt(var + eps) per token
            NDArray mean = x.mean(new int[] {2}, true);
            NDArray var = x.sub(mean).square().mean(new int[] {2}, true);
            NDArray expected = x.sub(mean).div(var.add(AdaptiveLayerNorm.EPS).sqrt());
            assertTrue(a.sub(expected).abs().max().getFloat() < 1e-5, "plain LayerNorm");
        }
    }

    @Test
    void forwardKeepsTheShapeInTanhRangeAndEveryParameterGetsAGradient() {
        UViTConfig c = UViTConfig.preset("vit-mid").withEmbedDim(28);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            UViTGenerator g = new UViTGenerator(c);
            g.initialize(m, 2);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(c.xShape(2));
            NDArray t = m.create(new int[] {0, 3});
            NDArray z = m.randomNormal(new Shape(2, c.nz()));
            NDArray out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                out = g.forward(ps, new NDList(x, t, z), true).singletonOrThrow();
                collector.backward(out.square().mean());
            }
            assertEquals(c.xShape(2), out.getShape());
            assertTrue(out.abs().max().getFloat() < 1f, "tanh output");
            for (Pair<String, Parameter> p : g.getParameters()) {
                NDArray grad = p.getValue().getArray().getGradient();
                assertTrue(grad.isNaN().logicalOr(grad.isInfinite()).sum().getLong() == 0, p.getKey() + " finite");
                boolean styleWeight = p.getKey().contains("style") && p.getKey().endsWith("weight");
                if (!p.getKey().contains("z_mapping") && !styleWeight) {
                    assertTrue(grad.abs().sum().getFloat() > 0, p.getKey() + " gets a gradient");
                }
            }
            // the time token matters: another k changes the output
            NDArray other = g.forward(ps, new NDList(x, m.create(new int[] {1, 2}), z), false).singletonOrThrow();
            assertTrue(other.sub(g.forward(ps, new NDList(x, t, z), false).singletonOrThrow()).abs().max().getFloat() > 0);
            // the attention's q k^T and weights x v are counted: 2 L^2 D per block
            assertTrue(NetworkStats.multiplyAccumulates(g, false) > (c.depth() + 1) * 2L * 65 * 65 * 28);
        }
    }

    @Test
    void wrongInputsAreRefusedNamingThePreset() {
        UViTConfig c = UViTConfig.preset("vit-tiny").withEmbedDim(14);
        try (NDManager m = NDManager.newBaseManager()) {
            UViTGenerator g = new UViTGenerator(c);
            g.initialize(m, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.forward(
                    new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 3, 16, 16)), m.zeros(new Shape(1)),
                            m.zeros(new Shape(1, 50))), false));
            assertTrue(e.getMessage().contains("vit-tiny") && e.getMessage().contains("(N, 4, 16, 16)"), e.getMessage());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> c.withEmbedDim(30));
        assertTrue(bad.getMessage().contains("numHeads"), bad.getMessage());
    }

    @Test
    void profilesShrinkTheWidthLikeTheCnnAndKeepTheDepth() {
        UViTConfig paper = UViTConfig.preset("vit-large");
        UViTConfig cpu = paper.scaled(32, 1);
        assertEquals(112, cpu.embedDim());
        assertEquals(paper.depth(), cpu.depth());
        assertEquals(56, paper.scaled(16, 1).embedDim());
        assertThrows(IllegalArgumentException.class, () -> paper.scaled(9, 1), "D 448 x 9 / 128 is not whole");
        assertEquals(paper, UViTConfig.fromJson(paper.toJson()));
        assertThrows(IllegalArgumentException.class, () -> UViTConfig.fromJson(paper.toJson().replace("\"depth\"", "\"dept\"")));
    }
}
