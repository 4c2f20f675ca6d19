package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import lddgan.data.Download;
import lddgan.interop.ParityFixtures;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.FidInceptionV3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature network is the one asked for, and a missing one is never silently replaced. */
class FidFeaturesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("lddgan.fid.features");
        System.clearProperty("lddgan.fid.inception");
        System.clearProperty("lddgan.fid.inception.sha256");
    }

    @Test
    void inceptionAskedForAndMissingStopsNamingTheFileAndTheCommand() {
        System.setProperty("lddgan.fid.features", "inception");
        System.setProperty("lddgan.fid.inception", tmp.resolve("absent.pth").toString());
        var e = assertThrows(IOException.class, () -> FidFeatures.choose(null, null, Device.cpu()));
        assertTrue(e.getMessage().contains(tmp.resolve("absent.pth").toString()) && e.getMessage().contains("make weights"),
                e.getMessage());
        System.setProperty("lddgan.fid.features", "inceptoin");
        e = assertThrows(IOException.class, () -> FidFeatures.choose(null, null, Device.cpu()));
        assertTrue(e.getMessage().contains("'inceptoin' is not a feature network"), e.getMessage());
    }

    @Test
    void autoTakesPytorchFidsInceptionWhereItsWeightsAre() throws Exception {
        Path dir = ParityFixtures.directory().orElse(null);
        if (dir == null) {
            System.out.println("FidFeaturesTest: " + ParityFixtures.absentMessage());
        }
        Assumptions.assumeTrue(dir != null, "parity fixtures absent");
        Path weights = dir.resolve("FID-inception-v3/weights.pth");
        String sha = Download.sha256(weights);
        System.setProperty("lddgan.fid.inception", weights.toString());
        System.setProperty("lddgan.fid.inception.sha256", sha);
        try (FeatureExtractor chosen = FidFeatures.choose(null, null, Device.cpu())) {
            assertTrue(chosen instanceof FidInceptionV3, chosen.id());
            assertFalse(chosen.isProxy());
            assertEquals(sha, chosen.weightsSha256());
        }
    }
}
