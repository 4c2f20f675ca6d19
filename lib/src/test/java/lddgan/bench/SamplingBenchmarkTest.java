package lddgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lddgan.metrics.TimingProtocol;
import org.junit.jupiter.api.Test;

class SamplingBenchmarkTest {
    /**
     * The interleaved protocol: every model warms up first, then each round times every model once, and the model
     * timed first moves on by one per round, so over three rounds each of three models is first exactly once.
     */
    @Test
    void roundsRotateTheOrder() {
        List<String> calls = new ArrayList<>();
        List<Runnable> passes = List.of(() -> calls.add("A"), () -> calls.add("B"), () -> calls.add("C"));
        double[][] seconds = SamplingBenchmark.interleaved(passes, new TimingProtocol(100, 2, 3));
        assertEquals(List.of("A", "A", "B", "B", "C", "C", "A", "B", "C", "B", "C", "A", "C", "A", "B"), calls);
        assertEquals(3, seconds.length);
        for (double[] model : seconds) {
            assertEquals(3, model.length);
        }
    }

    /** Seconds goals hold where they were set; under a oneDNN cap they are not comparable, and the verdict says why. */
    @Test
    void secondsGoalsAreJudgedOnlyUncapped() {
        assertEquals("reached", SamplingBenchmark.secondsVerdict(11.4, 11.5, null));
        assertEquals("NOT reached", SamplingBenchmark.secondsVerdict(11.6, 11.5, ""));
        assertEquals("not comparable: this run's convolutions are capped at DNNL_MAX_CPU_ISA=SSE41, the goal was set on "
                + SamplingBenchmark.GOAL_MACHINE, SamplingBenchmark.secondsVerdict(5.0, 11.5, "SSE41"));
    }

    /** FLOPs of a 3x3 convolution: 2 x batch x H x W x C_in x C_out x 9 (128 channels at 32x32, batch 100). */
    @Test
    void convolutionFlops() {
        assertEquals(2.0 * 100 * 32 * 32 * 128 * 128 * 9 / 1e9, ConvPeak.Shape3x3.gflop(100, 128, 32), 1e-9);
        assertEquals(30.1989888, ConvPeak.Shape3x3.gflop(100, 256, 16), 1e-9);
    }
}
