package lddgan.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lddgan.config.ProjectPaths;
import lddgan.data.ImageSet;

/**
 * Cached FID reference statistics of a real image set, per extractor: the paper compares 50k generated samples
 * with training-set statistics (REFERENCE-CODE.md section 7). Stored under
 * {@code .cache/fid-stats/<extractor id>/<dataset key>.stats}; a file whose header names another extractor, dataset
 * or count is recomputed, never used.
 */
public final class ReferenceStatistics {
    /** Images per feature batch. */
    public static final int BATCH_SIZE = 250;

    private ReferenceStatistics() {
    }

    /** The statistics of {@code images} under {@code extractor}, from the project cache or computed and cached. */
    public static FeatureStatistics of(FeatureExtractor extractor, ImageSet images) throws IOException {
        return of(extractor, images, ProjectPaths.cacheDir().resolve("fid-stats"));
    }

    /** As {@link #of(FeatureExtractor, ImageSet)} with the cache folder given. */
    public static FeatureStatistics of(FeatureExtractor extractor, ImageSet images, Path cacheRoot) throws IOException {
        DatasetKey key = DatasetKey.of(images);
        Path file = cacheRoot.resolve(extractor.id()).resolve(key.text() + ".stats");
        if (Files.isRegularFile(file)) {
            FeatureStatistics cached = FeatureStatistics.read(file);
            if (cached.dataset().equals(key.text()) && cached.extractorId().equals(extractor.id())
                    && cached.count() == images.size() && cached.dimension() == extractor.dimension()) {
                return cached;
            }
        }
        FeatureStatistics computed = FeatureStatistics.of(extractor, images, BATCH_SIZE, key.text());
        computed.write(file);
        return computed;
    }
}
