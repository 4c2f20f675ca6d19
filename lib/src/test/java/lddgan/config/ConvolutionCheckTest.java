package lddgan.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine self-check: its closed forms, and the engine of this test run passing it. */
class ConvolutionCheckTest {

    @Test
    void forwardClosedFormCountsTheTapsInsideTheImage() {
        // 2 input channels, 3x3 image, stride 1: corners see 4 taps, edges 6, the centre 9
        double[] y = new ConvolutionCheck.Case("f", 1, 2, 1, 3, 1, false).expected();
        assertArrayEquals(new double[] {8, 12, 8, 12, 18, 12, 8, 12, 8}, y);
        // stride 2 on 4x4: outputs at rows 0, 2 read rows {-1,0,1} and {1,2,3}: 2 and 3 taps
        double[] s2 = new ConvolutionCheck.Case("f", 1, 1, 1, 4, 2, false).expected();
        assertArrayEquals(new double[] {4, 6, 6, 9}, s2);
    }

    @Test
    void inputGradientClosedFormCountsTheOutputsThatReadEachPixel() {
        // stride 1 on 3x3 with 5 output channels: pixel (h, w) is read by as many outputs as it has taps
        double[] dx = new ConvolutionCheck.Case("g", 1, 1, 5, 3, 1, true).expected();
        assertArrayEquals(new double[] {20, 30, 20, 30, 45, 30, 20, 30, 20}, dx);
        // stride 2 on 4x4 (outputs 0, 2): rows 0, 2 are read once, row 1 twice (by both outputs), row 3 once
        double[] s2 = new ConvolutionCheck.Case("g", 1, 1, 1, 4, 2, true).expected();
        assertArrayEquals(new double[] {1, 2, 1, 1, 2, 4, 2, 2, 1, 2, 1, 1, 1, 2, 1, 1}, s2);
    }

    @Test
    void theEngineOfThisRunComputesEveryCaseRight() {
        // fails on a machine whose CPU kernels are wrong unless DNNL_MAX_CPU_ISA=SSE41 is set (make setup sets it)
        List<String> failures = ConvolutionCheck.failures();
        assertEquals(List.of(), failures, () -> ConvolutionCheck.message(failures, System.getenv(ConvolutionCheck.ISA_VARIABLE)));
        ConvolutionCheck.requireCorrect();
    }

    @Test
    void theErrorNamesTheCasesAndTheRemedy() {
        String unset = ConvolutionCheck.message(List.of("forward, 17 input channels: element 0 is NaN"), null);
        assertTrue(unset.contains("element 0 is NaN") && unset.contains("DNNL_MAX_CPU_ISA=SSE41")
                && unset.contains("build/engine.env"), unset);
        String set = ConvolutionCheck.message(List.of("x"), "AVX2");
        assertTrue(set.contains("DNNL_MAX_CPU_ISA is AVX2; try DNNL_MAX_CPU_ISA=SSE41"), set);
    }
}
