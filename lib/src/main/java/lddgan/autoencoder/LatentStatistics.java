package lddgan.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Per-channel statistics of a set of latents (N, C, H, W) and how far they are from N(0, I): the quantity behind the
 * paper's KL-penalty ablation (LDDGAN Sec. 4.2 and 5.3.2, Table 7: an autoencoder trained with a KL penalty towards
 * N(0, I), as LDM's {@code AutoencoderKL}, against one without; REFERENCE-CODE.md section 6). Computed streaming,
 * batch by batch, in float64 ({@link Accumulator}); a record, so Jackson writes and reads it as JSON.
 *
 * <p>Definitions (all on the raw latents z, before any scale factor, except the "outside" counts):
 * <ul>
 *   <li>{@code mean[c]}, {@code std[c]}: the mean and the population standard deviation (divisor N, the maximum
 *       likelihood estimate) of channel c over all images and positions; merged across batches with Chan et al.'s
 *       pairwise update of (count, mean, sum of squared deviations), so large means do not cancel digits;
 *   <li>{@code min[c]}, {@code max[c]}, {@code maxAbs}: extremes (maxAbs over all channels);
 *   <li>{@code klPerChannel[c]} = KL(N(mean_c, std_c^2) || N(0, 1)) = 0.5 (s^2 + m^2 - 1 - ln s^2), the KL divergence of
 *       the moment-matched Gaussian of channel c from N(0, 1) (+infinity for a constant channel);
 *       {@code klSum} = their sum = the KL of the moment-matched diagonal Gaussian of one position's C-vector from
 *       N(0, I_C); {@code klMean} = klSum / C, per latent dimension (the number to compare across autoencoders with
 *       different C). This ignores correlations between channels and positions; by Hadamard's inequality it is a
 *       lower bound of the KL of the full-covariance moment-matched Gaussian. It measures the aggregate latent
 *       distribution, not the per-sample posterior KL term that a KL autoencoder's loss contains;
 *   <li>{@code valuesOutside}, {@code fractionOutside}: values with |z| / scale &gt; 1, i.e. outside [-1, 1] after the
 *       division by {@code scale} that the diffusion applies (REFERENCE-CODE.md section 4), computed as |z| &gt; scale
 *       in float64, and their fraction of all values.
 * </ul>
 *
 * @param images N, the number of latents
 * @param channels C
 * @param valuesPerChannel N * H * W, the values behind each channel's moments
 * @param mean per-channel mean
 * @param std per-channel population standard deviation
 * @param min per-channel minimum
 * @param max per-channel maximum
 * @param klPerChannel per-channel KL(N(mean, std^2) || N(0, 1))
 * @param klSum the sum of {@code klPerChannel}
 * @param klMean the mean of {@code klPerChannel}
 * @param maxAbs max |z| over all values
 * @param scale the divisor behind the "outside" counts
 * @param valuesOutside values with |z| &gt; scale
 * @param fractionOutside valuesOutside / (C * valuesPerChannel)
 */
