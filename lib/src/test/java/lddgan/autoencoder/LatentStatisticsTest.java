package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Latent statistics and distance from N(0, I) for the KL ablation (LDDGAN Sec. 5.3.2, Table 7). */
class LatentStatisticsTest {

    /** (N, C, H, W) values with channel c = means[c] + stds[c] * N(0, 1). */
    private static float[] gaussian(Random r, int n, int h, int w, double[] means, double[] stds) {
        int c = means.length;
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                for (int p = 0; p < h * w; p++) {
                    v[(i * c + k) * h * w + p] = (float) (means[k] + stds[k] * r.nextGaussian());
                }
            }
        }
        return v;
    }

    @Test
    void klOfTheMomentMatchedGaussianHasTheClosedForm() {
        assertEquals(0, LatentStatistics.klFromStandardNormal(0, 1), 0);
        // 0.5 (s^2 + m^2 - 1 - ln s^2) with m = 0.5, s = 2
        assertEquals(0.5 * (4 + 0.25 - 1 - Math.log(4)), LatentStatistics.klFromStandardNormal(0.5, 2), 1e-15);
        assertEquals(0.5 * 9, LatentStatistics.klFromStandardNormal(3, 1), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, LatentStatistics.klFromStandardNormal(1, 0));
    }

    @Test
    void exactMomentsOfAKnownSet() {
        // N = 4, C = 2, H = 1, W = 2; channel 0 takes m0 +- s0 equally often, channel 1 takes m1 +- s1
        double m0 = 0.5;
        double s0 = 2;
        double m1 = -3;
        double s1 = 0.25;
        float[] v = new float[4 * 2 * 2];
        for (int i = 0; i < 4; i++) {
            v[(i * 2) * 2] = (float) (m0 + s0);
            v[(i * 2) * 2 + 1] = (float) (m0 - s0);
            v[(i * 2 + 1) * 2] = (float) (i % 2 == 0 ? m1 + s1 : m1 - s1);
            v[(i * 2 + 1) * 2 + 1] = (float) (i % 2 == 0 ? m1 - s1 : m1 + s1);
        }
        LatentStatistics s = LatentStatistics.of(v, 4, 2, 2.5);
        assertEquals(4, s.images());
        assertEquals(2, s.channels());
        assertEquals(8, s.valuesPerChannel());
        assertArrayEquals(new double[] {m0, m1}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {s0, s1}, s.std(), 1e-15);
        assertArrayEquals(new double[] {m0 - s0, m1 - s1}, s.min(), 0);
        assertArrayEquals(new double[] {m0 + s0, m1 + s1}, s.max(), 0);
        double kl0 = 0.5 * (s0 * s0 + m0 * m0 - 1 - Math.log(s0 * s0));
        double kl1 = 0.5 * (s1 * s1 + m1 * m1 - 1 - Math.log(s1 * s1));
        assertArrayEquals(new double[] {kl0, kl1}, s.klPerChannel(), 1e-13);
        assertEquals(kl0 + kl1, s.klSum(), 1e-13);
        assertEquals((kl0 + kl1) / 2, s.klMean(), 1e-13);
        assertEquals(3.25, s.maxAbs(), 0);
        // |z| > 2.5: channel 1's 8 values (|z| = 2.75 or 3.25); channel 0: 2.5 is not outside, 1.5 neither
        assertEquals(8, s.valuesOutside());
        assertEquals(0.5, s.fractionOutside(), 0);
        assertEquals(2.5, s.scale());
    }

    @Test
    void standardNormalSamplesAreAtKlNearZero() {
        LatentStatistics s = LatentStatistics.of(gaussian(new Random(1), 2000, 8, 8, new double[] {0, 0, 0},
                new double[] {1, 1, 1}), 2000, 3, 1);
        for (int c = 0; c < 3; c++) {
            assertEquals(0, s.mean()[c], 0.01);
            assertEquals(1, s.std()[c], 0.01);
            assertTrue(s.klPerChannel()[c] >= 0 && s.klPerChannel()[c] < 1e-3, "KL " + s.klPerChannel()[c]);
        }
        // P(|N(0, 1)| > 1) = 0.3173
        assertEquals(0.3173, s.fractionOutside(), 0.005);
    }

    @Test
    void shiftedAndScaledSamplesHaveTheClosedFormKl() {
        double[] means = {0.5, -1};
        double[] stds = {2, 0.5};
        LatentStatistics s = LatentStatistics.of(gaussian(new Random(2), 2000, 8, 8, means, stds), 2000, 2, 4);
        double sum = 0;
        for (int c = 0; c < 2; c++) {
            double kl = LatentStatistics.klFromStandardNormal(means[c], stds[c]);
            assertEquals(kl, s.klPerChannel()[c], 0.01 * Math.max(1, kl), "channel " + c);
            sum += kl;
        }
        assertEquals(sum, s.klSum(), 0.02);
        assertEquals(sum / 2, s.klMean(), 0.01);
        // P(|z| > 4): channel 0 N(0.5, 4): P(z > 4) + P(z < -4) = Q(1.75) + Q(2.25) = 0.04006 + 0.01222;
        // channel 1 N(-1, 0.25): nothing
        assertEquals((0.04006 + 0.01222) / 2, s.fractionOutside(), 0.003);
    }

    @Test
    void streamingOverBatchesEqualsOneShotAndTheNdArrayPath() {
        Random r = new Random(5);
        float[] v = gaussian(r, 10, 3, 2, new double[] {100, -0.1, 3}, new double[] {0.01, 1, 5});
        LatentStatistics once = LatentStatistics.of(v, 10, 3, 1);
        LatentStatistics.Accumulator batched = new LatentStatistics.Accumulator(3, 1);
        int per = 3 * 3 * 2;
        int[] sizes = {1, 3, 6};
        int at = 0;
        for (int size : sizes) {
            batched.add(v, at * per, size * per, size);
            at += size;
        }
        LatentStatistics streamed = batched.result();
        LatentStatistics.Accumulator viaNd = new LatentStatistics.Accumulator(3, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            viaNd.add(m.create(Arrays.copyOfRange(v, 0, 4 * per), new Shape(4, 3, 3, 2)));
            viaNd.add(m.create(Arrays.copyOfRange(v, 4 * per, 10 * per), new Shape(6, 3, 3, 2)));
            assertThrows(IllegalArgumentException.class, () -> viaNd.add(m.zeros(new Shape(2, 4, 3, 2))));
        }
        LatentStatistics nd = viaNd.result();
        // two-pass reference in double
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                for (int p = 0; p < 6; p++) {
                    sum += v[(i * 3 + c) * 6 + p];
                }
            }
            double mean = sum / 60;
            double sq = 0;
            for (int i = 0; i < 10; i++) {
                for (int p = 0; p < 6; p++) {
                    double d = v[(i * 3 + c) * 6 + p] - mean;
                    sq += d * d;
                }
            }
            double std = Math.sqrt(sq / 60);
            for (LatentStatistics s : new LatentStatistics[] {once, streamed, nd}) {
                assertEquals(mean, s.mean()[c], 1e-12 * Math.max(1, Math.abs(mean)));
                assertEquals(std, s.std()[c], 1e-10 * std);
            }
        }
        for (LatentStatistics s : new LatentStatistics[] {streamed, nd}) {
            assertEquals(10, s.images());
            assertArrayEquals(once.min(), s.min(), 0);
            assertArrayEquals(once.max(), s.max(), 0);
            assertEquals(once.valuesOutside(), s.valuesOutside());
        }
    }

    @Test
    void serialisesToJsonAndBackIncludingAConstantChannel() throws Exception {
        float[] v = {1, 1, -2, 0, 1, 1, 2, 0};
        LatentStatistics s = LatentStatistics.of(v, 2, 2, 1.5);
        assertEquals(Double.POSITIVE_INFINITY, s.klPerChannel()[0], "a constant channel is infinitely far from N(0, 1)");
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(s);
        assertTrue(text.contains("\"klPerChannel\"") && text.contains("\"fractionOutside\""), text);
        LatentStatistics back = json.readValue(text, LatentStatistics.class);
        assertArrayEquals(s.mean(), back.mean(), 0);
        assertArrayEquals(s.std(), back.std(), 0);
        assertArrayEquals(s.klPerChannel(), back.klPerChannel(), 0);
        assertEquals(s.klSum(), back.klSum());
        assertEquals(2, back.valuesOutside());
        assertEquals(0.25, back.fractionOutside());
        assertThrows(IllegalStateException.class, () -> new LatentStatistics.Accumulator(2, 1).result());
        assertThrows(IllegalArgumentException.class, () -> new LatentStatistics.Accumulator(2, 0));
    }
}
