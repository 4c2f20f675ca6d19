package lddgan.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lddgan.data.Download;
import lddgan.metrics.FeatureStatistics;

/**
 * pytorch-fid's statistics files: an {@code .npz} with {@code mu} (d) and {@code sigma} (d x d), float64, as
 * {@code pytorch_fid --save-stats} writes them ({@code numpy.savez_compressed(path, mu=mu, sigma=sigma)}) and as
 * published training-set statistics are distributed (for example {@code fid_stats_cifar10_train.npz}). Reading them
 * lets a user score samples against the same reference as the paper; writing them lets others reuse ours. The file
 * holds neither the feature network nor N, so the reader is told which network's features they are; the file's
 * SHA-256 is returned so that every FID can record it.
 */
public final class FidStatisticsNpz {
    /**
     * Statistics read from a file.
     *
     * @param statistics mu and Sigma (count -1: the file does not record N)
     * @param file where they were read from
     * @param sha256 the file's SHA-256
     */
    public record Loaded(FeatureStatistics statistics, Path file, String sha256) {
    }

    private FidStatisticsNpz() {
    }

    /**
     * Reads {@code mu} and {@code sigma}.
     *
     * @param extractorId the id of the feature network the statistics were computed with (FID refuses to compare
     *     statistics of different networks)
     * @param dataset what the statistics describe (for example "CIFAR-10 train, pytorch-fid")
     * @throws IOException naming the file and what was expected and found when an array is missing, not float, or
     *     of mismatched shape
     */
    public static Loaded read(Path file, String extractorId, String dataset) throws IOException {
        Map<String, TorchTensor> arrays = Npz.read(file);
        TorchTensor mu = arrays.get("mu");
        TorchTensor sigma = arrays.get("sigma");
        if (mu == null || sigma == null) {
            throw new CheckpointFormatException(file, "a pytorch-fid statistics file holds arrays 'mu' and 'sigma'; found "
                    + arrays.keySet());
        }
        if (!mu.dtype().isFloating() || !sigma.dtype().isFloating()) {
            throw new CheckpointFormatException(file, "'mu' and 'sigma' must be floating point, found " + mu.dtype()
                    + " and " + sigma.dtype());
        }
        long d = mu.shape().length == 1 ? mu.shape()[0] : -1;
        if (d < 1 || sigma.shape().length != 2 || sigma.shape()[0] != d || sigma.shape()[1] != d) {
            throw new CheckpointFormatException(file, "expected 'mu' (d) and 'sigma' (d, d), found 'mu' "
                    + TorchTensor.shapeText(mu.shape()) + " and 'sigma' " + TorchTensor.shapeText(sigma.shape()));
        }
        FeatureStatistics statistics = new FeatureStatistics(dataset, extractorId, -1, doubles(mu), doubles(sigma));
        return new Loaded(statistics, file, Download.sha256(file));
    }

    /**
     * Writes {@code mu} and {@code sigma} of {@code statistics} as float64, in pytorch-fid's layout.
     *
     * @return the written file's SHA-256
     */
    public static String write(FeatureStatistics statistics, Path file) throws IOException {
        Map<String, TorchTensor> arrays = new LinkedHashMap<>();
        int d = statistics.dimension();
        arrays.put("mu", float64(statistics.mean(), d));
        arrays.put("sigma", float64(statistics.covariance(), d, d));
        Npz.write(file, arrays);
        return Download.sha256(file);
    }

    private static double[] doubles(TorchTensor t) {
        double[] out = new double[Math.toIntExact(t.numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getDouble(i);
        }
        return out;
    }

    private static TorchTensor float64(double[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new TorchTensor(TorchDtype.FLOAT64, shape, b);
    }
}
