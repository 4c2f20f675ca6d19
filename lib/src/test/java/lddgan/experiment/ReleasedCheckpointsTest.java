package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lddgan.config.Profile;
import lddgan.data.SyntheticImages;
import lddgan.discriminator.Discriminator;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.generator.NcsnppGenerator;
import lddgan.interop.ReferenceWeights;
import lddgan.interop.Safetensors;
import lddgan.interop.TorchTensor;
import lddgan.space.PixelSpace;
import lddgan.train.GanTrainer;
import lddgan.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The released checkpoints of notebook 06 ({@link ReleasedCheckpoints}, {@link ReleasedModel}): finding the files and
 * naming each missing one with its expected path, the stand-in's export -> read back -> sample round trip, and a
 * discriminator's file refused as a generator, naming the keys; a loaded model samples what the trainer samples.
 */
class ReleasedCheckpointsTest {
    private static final ReleasedCheckpointsBudget.StandIn TINY = new ReleasedCheckpointsBudget.StandIn(16, 1, 32);

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, relative.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void findsCompleteModelsAndNamesEveryMissingFileWithItsExpectedPath() throws IOException {
        Path ddgan = touch("ddgan/cifar10/netG_1200.pth");
        touch("lddgan/cifar10/netG_950.pth"); // the generator without its autoencoder is not enough
        ReleasedCheckpoints.Search search = ReleasedCheckpoints.find(dir, ReleasedModel.ALL);

        assertEquals(List.of(ReleasedModel.DDGAN_CIFAR10), search.found().stream().map(f -> f.model()).toList());
        ReleasedCheckpoints.ModelFiles found = search.of(ReleasedModel.DDGAN_CIFAR10).orElseThrow();
        assertEquals(ddgan, found.generator());
        assertEquals(lddgan.data.Download.sha256(ddgan), found.generatorSha256());
        assertFalse(found.isStandIn());
        assertTrue(found.weights().startsWith("released netG_1200.pth sha256 " + found.generatorSha256()));
        assertNull(found.autoencoder());
        String missing = String.join("\n", search.missing());
        assertTrue(missing.contains(dir.resolve("lddgan/cifar10/16x16x4_551.ckpt").toString()), missing);
        assertFalse(missing.contains(dir.resolve("lddgan/cifar10/netG_950.pth").toString()), missing);
        assertTrue(missing.contains(dir.resolve("wddgan/cifar10/netG_1300.pth").toString()), missing);
        assertTrue(missing.contains(dir.resolve("lddgan/celeba_256/netG_725.pth").toString()), missing);
        assertTrue(missing.contains(dir.resolve("lddgan/celeba_256/CELEBA_weight.ckpt").toString()), missing);
        assertTrue(missing.contains(dir.resolve("lddgan/lsun/LSUN_weight.ckpt").toString()), missing);
        // two LSUN files, two CelebA-HQ files, one CIFAR-10 autoencoder, one WDDGAN generator
        assertEquals(6, search.missing().size(), missing);
        assertTrue(search.report().contains(ReleasedCheckpoints.ENV), search.report());
    }

    @Test
    void aModelFoundIsUsedAsReleasedAndAMissingOneIsReplacedByAStandIn() throws IOException {
        touch("ddgan/cifar10/netG_1200.pth");
        ReleasedCheckpoints.Search search = ReleasedCheckpoints.find(dir, ReleasedModel.ALL);
        ReleasedCheckpointsBudget budget = new ReleasedCheckpointsBudget(List.of("ddgan-cifar10", "wddgan-cifar10"), 8,
                4, lddgan.metrics.TimingProtocol.cpu(), lddgan.metrics.TimingProtocol.cpu(), 8, TINY, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            System.setProperty("lddgan.state", dir.resolve("state").toString());
            List<ReleasedCheckpoints.ModelFiles> files = ReleasedCheckpoints.resolve(search, budget, Profile.SMOKE,
                    manager);
            assertFalse(files.get(0).isStandIn());
            assertTrue(files.get(1).isStandIn());
            assertEquals(ReleasedCheckpoints.STAND_IN, files.get(1).weights());
            assertEquals(dir.resolve("state/pretrained-stand-ins/smoke/wddgan/cifar10/netG_1300.safetensors"),
                    files.get(1).generator());
        } finally {
            System.clearProperty("lddgan.state");
        }
    }

    @Test
    void aStandInIsExportedInTheReferenceLayoutReadBackAndSampled() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ReleasedCheckpoints.ModelFiles files = ReleasedCheckpoints.exportStandIn(dir, ReleasedModel.LDDGAN_CIFAR10,
                    TINY, 3, manager);
            assertEquals(dir.resolve("lddgan/cifar10/netG_950.safetensors"), files.generator());
            assertEquals(dir.resolve("lddgan/cifar10/16x16x4_551.safetensors"), files.autoencoder());
            Map<String, TorchTensor> exported = Safetensors.read(files.generator());
            assertTrue(exported.containsKey("all_modules.0.weight"), "reference keys: " + exported.keySet());

