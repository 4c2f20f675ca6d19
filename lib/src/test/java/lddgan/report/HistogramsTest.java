package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Per-channel latent histograms (notebook 03): densities that integrate to 1, values placed in the right bins. */
class HistogramsTest {

    @Test
    void densitiesIntegrateToOneAndConstantsLandInTheirBin() {
        try (NDManager m = NDManager.newBaseManager()) {
            // channel 0 all 0.25, channel 1 all -0.75; 2 images of 2x2
            float[] v = new float[2 * 2 * 4];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i / 4) % 2 == 0 ? 0.25f : -0.75f;
            }
            XYChart chart = Histograms.perChannel("t", m.create(v, new Shape(2, 2, 2, 2)), 4, 1.0);
            double[] c0 = chart.getSeriesMap().get("channel 0").getYData();
            double[] c1 = chart.getSeriesMap().get("channel 1").getYData();
            // bins of width 0.5 over [-1, 1]: 0.25 -> bin 2, -0.75 -> bin 0; density = 1 / 0.5
            assertEquals(2.0, c0[2], 1e-12);
            assertEquals(2.0, c1[0], 1e-12);
            double sum = 0;
            for (double d : c0) {
                sum += d * 0.5;
            }
            assertEquals(1.0, sum, 1e-12);
            double[] normal = chart.getSeriesMap().get("N(0, 1)").getYData();
            assertEquals(Math.exp(-0.5 * 0.25 * 0.25) / Math.sqrt(2 * Math.PI), normal[2], 1e-12);
        }
    }
}