public record LatentStatistics(long images, int channels, long valuesPerChannel, double[] mean, double[] std,
                               double[] min, double[] max, double[] klPerChannel, double klSum, double klMean,
                               double maxAbs, double scale, long valuesOutside, double fractionOutside) {

    /**
     * KL(N(mean, std^2) || N(0, 1)) = 0.5 (std^2 + mean^2 - 1 - ln std^2): 0 for N(0, 1), +infinity for std = 0.
     */
    public static double klFromStandardNormal(double mean, double std) {
        double variance = std * std;
        if (variance == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 0.5 * (variance + mean * mean - 1 - Math.log(variance));
    }

    /**
     * The statistics of latents held in a float array in (N, C, H, W) order.
     *
     * @param values N * C * H * W values
     * @param images N
     * @param channels C
     * @param scale the divisor for the "outside" counts
     */
    public static LatentStatistics of(float[] values, int images, int channels, double scale) {
        return new Accumulator(channels, scale).add(values, images).result();
    }

    /**
     * Streaming statistics of latents: {@link #add} batches (N, C, H, W), then {@link #result}. Memory is O(C); every
     * batch is read once into Java and reduced in float64.
     */
    public static final class Accumulator {
        private final int channels;
        private final double scale;
        private long images;
        private long count;
        private final double[] mean;
        private final double[] squaredDeviations;
        private final double[] min;
        private final double[] max;
        private long outside;

        /**
         * @param channels C
         * @param scale the divisor for the "outside" counts (positive and finite), e.g. the autoencoder's scale
         *     factor (105 for the paper's CIFAR-10 one, REFERENCE-CODE.md section 2)
         */
        public Accumulator(int channels, double scale) {
            if (channels <= 0) {
                throw new IllegalArgumentException("channels must be positive, got " + channels);
            }
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
            }
            this.channels = channels;
            this.scale = scale;
            this.mean = new double[channels];
            this.squaredDeviations = new double[channels];
            this.min = new double[channels];
            this.max = new double[channels];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        /**
         * Adds a batch of latents (N, C, H, W), any float type, on any device (copied to Java as float32).
         *
         * @throws IllegalArgumentException when the array is not 4-D with C channels
         */
        public Accumulator add(NDArray latents) {
            Shape s = latents.getShape();
            if (s.dimension() != 4 || s.get(1) != channels) {
                throw new IllegalArgumentException("expected latents (N, " + channels + ", H, W), got " + s);
            }
            return add(latents.toType(DataType.FLOAT32, false).toFloatArray(), (int) s.get(0));
        }

        /**
         * Adds a batch of latents held in (N, C, H, W) order.
         *
         * @param values N * C * H * W values
         * @param batchImages N
         * @throws IllegalArgumentException when the length is not a multiple of N * C
         */
        public Accumulator add(float[] values, int batchImages) {
            return add(values, 0, values.length, batchImages);
        }

        /**
         * Adds {@code length} values of {@code values} from {@code offset}, in (N, C, H, W) order.
         *
         * @throws IllegalArgumentException when the range is outside the array or its length is not a positive
         *     multiple of N * C
         */
        public Accumulator add(float[] values, int offset, int length, int batchImages) {
            if (batchImages < 0 || offset < 0 || length < 0 || offset + length > values.length) {
                throw new IllegalArgumentException("bad range [" + offset + ", " + offset + " + " + length + ") of "
                        + values.length + " values for " + batchImages + " images");
            }
            if (batchImages == 0) {
                return this;
            }
            long perChannelSlices = (long) batchImages * channels;
            if (length == 0 || length % perChannelSlices != 0) {
                throw new IllegalArgumentException(length + " values are not " + batchImages + " latents of " + channels
                        + " channels");
            }
            int spatial = (int) (length / perChannelSlices);
            long n = (long) batchImages * spatial;
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                double lo = min[c];
                double hi = max[c];
                for (int i = 0; i < batchImages; i++) {
                    int from = offset + (i * channels + c) * spatial;
                    for (int k = from; k < from + spatial; k++) {
                        double v = values[k];
                        sum += v;
                        if (v < lo) {
                            lo = v;
                        }
                        if (v > hi) {
                            hi = v;
                        }
                        if (Math.abs(v) > scale) {
                            outside++;
                        }
                    }
                }
                double batchMean = sum / n;
                double deviations = 0;
                for (int i = 0; i < batchImages; i++) {
                    int from = offset + (i * channels + c) * spatial;
                    for (int k = from; k < from + spatial; k++) {
                        double d = values[k] - batchMean;
                        deviations += d * d;
                    }
                }
                // Chan, Golub and LeVeque's pairwise merge of (count, mean, M2).
                double total = count + n;
                double delta = batchMean - mean[c];
                mean[c] += delta * n / total;
                squaredDeviations[c] += deviations + delta * delta * count * n / total;
                min[c] = lo;
                max[c] = hi;
            }
            count += n;
            images += batchImages;
            return this;
        }

        /** Latents added so far. */
        public long images() {
            return images;
        }

        /**
         * The statistics of everything added.
         *
         * @throws IllegalStateException when nothing was added
         */
        public LatentStatistics result() {
            if (count == 0) {
                throw new IllegalStateException("no latents were added");
            }
            double[] std = new double[channels];
            double[] kl = new double[channels];
            double klSum = 0;
            double maxAbs = 0;
            for (int c = 0; c < channels; c++) {
                std[c] = Math.sqrt(squaredDeviations[c] / count);
                kl[c] = klFromStandardNormal(mean[c], std[c]);
                klSum += kl[c];
                maxAbs = Math.max(maxAbs, Math.max(Math.abs(min[c]), Math.abs(max[c])));
            }
            return new LatentStatistics(images, channels, count, mean.clone(), std, min.clone(), max.clone(), kl, klSum,
                    klSum / channels, maxAbs, scale, outside, (double) outside / ((double) count * channels));
        }
    }
}