            ReleasedCheckpoints.Loaded loaded = ReleasedCheckpoints.load(files, manager);
            Map<String, TorchTensor> read = ReferenceWeights.stateDict(loaded.generator());
            assertEquals(exported.keySet(), read.keySet());
            for (String key : exported.keySet()) {
                assertArrayEquals(exported.get(key).toFloats(), read.get(key).toFloats(), 0f, key);
            }
            assertEquals(Safetensors.read(files.autoencoder()).keySet(),
                    ReferenceWeights.stateDict(loaded.autoencoder()).keySet());
            assertEquals(16, loaded.generator().config().nf());
            assertEquals(32, loaded.imageSide());

            NDArray images = loaded.sample(manager, 3, 2, 7);
            assertEquals(new Shape(3, 3, 32, 32), images.getShape());
            assertTrue(images.abs().max().getFloat() <= 1f);
            NDArray again = loaded.sample(manager, 3, 2, 7);
            assertArrayEquals(images.toFloatArray(), again.toFloatArray(), 0f, "seeded sampling repeats");
        }
    }

    @Test
    void aLoadedModelSamplesWhatTheTrainerSamplesWithTheSameGeneratorAndSeed() throws IOException {
        TrainingConfig config = TrainingConfig.preset("ddgan-cifar10", Profile.SMOKE);
        assertEquals(ReleasedModel.DDGAN_CIFAR10.numSteps(), config.numSteps());
        try (GanTrainer trainer = GanTrainer.builder(config, new PixelSpace(), SyntheticImages.generate(8, 32, 5))
                .seed(11).build(); NDManager manager = NDManager.newBaseManager()) {
            ReleasedCheckpoints.Loaded loaded = new ReleasedCheckpoints.Loaded(new ReleasedCheckpoints.ModelFiles(
                    ReleasedModel.DDGAN_CIFAR10, dir.resolve("g"), "-", null, null, TINY),
                    (NcsnppGenerator) trainer.emaGenerator(), null, new PixelSpace());
            assertArrayEquals(trainer.sample(manager, 5, 2, 7).toFloatArray(),
                    loaded.sample(manager, 5, 2, 7).toFloatArray(), 0f, "one Algorithm 1 sampler");
        }
    }

    @Test
    void aDiscriminatorCheckpointLoadedAsTheGeneratorFailsNamingTheKeys() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Discriminator d = new Discriminator(DiscriminatorConfig.preset("lddgan-cifar10").withNgf(8));
            d.initialize(manager, 2);
            Path wrong = dir.resolve("lddgan/cifar10/netG_950.safetensors");
            Files.createDirectories(wrong.getParent());
            Safetensors.export(d, wrong);
            ReleasedCheckpoints.ModelFiles files = new ReleasedCheckpoints.ModelFiles(ReleasedModel.DDGAN_CIFAR10, wrong,
                    "-", null, null, TINY);
            ReferenceWeights.IncompatibleWeightsException e = assertThrows(
                    ReferenceWeights.IncompatibleWeightsException.class, () -> ReleasedCheckpoints.load(files, manager));
            assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("missing: all_modules.0.weight")), e.getMessage());
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("unexpected: t_embed.main.0.weight")),
                    e.getMessage());
        }
    }

    @Test
    void theReferencesOwnDiscriminatorFileAtTheGeneratorsPlaceFailsNamingTheKeys() throws IOException {
        Path fixtures = lddgan.interop.ParityFixtures.directory().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(fixtures != null, lddgan.interop.ParityFixtures.absentMessage());
        // torch.save(state_dict) of the reference's Discriminator_small, keys prefixed module. as released
        Path pth = dir.resolve("lddgan/cifar10/netG_950.pth");
        Files.createDirectories(pth.getParent());
        Files.copy(fixtures.resolve("D-small3-ngf16/weights.pth"), pth);
        touch("lddgan/cifar10/16x16x4_551.ckpt");
        ReleasedCheckpoints.ModelFiles files = ReleasedCheckpoints.find(dir, List.of(ReleasedModel.LDDGAN_CIFAR10))
                .of(ReleasedModel.LDDGAN_CIFAR10).orElseThrow();
        try (NDManager manager = NDManager.newBaseManager()) {
            ReferenceWeights.IncompatibleWeightsException e = assertThrows(
                    ReferenceWeights.IncompatibleWeightsException.class, () -> ReleasedCheckpoints.load(files, manager));
            assertTrue(e.getMessage().contains(pth.toString()), e.getMessage());
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("missing: all_modules.0.weight")), e.getMessage());
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("unexpected: start_conv.")), e.getMessage());
        }
    }

    @Test
    void everyReleasedModelNamesItsFilesAndThePapersNumbers() {
        for (ReleasedModel m : ReleasedModel.ALL) {
            assertTrue(m.generatorFile().matches("netG_\\d+\\.pth"), m.id());
            assertEquals(m.hasAutoencoder(), m.label().equals("LDDGAN"), m.id());
            assertTrue(m.paperFid() > 0 && m.paperTimeSeconds() > 0, m.id());
            assertEquals(m, ReleasedModel.of(m.id()));
        }
        assertEquals("netG_950.pth", ReleasedModel.LDDGAN_CIFAR10.generatorFile());
        assertEquals(1.32, ReleasedModel.LDDGAN_CIFAR10.paperRfid());
        assertEquals("netG_950.safetensors", ReleasedCheckpoints.standInName("netG_950.pth"));
        assertThrows(IllegalArgumentException.class, () -> ReleasedModel.of("stylegan"));
    }
}
