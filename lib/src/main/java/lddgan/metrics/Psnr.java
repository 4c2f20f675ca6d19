package lddgan.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Peak signal-to-noise ratio of an autoencoder's reconstructions against the originals (LDDGAN Sec. 4.2 and Table 1
 * report the reconstruction FID; the LDM paper, whose autoencoders REFERENCE-CODE.md section 6 follows, reports PSNR
 * beside it): PSNR = 10 log10(R^2 / MSE) dB with R the data range.
 *
 * <p>Images are (N, C, H, W) in [-1, 1], so R = {@value #DATA_RANGE}: PSNR = 10 log10(4 / MSE). This is the same
 * number as on images mapped to [0, 1] with R = 1 (x' = (x + 1) / 2 divides the MSE by 4) and as the 8-bit PSNR
 * 10 log10(255^2 / MSE_255) on x'' = 255 x', up to the 8-bit rounding, which is not applied here. Nothing is clipped
 * either: pass reconstructions as they are to be judged (e.g. clamped to [-1, 1] as {@code LatentSpace.decode}
 * returns them).
 *
 * <p>Two aggregates ({@link Result}): the headline {@code meanPerImage}, the mean over images of each image's PSNR
 * (the LDM literature's convention, reported as mean +- std), and {@code overall}, the PSNR of the MSE over every
 * value of the set (which weights bad images less, since the log is taken after averaging). An image reconstructed
 * exactly has MSE 0 and PSNR +infinity (no cap); then {@code meanPerImage} is +infinity, {@code stdPerImage} NaN, and
 * {@code identicalImages} counts such images.
 */
public final class Psnr {
    /** The data range R of images in [-1, 1]. */
    public static final double DATA_RANGE = 2.0;

    private Psnr() {
    }

    /**
     * The PSNR and its aggregates over a set.
     *
     * @param images N, the images compared
     * @param meanPerImage the mean of the per-image PSNR (dB): the number to report, as LDM does
     * @param stdPerImage the population standard deviation of the per-image PSNR (NaN when an image is identical)
     * @param minPerImage the worst image's PSNR
     * @param overall 10 log10(R^2 / mse), the PSNR of the pooled MSE
     * @param mse the mean squared error over every value of the set
     * @param identicalImages images with MSE 0 (PSNR +infinity)
     * @param dataRange R
     */
    public record Result(long images, double meanPerImage, double stdPerImage, double minPerImage, double overall,
                         double mse, long identicalImages, double dataRange) {
    }

    /** 10 log10(R^2 / mse) with R = {@value #DATA_RANGE}; +infinity for mse = 0. */
    public static double fromMse(double mse) {
        return fromMse(mse, DATA_RANGE);
    }

    /**
     * 10 log10(dataRange^2 / mse); +infinity for mse = 0.
     *
     * @throws IllegalArgumentException when mse is negative or NaN or the range is not positive
     */
    public static double fromMse(double mse, double dataRange) {
        if (!(mse >= 0) || !(dataRange > 0)) {
            throw new IllegalArgumentException("PSNR needs mse >= 0 and a positive data range, got mse " + mse
                    + ", range " + dataRange);
        }
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(dataRange * dataRange / mse);
    }

    /**
     * Each image's PSNR (dB), images in [-1, 1].
     *
     * @param reconstructions (N, C, H, W)
     * @param originals (N, C, H, W), same shape
     */
    public static double[] perImage(NDArray reconstructions, NDArray originals) {
        double[] mse = perImageMse(reconstructions, originals);
        double[] psnr = new double[mse.length];
        for (int i = 0; i < mse.length; i++) {
            psnr[i] = fromMse(mse[i]);
        }
        return psnr;
    }

    /** The PSNR aggregates of one batch; for a set in several batches use an {@link Accumulator}. */
    public static Result of(NDArray reconstructions, NDArray originals) {
        return new Accumulator().add(reconstructions, originals).result();
    }

    /** Each image's mean squared error, in float64. */
    static double[] perImageMse(NDArray reconstructions, NDArray originals) {
        Shape s = originals.getShape();
        if (s.dimension() != 4 || !s.equals(reconstructions.getShape())) {
            throw new IllegalArgumentException("PSNR compares images (N, C, H, W) of one shape, got reconstructions "
                    + reconstructions.getShape() + " and originals " + s);
        }
        float[] a = reconstructions.toType(DataType.FLOAT32, false).toFloatArray();
        float[] b = originals.toType(DataType.FLOAT32, false).toFloatArray();
        int n = (int) s.get(0);
        double[] mse = new double[n];
        if (n == 0) {
            return mse;
        }
        int per = a.length / n;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = i * per; k < (i + 1) * per; k++) {
                double d = (double) a[k] - b[k];
                sum += d * d;
            }
            mse[i] = sum / per;
        }
        return mse;
    }

    /** PSNR over a set given batch by batch (all images must have the same number of values). */
    public static final class Accumulator {
        private long images;
        private long identical;
        private double psnrMean;
        private double psnrSquaredDeviations;
        private double minPsnr = Double.POSITIVE_INFINITY;
        private double mseSum;

        /** Adds a batch of reconstructions and their originals, (N, C, H, W) in [-1, 1]. */
        public Accumulator add(NDArray reconstructions, NDArray originals) {
            for (double mse : perImageMse(reconstructions, originals)) {
                add(mse);
            }
            return this;
        }

        /** Adds one image's mean squared error (on [-1, 1] images). */
        public Accumulator add(double mse) {
            double psnr = fromMse(mse);
            images++;
            mseSum += mse;
            minPsnr = Math.min(minPsnr, psnr);
            if (Double.isInfinite(psnr)) {
                identical++;
                return this;
            }
            long finite = images - identical;
            double delta = psnr - psnrMean;
            psnrMean += delta / finite;
            psnrSquaredDeviations += delta * (psnr - psnrMean);
            return this;
        }

        /**
         * The aggregates of everything added.
         *
         * @throws IllegalStateException when nothing was added
         */
        public Result result() {
            if (images == 0) {
                throw new IllegalStateException("no images were added");
            }
            long finite = images - identical;
            double mean = identical > 0 ? Double.POSITIVE_INFINITY : psnrMean;
            double std = identical > 0 ? Double.NaN : Math.sqrt(psnrSquaredDeviations / finite);
            double mse = mseSum / images;
            return new Result(images, mean, std, minPsnr, fromMse(mse), mse, identical, DATA_RANGE);
        }
    }
}
