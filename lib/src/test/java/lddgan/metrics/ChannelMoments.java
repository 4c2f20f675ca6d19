package lddgan.metrics;

import ai.djl.ndarray.NDArray;

/**
 * A test extractor: per-channel means and mean squares of an image, a 6-number feature, enough for FID's moments;
 * deterministic and without weights.
 */
public class ChannelMoments implements FeatureExtractor {
    @Override
    public String id() {
        return "channel-moments";
    }

    @Override
    public int dimension() {
        return 6;
    }

    @Override
    public NDArray features(NDArray images) {
        NDArray flat = images.reshape(images.getShape().get(0), 3, -1);
        return flat.mean(new int[] {2}).concat(flat.square().mean(new int[] {2}), 1);
    }

    @Override
    public String weightsSha256() {
        return "none (no weights)";
    }

    @Override
    public String preprocessing() {
        return "none";
    }

    @Override
    public void close() {
    }
}
