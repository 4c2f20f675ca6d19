package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming moments and the statistics file. */
class FeatureStatisticsTest {
    @TempDir
    Path tmp;

    @Test
    void streamingMomentsEqualTheTwoPassFormulas() {
        double[][] rows = {{1, 2}, {3, 5}, {-1, 0}, {2, 2}, {0, 7}};
        FeatureMoments oneByOne = new FeatureMoments(2);
        for (double[] r : rows) {
            oneByOne.add(r);
        }
        FeatureMoments batched = new FeatureMoments(2);
        try (NDManager m = NDManager.newBaseManager()) {
            batched.add(m.create(new float[] {1, 2, 3, 5}, new Shape(2, 2)));
            batched.add(m.create(new float[] {-1, 0, 2, 2, 0, 7}, new Shape(3, 2)));
        }
        // mean (1, 3.2); covariance with divisor N - 1
        double[] mean = {1.0, 3.2};
        double[] cov = new double[4];
        for (double[] r : rows) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    cov[i * 2 + j] += (r[i] - mean[i]) * (r[j] - mean[j]) / 4;
                }
            }
        }
        for (FeatureMoments moments : new FeatureMoments[] {oneByOne, batched}) {
            FeatureStatistics s = moments.statistics("five rows", "test");
            assertEquals(5, s.count());
            assertArrayEquals(mean, s.mean(), 1e-12);
            assertArrayEquals(cov, s.covariance(), 1e-12);
        }
    }

    @Test
    void writesAndReadsBackWithItsHeader() throws IOException {
        FeatureStatistics s = new FeatureStatistics("cifar-10-train-n5-abcd1234", "offline-x", 5, new double[] {1.5, -2},
                new double[] {1, 0.25, 0.25, 3});
        Path file = s.write(tmp.resolve("a/b.stats"));
        String head = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).split("\n")[1];
        assertTrue(head.contains("\"dataset\":\"cifar-10-train-n5-abcd1234\"") && head.contains("\"extractor\":\"offline-x\"")
                && head.contains("\"count\":5"), head);
        FeatureStatistics back = FeatureStatistics.read(file);
        assertEquals(s.dataset(), back.dataset());
        assertEquals(s.extractorId(), back.extractorId());
        assertEquals(5, back.count());
        assertArrayEquals(s.mean(), back.mean(), 0);
        assertArrayEquals(s.covariance(), back.covariance(), 0);
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void rejectsOtherFiles() throws IOException {
        Path file = Files.writeString(tmp.resolve("x.stats"), "hello\n");
        IOException e = assertThrows(IOException.class, () -> FeatureStatistics.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void theDigestIsTheWrittenFilesAndChangesWithAnyValue() throws IOException {
        FeatureStatistics s = new FeatureStatistics("d", "e", 5, new double[] {1.5, -2}, new double[] {1, 0.25, 0.25, 3});
        Path file = s.write(tmp.resolve("s.stats"));
        assertEquals(lddgan.data.Download.sha256(file), s.sha256());
        FeatureStatistics other = new FeatureStatistics("d", "e", 5, new double[] {1.5, -2}, new double[] {1, 0.25, 0.25,
                Math.nextUp(3.0)});
        assertTrue(!s.sha256().equals(other.sha256()), "one ulp of Sigma changes the digest");
    }

    @Test
    void momentsInBatchesEqualTheBatchesAddedOneByOne() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            ai.djl.ndarray.NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(23, 4));
            FeatureMoments byHand = new FeatureMoments(4);
            for (int from = 0; from < 23; from += 5) {
                byHand.add(x.get(from + ":" + Math.min(23, from + 5)));
            }
            FeatureStatistics a = byHand.statistics("d", "e");
            FeatureStatistics b = FeatureMoments.inBatches(x, 5).statistics("d", "e");
            assertArrayEquals(a.mean(), b.mean());
            assertArrayEquals(a.covariance(), b.covariance());
            assertEquals(23, b.count());
        }
    }
}
