package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-evaluation cost line of the samplers (notebook 05). */
class NfeCostTest {
    @Test
    void anExactLineIsRecovered() {
        // 0.5 s overhead + 0.02 s per evaluation
        int[] nfe = {10, 20, 50, 100, 1000};
        double[] seconds = new double[nfe.length];
        for (int i = 0; i < nfe.length; i++) {
            seconds[i] = 0.5 + 0.02 * nfe[i];
        }
        NfeCost c = NfeCost.fit(nfe, seconds);
        assertEquals(0.5, c.overheadSeconds(), 1e-12);
        assertEquals(0.02, c.secondsPerEvaluation(), 1e-12);
        assertEquals(0.02, c.perEvaluation(50, 1.5), 1e-12);
    }

    @Test
    void theLeastSquaresLineOfThreePoints() {
        // points (1, 1), (2, 3), (3, 2): slope 0.5, intercept 1
        NfeCost c = NfeCost.fit(new int[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(0.5, c.secondsPerEvaluation(), 1e-12);
        assertEquals(1.0, c.overheadSeconds(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> NfeCost.fit(new int[] {4, 4}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> NfeCost.fit(new int[] {4}, new double[] {1}));
    }

    @Test
    void samplingTimesOfOneBatchSizeShareALineOthersAreRefused() {
        TimingProtocol hundred = new TimingProtocol(100, 0, 2);
        NfeCost c = NfeCost.fit(List.of(new SamplingTime(0.7, 0, 10, hundred, "cpu"),
                new SamplingTime(2.5, 0, 100, TimingProtocol.onEvaluationBatches(100, 0, 1), "cpu")));
        assertEquals(0.02, c.secondsPerEvaluation(), 1e-12);
        assertEquals(0.5, c.overheadSeconds(), 1e-12);
        var error = assertThrows(IllegalArgumentException.class, () -> NfeCost.fit(List.of(
                new SamplingTime(0.7, 0, 10, hundred, "cpu"), new SamplingTime(0.1, 0, 10, new TimingProtocol(8, 0, 2), "cpu"))));
        assertTrue(error.getMessage().contains("[8, 100]"), error.getMessage());
    }
}
