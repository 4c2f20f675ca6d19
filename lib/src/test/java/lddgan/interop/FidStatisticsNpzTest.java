package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lddgan.data.Download;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.FrechetDistance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pytorch-fid's {@code .npz} statistics: written, read back bit for bit, and refused when malformed. */
class FidStatisticsNpzTest {
    @TempDir
    Path tmp;

    private static FeatureStatistics statistics() {
        double[] mean = {0.1, -2.5, 1e-300};
        double[] covariance = {1, 0.25, 0, 0.25, 2, -0.125, 0, -0.125, Math.PI};
        return new FeatureStatistics("train", "inception-x", 50_000, mean, covariance);
    }

    @Test
    void roundTripIsBitIdenticalAndTheDigestIsTheFiles() throws IOException {
        FeatureStatistics s = statistics();
        Path file = tmp.resolve("fid_stats.npz");
        String sha = FidStatisticsNpz.write(s, file);
        FidStatisticsNpz.Loaded back = FidStatisticsNpz.read(file, "inception-x", "train (pytorch-fid)");
        assertArrayEquals(s.mean(), back.statistics().mean());
        assertArrayEquals(s.covariance(), back.statistics().covariance());
        assertEquals(sha, back.sha256());
        assertEquals(Download.sha256(file), sha);
        assertEquals(-1, back.statistics().count(), "pytorch-fid's files do not record N");
        assertEquals(0.0, FrechetDistance.between(back.statistics(), s), 1e-9);
        assertEquals(sha, FidStatisticsNpz.write(s, tmp.resolve("again.npz")), "the same statistics give the same file");
        Map<String, TorchTensor> arrays = Npz.read(file);
        assertEquals(TorchDtype.FLOAT64, arrays.get("mu").dtype());
        assertArrayEquals(new long[] {3, 3}, arrays.get("sigma").shape());
    }

    @Test
    void missingOrMisshapenArraysAreNamed() throws IOException {
        Map<String, TorchTensor> onlyMu = new LinkedHashMap<>();
        onlyMu.put("mu", TorchTensor.ofFloats(new float[] {1, 2}, 2));
        Path file = Npz.write(tmp.resolve("mu-only.npz"), onlyMu);
        var e = assertThrows(IOException.class, () -> FidStatisticsNpz.read(file, "x", "y"));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'sigma'")
                && e.getMessage().contains("[mu]"), e.getMessage());
        Map<String, TorchTensor> wrong = new LinkedHashMap<>(onlyMu);
        wrong.put("sigma", TorchTensor.ofFloats(new float[] {1, 0, 0}, 3));
        Path misshapen = Npz.write(tmp.resolve("misshapen.npz"), wrong);
        e = assertThrows(IOException.class, () -> FidStatisticsNpz.read(misshapen, "x", "y"));
        assertTrue(e.getMessage().contains("'sigma' (d, d)") && e.getMessage().contains("found 'mu' 2 and 'sigma' 3"), e.getMessage());
    }
}
