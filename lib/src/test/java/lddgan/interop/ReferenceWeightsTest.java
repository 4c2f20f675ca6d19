package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.AutoencoderConfig;
import lddgan.discriminator.Discriminator;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.NcsnppGenerator;
import org.junit.jupiter.api.Test;

/**
 * Strict loading ({@link ReferenceWeights}) on state_dicts made from our own small networks (no fixtures needed), and a
 * negative control on a parity fixture: NIN weights loaded without the transpose give an output of order-one error.
 */
class ReferenceWeightsTest {
    private static final Path FILE = Path.of("some/run/netG_950.pth");

    static NcsnppGenerator smallGenerator(NDManager manager) {
        GeneratorConfig c = new GeneratorConfig("tiny", "", 4, 8, 16, List.of(1, 2), 1, List.of(), 8, 16, 1, 0);
        NcsnppGenerator g = new NcsnppGenerator(c);
        g.initialize(manager, 2);
        return g;
    }

    private static Map<String, TorchTensor> withPrefix(Map<String, TorchTensor> sd) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        sd.forEach((k, v) -> out.put(ReferenceWeights.DDP_PREFIX + k, v));
        return out;
    }

    @Test
    void aStateDictOfOurOwnLoadsBackIdenticallyWithTheDdpPrefix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NcsnppGenerator a = smallGenerator(manager);
            NcsnppGenerator b = smallGenerator(manager);
            Map<String, TorchTensor> sd = ReferenceWeights.stateDict(a);
            assertTrue(sd.containsKey("all_modules.0.weight") && sd.containsKey("z_transform.1.weight"), sd.keySet()
                    .toString());
            assertTrue(ReferenceKeys.of(a).stream().anyMatch(e -> e.transform() == ReferenceKeys.Transform.NIN));
            ReferenceWeights.load(b, withPrefix(sd), FILE);
            List<ReferenceKeys.Entry> ea = ReferenceKeys.of(a);
            List<ReferenceKeys.Entry> eb = ReferenceKeys.of(b);
            for (int i = 0; i < ea.size(); i++) {
                assertArrayEquals(ea.get(i).parameter().getArray().toFloatArray(),
                        eb.get(i).parameter().getArray().toFloatArray(), ea.get(i).key());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oneErrorListsEveryMissingUnexpectedAndMismatchedKeyAndNamesTheFile() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NcsnppGenerator g = smallGenerator(manager);
            Map<String, TorchTensor> sd = new LinkedHashMap<>(ReferenceWeights.stateDict(g));
            sd.remove("all_modules.2.weight");
            sd.remove("z_transform.3.bias");
            sd.put("all_modules.99.weight", TorchTensor.ofFloats(new float[3], 3));
            sd.put("all_modules.0.bias", TorchTensor.ofFloats(new float[5], 5));
            ReferenceWeights.IncompatibleWeightsException e = assertThrows(
                    ReferenceWeights.IncompatibleWeightsException.class, () -> ReferenceWeights.load(g, sd, FILE));
            String m = e.getMessage();
            assertTrue(m.startsWith(FILE.toString()), m);
            assertTrue(m.contains("2 missing, 1 unexpected, 1 mismatched"), m);
            assertEquals(4, e.problems().size(), m);
            assertTrue(m.contains("missing: all_modules.2.weight (expected 16x4x3x3)"), m);
            assertTrue(m.contains("missing: z_transform.3.bias (expected 16)"), m);
            assertTrue(m.contains("unexpected: all_modules.99.weight (found 3)"), m);
            assertTrue(m.contains("shape mismatch: all_modules.0.bias expected 64, found 5"), m);
        }
    }

    @Test
    void theFirstStageIgnoresLossTensorsButOtherNetworksDoNot() throws IOException {
        AutoencoderConfig c = new AutoencoderConfig("tiny-ae", "", lddgan.autoencoder.Regularizer.KL, 8, 3, 3, 32,
                List.of(1, 2), 1, List.of(), 0, 4, true, 4, 0, 0, false, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Autoencoder ae = new Autoencoder(c);
            ae.initialize(manager, 1);
            Map<String, TorchTensor> sd = new LinkedHashMap<>(ReferenceWeights.stateDict(ae));
            assertTrue(sd.containsKey("encoder.down.0.downsample.conv.weight") && sd.containsKey("decoder.up.1.upsample.conv.bias")
                    && sd.containsKey("encoder.mid.attn_1.proj_out.weight") && sd.containsKey("encoder.norm_out.weight"),
                    sd.keySet().toString());
            sd.put("loss.logvar", TorchTensor.ofFloats(new float[1]));
            sd.put("loss.discriminator.main.0.weight", TorchTensor.ofFloats(new float[2], 2));
            ReferenceWeights.load(ae, sd, FILE);

            DiscriminatorConfig dc = new DiscriminatorConfig("tiny-d", "", 2, 8, DiscriminatorConfig.Variant.SMALL, 2, 4, 8);
            Discriminator d = new Discriminator(dc);
            d.initialize(manager, 2);
            Map<String, TorchTensor> dsd = new LinkedHashMap<>(ReferenceWeights.stateDict(d));
            assertTrue(dsd.containsKey("t_embed.main.2.weight") && dsd.containsKey("conv2.skip.0.weight"), dsd.keySet()
                    .toString());
            dsd.put("loss.logvar", TorchTensor.ofFloats(new float[1]));
            ReferenceWeights.IncompatibleWeightsException e = assertThrows(
                    ReferenceWeights.IncompatibleWeightsException.class, () -> ReferenceWeights.load(d, dsd, FILE));
            assertTrue(e.getMessage().contains("unexpected: loss.logvar"), e.getMessage());
        }
    }

    @Test
    void aVqFirstStageHasLdmsCodebookKey() {
        AutoencoderConfig c = new AutoencoderConfig("tiny-vq", "", lddgan.autoencoder.Regularizer.VQ, 8, 3, 3, 32,
                List.of(1, 2), 1, List.of(), 0, 3, false, 3, 16, 0.25, false, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Autoencoder ae = new Autoencoder(c);
            ae.initialize(manager, 1);
            Map<String, TorchTensor> sd = ReferenceWeights.stateDict(ae);
            // LDM VQModel: self.quantize = VectorQuantizer(n_embed, embed_dim); its nn.Embedding weight is (n_e, e_dim)
            assertArrayEquals(new long[] {16, 3}, sd.get("quantize.embedding.weight").shape(), sd.keySet().toString());
            assertArrayEquals(new long[] {3, 3, 1, 1}, sd.get("quant_conv.weight").shape());
        }
    }

    @Test
    void halfPrecisionTensorsLoadAsFloat32() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NcsnppGenerator g = smallGenerator(manager);
            Map<String, TorchTensor> sd = new LinkedHashMap<>(ReferenceWeights.stateDict(g));
            // all_modules.0.bias as float16 holding 0.5 everywhere (0x3800)
            java.nio.ByteBuffer half = java.nio.ByteBuffer.allocate(64 * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 64; i++) {
                half.putShort((short) 0x3800);
            }
            half.flip();
            sd.put("all_modules.0.bias", new TorchTensor(TorchDtype.FLOAT16, new long[] {64}, half));
            ReferenceWeights.load(g, sd, FILE);
            float[] bias = ReferenceKeys.of(g).stream().filter(e -> e.key().equals("all_modules.0.bias")).findFirst()
                    .orElseThrow().parameter().getArray().toFloatArray();
            for (float v : bias) {
                assertEquals(0.5f, v);
            }
        }
    }

    /**
     * Negative control: every generator case loaded with each NIN W untransposed (the wrong layout, same shape). The
     * error is printed per case; the test asserts only that the sum over the cases is detectable (the bottleneck
     * attention at 4x4 barely reaches the output: see the printed numbers).
     */
    @Test
    void loadingNinWeightsUntransposedIsCaughtByParity() throws IOException {
        Path dir = ParityFixturesOrSkip.directory("ReferenceWeightsTest");
        double largest = 0;
        for (Path c : ParityCheck.cases(dir)) {
            if (!c.getFileName().toString().startsWith("G-")) {
                continue;
            }
            var json = lddgan.io.Json.MAPPER.readTree(c.resolve("config.json").toFile());
            try (NDManager manager = NDManager.newBaseManager()) {
                Map<String, NDArray> io = ParityCheck.npz(manager, c.resolve("io.npz"));
                NcsnppGenerator g = new NcsnppGenerator(ReferenceConfigs.generator("G", json.get("config")));
                g.initialize(manager, (int) io.get("x_t").getShape().get(0));
                Map<String, TorchTensor> sd = new LinkedHashMap<>(TorchCheckpoint.stateDict(c.resolve("weights.pth")));
                // the wrong layout: each NIN W (in, out) read as our (out, in) without the transpose
                sd.replaceAll((k, t) -> k.endsWith(".W") ? transposed(t) : t);
                ReferenceWeights.load(g, sd, c.resolve("weights.pth"));
                NDArray out = g.forward(new ParameterStore(manager, false),
                        new NDList(io.get("x_t"), io.get("t"), io.get("z")), false).singletonOrThrow();
                double error = ParityCheck.relativeError(out, io.get("out"));
                System.out.printf(java.util.Locale.ROOT, "NIN untransposed %-24s relative error %.3e%n",
                        c.getFileName(), error);
                largest = Math.max(largest, error);
            }
        }
        assertTrue(largest > ParityCheck.TOLERANCE, "parity must detect a wrong NIN layout in some case, largest "
                + largest);
    }

    private static TorchTensor transposed(TorchTensor t) {
        long[] s = t.shape();
        float[] v = ReferenceKeys.Transform.NIN.toReference(t.toFloats(), new long[] {s[0], s[1], 1, 1});
        return TorchTensor.ofFloats(v, s[1], s[0]);
    }
}
