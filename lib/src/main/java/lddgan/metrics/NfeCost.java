package lddgan.metrics;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cost model of a sampler family that shares one network: time per batch = overhead + NFE x cost per evaluation
 * (LDDGAN Table 3's time column; the overhead is what every sampler pays once: x_T, the decoder). A least-squares line
 * through the measured (NFE, seconds) points of DDPM and the DDIM step counts gives both; a cost per evaluation that
 * is the same for every sampler is what "time grows with the NFE" means.
 *
 * @param overheadSeconds the intercept: seconds per batch at NFE 0
 * @param secondsPerEvaluation the slope: seconds per network evaluation of a batch
 */
public record NfeCost(double overheadSeconds, double secondsPerEvaluation) {

    /**
     * The least-squares line through the points.
     *
     * @throws IllegalArgumentException with fewer than two distinct NFE values
     */
    public static NfeCost fit(int[] nfe, double[] seconds) {
        if (nfe.length != seconds.length || nfe.length < 2) {
            throw new IllegalArgumentException("need at least two (NFE, seconds) points, got " + nfe.length + " and "
                    + seconds.length);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < nfe.length; i++) {
            mx += nfe[i];
            my += seconds[i];
        }
        mx /= nfe.length;
        my /= nfe.length;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < nfe.length; i++) {
            sxx += (nfe[i] - mx) * (nfe[i] - mx);
            sxy += (nfe[i] - mx) * (seconds[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("the NFE values must not all be equal");
        }
        double slope = sxy / sxx;
        return new NfeCost(my - slope * mx, slope);
    }

    /**
     * The line through measured sampling times, which must be times of the same batch size (a time per batch of 8
     * and one per batch of 100 are not on one line).
     *
     * @throws IllegalArgumentException naming the batch sizes when they differ
     */
    public static NfeCost fit(List<SamplingTime> times) {
        Set<Integer> batches = new TreeSet<>();
        times.forEach(t -> batches.add(t.protocol().batchSize()));
        if (batches.size() > 1) {
            throw new IllegalArgumentException("sampling times of different batch sizes " + batches
                    + " cannot share one cost line; time every sampler on the same batch size");
        }
        return fit(times.stream().mapToInt(SamplingTime::nfe).toArray(),
                times.stream().mapToDouble(SamplingTime::meanSeconds).toArray());
    }

    /** The cost per evaluation that one measurement implies after the overhead: (seconds - overhead) / NFE. */
    public double perEvaluation(int nfe, double seconds) {
        return (seconds - overheadSeconds) / nfe;
    }
}
