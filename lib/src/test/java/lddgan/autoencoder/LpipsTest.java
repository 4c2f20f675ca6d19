package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import lddgan.data.Download;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LPIPS loading, digest checks and gradients, with a TorchScript stand-in of the real network (no LPIPS weights can be
 * fetched here): {@code lpips-fixture.pt}, written by {@code make_lpips_fixture.py} beside it, has LPIPS' call
 * {@code forward(x, y) -> (N, 1, 1, 1)} and computes d_n = mean over (c, h, w) of (a_c (x - y))^2 with a = (0.5, 1, 2),
 * after a Dropout(0.5) that is off only in eval mode.
 */
class LpipsTest {
    private static final float[] A = {0.5f, 1.0f, 2.0f};
    private static Path fixture;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findFixture() throws URISyntaxException {
        fixture = Path.of(LpipsTest.class.getResource("lpips-fixture.pt").toURI());
    }

    /** Closed form of the fixture: d_n = sum_{c,h,w} a_c^2 (x - y)^2 / (C H W). */
    private static double[] closedForm(float[] x, float[] y, Shape s) {
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int hw = (int) (s.get(2) * s.get(3));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    int k = (i * c + ch) * hw + p;
                    double v = A[ch] * (x[k] - y[k]);
                    d[i] += v * v;
                }
            }
            d[i] /= (double) c * hw;
        }
        return d;
    }

    private Path copyFixture(boolean withSidecar) throws IOException {
        Path file = Files.copy(fixture, tmp.resolve(Lpips.FILE_NAME));
        if (withSidecar) {
            Files.copy(fixture.resolveSibling("lpips-fixture.pt.sha256"), tmp.resolve(Lpips.FILE_NAME + Lpips.SIDECAR_SUFFIX));
        }
        return file;
    }

    @Test
    void fixtureDigestMatchesItsSidecar() throws IOException {
        String sidecar = Files.readString(fixture.resolveSibling("lpips-fixture.pt.sha256")).trim().split("\\s+")[0];
        assertEquals(Download.sha256(fixture), sidecar);
        assertEquals(sidecar, Lpips.Weights.at(fixture).verify());
    }

    @Test
    void loadsAndMatchesTheClosedFormInEvalMode() throws IOException {
        try (Lpips lpips = Lpips.load(Lpips.Weights.at(fixture), Device.cpu()); NDManager m = NDManager.newBaseManager()) {
            assertEquals(PerceptualLoss.LPIPS, lpips.name());
            assertEquals(Download.sha256(fixture), lpips.sha256());
            Engine.getInstance().setRandomSeed(11);
            Shape s = new Shape(3, 3, 8, 10);
            NDArray x = m.randomUniform(-1f, 1f, s);
            NDArray y = m.randomUniform(-1f, 1f, s);
            double[] expected = closedForm(x.toFloatArray(), y.toFloatArray(), s);
            // repeated calls: the module's dropout would make them differ if it ever ran in training mode
            for (int rep = 0; rep < 3; rep++) {
                NDArray d = lpips.distance(x, y);
                assertEquals(new Shape(3), d.getShape());
                assertSame(m, d.getManager());
                float[] got = d.toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], got[i], 1e-6 * Math.max(1, expected[i]), "sample " + i);
                }
            }
            assertEquals(0f, lpips.distance(x, x).sum().getFloat(), 0f);
            int attached = m.getManagedArrays().size();
            lpips.distance(x, y);
            assertEquals(attached + 1, m.getManagedArrays().size(), "only the distances stay in the caller's manager");
            // array names are DJL argument syntax for TorchScript ("a.b" = dict entry): they must not change the call
            x.setName("images.0");
            y.setName("list[]");
            assertEquals((float) expected[1], lpips.distance(x, y).toFloatArray()[1], 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> lpips.distance(x, y.get("0:2")));
            assertThrows(IllegalArgumentException.class, () -> lpips.distance(x.get(":, 0:2"), y.get(":, 0:2")));
        }
    }

    /** The check pair is export_lpips.py's: on the fixture it gives the value Python computes (0.5355103). */
    @Test
    void checkPairIsTheExportScripts() throws IOException {
        try (Lpips lpips = Lpips.load(Lpips.Weights.at(fixture), Device.cpu()); NDManager m = NDManager.newBaseManager()) {
            ai.djl.ndarray.NDList pair = Lpips.checkPair(m, 64);
            assertEquals(new Shape(1, 3, 64, 64), pair.get(0).getShape());
            assertEquals(0.5355103f, lpips.distance(pair.get(0), pair.get(1)).getFloat(), 1e-6f);
        }
    }

    /**
     * The training loss: y is the output of a DJL computation (y = tanh(p), p a leaf that requires a gradient, as a
     * decoder's output), the loss is sum_n d_n. d/dy = -2 a_c^2 (x - y) / (C H W), d/dp = d/dy (1 - y^2), d/dx = -d/dy.
     */
    @Test
    void gradientsFlowThroughTheModuleToTheInputs() throws IOException {
        try (Lpips lpips = Lpips.load(Lpips.Weights.at(fixture), Device.cpu()); NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(12);
            Shape s = new Shape(2, 3, 4, 6);
            NDArray x = m.randomUniform(-1f, 1f, s);
            NDArray p = m.randomNormal(s);
            x.setRequiresGradient(true);
            p.setRequiresGradient(true);
            float[] yv;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = p.tanh();
                yv = y.toFloatArray();
                NDArray loss = lpips.distance(x, y).sum();
                collector.backward(loss);
            }
            float[] xv = x.toFloatArray();
            float[] gp = p.getGradient().toFloatArray();
            float[] gx = x.getGradient().toFloatArray();
            int hw = 4 * 6;
            double maxErr = 0;
            for (int k = 0; k < xv.length; k++) {
                int ch = (k / hw) % 3;
                double dy = -2.0 * A[ch] * A[ch] * (xv[k] - yv[k]) / (3.0 * hw);
                double dp = dy * (1 - (double) yv[k] * yv[k]);
                maxErr = Math.max(maxErr, Math.abs(gp[k] - dp));
                assertEquals(dp, gp[k], 1e-6, "d/dp at " + k);
                assertEquals(-dy, gx[k], 1e-6, "d/dx at " + k);
            }
            System.out.printf("LPIPS fixture: max |autograd - analytic| of d/dp = %.3g%n", maxErr);
            // the module's own parameters are frozen: nothing accumulates in them
            assertTrue(lpips.parametersFrozen());
        }
    }

    @Test
    void corruptedFileNamesFileBothDigestsAndHowToGetIt() throws IOException {
        Path file = copyFixture(true);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        String expected = Download.sha256(fixture);
        IOException e = assertThrows(IOException.class, () -> Lpips.load(Lpips.Weights.at(file), Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.contains(file.toString()), msg);
        assertTrue(msg.contains(expected), msg);
        assertTrue(msg.contains(Download.sha256(file)), msg);
        assertTrue(msg.contains("export_lpips.py") && msg.contains("perceptual: none"), msg);
    }

    @Test
    void wrongExplicitDigestIsRejected() throws IOException {
        Path file = copyFixture(false);
        String wrong = "0".repeat(64);
        IOException e = assertThrows(IOException.class, () -> Lpips.load(new Lpips.Weights(file, wrong), Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.contains(file.toString()) && msg.contains(wrong) && msg.contains(Download.sha256(file)), msg);
        // an explicit digest that contradicts the sidecar: both are named
        Path sidecar = tmp.resolve(Lpips.FILE_NAME + Lpips.SIDECAR_SUFFIX);
        Files.writeString(sidecar, Download.sha256(file) + "  " + Lpips.FILE_NAME + "\n");
        e = assertThrows(IOException.class, () -> Lpips.load(new Lpips.Weights(file, wrong), Device.cpu()));
        msg = e.getMessage();
        assertTrue(msg.contains(wrong) && msg.contains(Download.sha256(file)) && msg.contains(sidecar.toString()), msg);
        // a malformed sidecar
        Files.writeString(sidecar, "not a digest\n");
        e = assertThrows(IOException.class, () -> Lpips.load(Lpips.Weights.at(file), Device.cpu()));
        assertTrue(e.getMessage().contains(sidecar.toString()) && e.getMessage().contains("64 hex"), e.getMessage());
    }

    @Test
    void explicitDigestWorksWithoutSidecar() throws IOException {
        Path file = copyFixture(false);
        String digest = Download.sha256(file).toUpperCase(java.util.Locale.ROOT);
        try (Lpips lpips = Lpips.load(new Lpips.Weights(file, " " + digest + " "), Device.cpu())) {
            assertEquals(Download.sha256(file), lpips.sha256());
        }
    }

    @Test
    void missingFileNamesFileDigestAndHowToGetIt() {
        Path file = tmp.resolve("weights").resolve(Lpips.FILE_NAME);
        IOException e = assertThrows(IOException.class, () -> Lpips.load(Lpips.Weights.at(file), Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("Missing " + file), msg);
        assertTrue(msg.contains("export_lpips.py") && msg.contains(Lpips.ENV_FILE) && msg.contains("perceptual: none"), msg);
        String digest = "ab".repeat(32);
        e = assertThrows(IOException.class, () -> Lpips.load(new Lpips.Weights(file, digest), Device.cpu()));
        assertTrue(e.getMessage().contains(digest), e.getMessage());
    }

    @Test
    void missingSidecarNamesItAndTheActualDigest() throws IOException {
        Path file = copyFixture(false);
        IOException e = assertThrows(IOException.class, () -> Lpips.load(Lpips.Weights.at(file), Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.contains(file + Lpips.SIDECAR_SUFFIX) && msg.contains(Lpips.ENV_SHA256), msg);
        assertTrue(msg.contains(Download.sha256(file)), msg);
        assertTrue(msg.contains("export_lpips.py"), msg);
    }

    @Test
    void aFileThatIsNotTorchScriptIsRejected() throws IOException {
        Path file = Files.writeString(tmp.resolve(Lpips.FILE_NAME), "not a network");
        Files.writeString(tmp.resolve(Lpips.FILE_NAME + Lpips.SIDECAR_SUFFIX), Download.sha256(file) + "  lpips-vgg16.pt\n");
        IOException e = assertThrows(IOException.class, () -> Lpips.load(Lpips.Weights.at(file), Device.cpu()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("TorchScript"), e.getMessage());
    }

    @Test
    void noneGivesZerosAndItsName() {
        PerceptualLoss none = PerceptualLoss.NONE;
        assertEquals("none", none.name());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(4, 3, 8, 8));
            NDArray d = none.distance(x, x.neg());
            assertEquals(new Shape(4), d.getShape());
            assertEquals(0f, d.abs().sum().getFloat(), 0f);
            assertThrows(IllegalArgumentException.class, () -> none.distance(x, x.get(":, 0:1")));
        }
        none.close();
    }

    @Test
    void factoryParsesTheConfigurationValue() throws IOException {
        assertSame(PerceptualLoss.NONE, PerceptualLoss.fromConfig("none", Device.cpu()));
        assertSame(PerceptualLoss.NONE, PerceptualLoss.fromConfig(" None ", Device.cpu()));
        try (PerceptualLoss loss = PerceptualLoss.fromConfig("lpips", Lpips.Weights.at(fixture), Device.cpu())) {
            assertInstanceOf(Lpips.class, loss);
            assertEquals("lpips", loss.name());
        }
        for (String bad : new String[] {"vgg", "", "lpips-alex"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PerceptualLoss.fromConfig(bad, Device.cpu()));
            assertTrue(e.getMessage().contains("[lpips, none]"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PerceptualLoss.fromConfig(null, Device.cpu()));
        assertTrue(e.getMessage().contains("[lpips, none]"), e.getMessage());
    }

    @Test
    void defaultLocationIsTheProjectCache() {
        Lpips.Weights w = Lpips.Weights.configured();
        if (System.getenv(Lpips.ENV_FILE) == null && System.getProperty("lddgan.lpips") == null) {
            assertTrue(w.file().endsWith(Path.of(".cache", "weights", Lpips.FILE_NAME)), w.file().toString());
        }
        assertEquals(Path.of("a", "b.pt.sha256"), Lpips.Weights.at(Path.of("a", "b.pt")).sidecar());
        assertFalse(new Lpips.Weights(Path.of("x.pt"), "  ").sha256() != null);
    }
}
