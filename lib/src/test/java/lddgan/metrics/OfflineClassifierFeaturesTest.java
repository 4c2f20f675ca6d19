package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lddgan.config.Profile;
import lddgan.data.Cifar10;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.report.Conditions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline feature extractor: caching, versioning, and FID on real CIFAR-10 (the acceptance check). */
class OfflineClassifierFeaturesTest {
    @TempDir
    Path tmp;

    @Test
    void cachedVersionedAndReloadedIdentically() throws IOException {
        ImageSet train = SyntheticImages.generate(300, 32, 1);
        ImageSet test = SyntheticImages.generate(100, 32, 2);
        ClassifierConfig tiny = new ClassifierConfig(List.of(8, 16), 32, 1, 50, 1e-3, 0);
        float[] trained;
        String id;
        try (OfflineClassifierFeatures f = OfflineClassifierFeatures.trainOrLoad(train, test, tiny, tmp);
             NDManager m = NDManager.newBaseManager()) {
            id = f.id();
            assertEquals(32, f.dimension());
            assertNotNull(f.metadata().testAccuracy());
            assertEquals(1, f.metadata().epochLosses().size());
            NDArray features = f.features(test.batch(m, 0, 10));
            assertEquals(new ai.djl.ndarray.types.Shape(10, 32), features.getShape());
            trained = features.toFloatArray();
            assertTrue(Files.isRegularFile(tmp.resolve(id).resolve("metadata.json")));
        }
        try (OfflineClassifierFeatures again = OfflineClassifierFeatures.trainOrLoad(train, test, tiny, tmp);
             NDManager m = NDManager.newBaseManager()) {
            assertEquals(id, again.id());
            NDArray images = test.batch(m, 0, 10);
            int attached = m.getManagedArrays().size();
            assertArrayEquals(trained, again.features(images).toFloatArray(), 0f, "reloaded from the cache");
            assertEquals(attached + 1, m.getManagedArrays().size(), "only the features stay attached to the caller's manager");
        }
        assertTrue(id.startsWith("offline-cnn-v" + ClassifierConfig.ARCHITECTURE_VERSION + "-w8.16-f32-e1-b50-"), id);
        assertNotEquals(id, OfflineClassifierFeatures.idFor(tiny.withEpochs(2), train));
        assertNotEquals(id, OfflineClassifierFeatures.idFor(tiny.withSeed(1), train));
        assertNotEquals(id, OfflineClassifierFeatures.idFor(tiny, SyntheticImages.generate(300, 32, 9)));
    }

    @Test
    void testSplitIsCloserToTrainingSplitThanSyntheticImages() throws IOException {
        Optional<Cifar10> cifar = Cifar10.locate();
        assumeTrue(cifar.isPresent(), "no CIFAR-10 on this machine");
        ImageSet train = cifar.get().train();
        ImageSet test = cifar.get().test();
        ImageSet synthetic = SyntheticImages.generate(test.size(), 32, 7);
        long start = System.nanoTime();
        try (OfflineClassifierFeatures extractor = OfflineClassifierFeatures.trainOrLoad(train, test, ClassifierConfig.standard())) {
            OfflineClassifierFeatures.Metadata meta = extractor.metadata();
            FeatureStatistics reference = ReferenceStatistics.of(extractor, train);
            FeatureStatistics testStats = FeatureStatistics.of(extractor, test, 250, DatasetKey.of(test).text());
            FeatureStatistics syntheticStats = FeatureStatistics.of(extractor, synthetic, 250, DatasetKey.of(synthetic).text());
            double fidTest = FrechetDistance.between(testStats, reference);
            double fidSynthetic = FrechetDistance.between(syntheticStats, reference);
            double seconds = (System.nanoTime() - start) * 1e-9;

            Conditions base = Conditions.of(Profile.current(), train.name(), train.size(), Device.cpu(), meta.config().seed(), seconds)
                    .with("extractor", extractor.id()).with("extractor test accuracy", meta.testAccuracy())
                    .with("extractor training seconds", meta.trainingSeconds());
            System.out.printf("offline extractor %s: test accuracy %.4f, trained in %.1f s%n", extractor.id(),
                    meta.testAccuracy(), meta.trainingSeconds());
            System.out.printf("FID(test %d vs train %d) = %.3f; %s%n", test.size(), train.size(), fidTest,
                    base.with("samples", test.size()).summary());
            System.out.printf("FID(synthetic %d vs train %d) = %.3f; %s%n", synthetic.size(), train.size(), fidSynthetic,
                    base.with("samples", synthetic.size()).with("generated", synthetic.name()).summary());

            assertTrue(meta.testAccuracy() > 0.3, "the classifier learned something: accuracy " + meta.testAccuracy());
            assertTrue(fidTest < 0.5 * fidSynthetic, "FID test " + fidTest + " vs synthetic " + fidSynthetic);
        }
    }
}
