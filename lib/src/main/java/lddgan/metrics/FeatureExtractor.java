package lddgan.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import lddgan.data.ImageSet;

/**
 * A network that maps images to feature vectors, the space in which FID and precision/recall are measured
 * (REFERENCE-CODE.md section 7: Inception-v3 pool3 for FID, VGG16 for recall).
 *
 * <p>The {@link #id()} names the network and its weights exactly; every metric computed with an extractor carries
 * that id, and numbers computed with different ids are never compared.
 */
public interface FeatureExtractor extends AutoCloseable {
    /** A stable identifier of the network and its weights (for example {@code inception-v3-pool3-2015-12-05}). */
    String id();

    /** Length of one feature vector. */
    int dimension();

    /**
     * Features of a batch of images.
     *
     * @param images (N, 3, H, W) float32 in [-1, 1]
     * @return (N, {@link #dimension()}) float32, attached to the images' manager
     */
    NDArray features(NDArray images);

    /**
     * Features of a whole image set, computed {@code batchSize} images at a time, each batch in its own sub-manager.
     *
     * @return (N, {@link #dimension()}) float32, attached to {@code manager}
     */
    default NDArray features(ImageSet images, int batchSize, NDManager manager) {
        if (images.size() == 0) {
            return manager.zeros(new ai.djl.ndarray.types.Shape(0, dimension()));
        }
        NDList parts = new NDList();
        for (int from = 0; from < images.size(); from += batchSize) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray f = features(images.batch(batch, from, Math.min(images.size(), from + batchSize)));
                f.attach(manager);
                parts.add(f);
            }
        }
        NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        if (parts.size() > 1) {
            parts.close();
        }
        return all;
    }

    /**
     * Whether numbers in this feature space are only proxies of the paper's (true for every extractor but the FID
     * Inception-v3 networks): tables then label their columns "FID (offline proxy)", "KID (offline proxy)"
     * ({@link MetricLabel}).
     */
    default boolean isProxy() {
        return true;
    }

    /** The SHA-256 of the network's weights, recorded with every number computed in its feature space. */
    String weightsSha256();

    /** How images are prepared for the network (quantisation, resize, normalisation), recorded with every FID. */
    String preprocessing();

    /**
     * Class probabilities p(y | x) from this extractor's own features, for the Inception Score (Salimans et al.
     * 2016), when its network ends in a classifier head over those features; empty otherwise.
     *
     * @param features (N, {@link #dimension()}) from {@link #features(NDArray)}
     * @return (N, classes), rows summing to 1, attached to the features' manager
     */
    default java.util.Optional<NDArray> classProbabilities(NDArray features) {
        return java.util.Optional.empty();
    }

    /** Releases native resources (weights); the default holds none. */
    @Override
    default void close() {
    }
}
