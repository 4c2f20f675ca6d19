package lddgan.report;

import ai.djl.ndarray.NDArray;
import org.knowm.xchart.XYChart;

/** Histograms as line charts (the latent diagnostics of notebook 03, LDDGAN Sec. 5.3.2). */
public final class Histograms {
    private Histograms() {
    }

    /**
     * One density curve per channel of {@code latents} (N, C, h, w) over [-range, range] in {@code bins} bins (values
     * outside are counted in the edge bins), beside the N(0, 1) density.
     */
    public static XYChart perChannel(String title, NDArray latents, int bins, double range) {
        long[] s = latents.getShape().getShape();
        if (s.length != 4 || bins < 1 || !(range > 0)) {
            throw new IllegalArgumentException("perChannel needs (N, C, h, w) latents, bins >= 1 and range > 0, got "
                    + latents.getShape() + ", " + bins + ", " + range);
        }
        int channels = (int) s[1];
        int plane = (int) (s[2] * s[3]);
        float[] v = latents.toFloatArray();
        double width = 2 * range / bins;
        double[][] density = new double[channels][bins];
        for (int i = 0; i < v.length; i++) {
            int c = (i / plane) % channels;
            int b = (int) Math.floor((v[i] + range) / width);
            density[c][Math.max(0, Math.min(bins - 1, b))] += 1;
        }
        double perChannel = (double) v.length / channels;
        double[] centres = new double[bins];
        double[] normal = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = -range + (b + 0.5) * width;
            normal[b] = Math.exp(-0.5 * centres[b] * centres[b]) / Math.sqrt(2 * Math.PI);
        }
        XYChart chart = Charts.line(title, "value", "density", 640, 340);
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < bins; b++) {
                density[c][b] /= perChannel * width;
            }
            chart.addSeries("channel " + c, centres, density[c]);
        }
        chart.addSeries("N(0, 1)", centres, normal);
        return chart;
    }
}
