package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import lddgan.data.ImageSet;
import lddgan.metrics.FidInceptionV3;
import org.junit.jupiter.api.Test;

/** pytorch-fid's Inception-v3 loaded from the parity fixture's state_dict (same layout as the released file). */
class FidInceptionCheckpointTest {
    @Test
    void anotherNetworksCheckpointFailsNamingItsKeys() {
        Path dir = ParityFixturesOrSkip.directory("FidInceptionCheckpointTest");
        Path generator = dir.resolve("G-lddgan-cifar10-nf32/weights.pth");
        var e = assertThrows(IOException.class, () -> FidInceptionCheckpoint.load(generator, Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(generator + " is not pytorch-fid's Inception-v3 state_dict"), msg);
        assertTrue(msg.contains("566 missing [Conv2d_1a_3x3.bn.bias") && msg.contains("unexpected [module."), msg);
    }

    @Test
    void featuresScoreTheEightBitImageAndIsProbabilitiesSumToOne() throws IOException {
        Path dir = ParityFixturesOrSkip.directory("FidInceptionCheckpointTest");
        try (NDManager m = NDManager.newBaseManager();
             FidInceptionV3 net = FidInceptionCheckpoint.load(dir.resolve("FID-inception-v3/weights.pth"), Device.cpu())) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomUniform(-1, 1, new Shape(3, 3, 32, 32));
            // the same images as PNG files hold them (8 bits), then back in [-1, 1]
            NDArray png = ImageSet.fromImages("png", x).batch(m, 0, 3);
            NDArray a = net.features(x);
            assertArrayEquals(a.toFloatArray(), net.features(png).toFloatArray(), "quantised first: identical features");
            assertEquals(new Shape(3, FidInceptionV3.DIMENSION), a.getShape());
            NDArray p = net.classProbabilities(a).orElseThrow();
            assertEquals(new Shape(3, FidInceptionV3.CLASSES), p.getShape());
            for (float sum : p.sum(new int[] {1}).toFloatArray()) {
                assertEquals(1f, sum, 1e-5f);
            }
            assertTrue(net.id().startsWith("pytorch-fid-inception-v3-pool3-sha"), net.id());
            assertEquals(64, net.weightsSha256().length());
        }
    }
}
