package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lddgan.config.JsonPresets;
import lddgan.config.Profile;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.GeneratorSpec;
import lddgan.space.SpaceKind;
import lddgan.generator.UViTConfig;
import org.junit.jupiter.api.Test;

/** Training presets carry REFERENCE-CODE.md's numbers (sections 2, 4, 5; LDDGAN Table 10) and shrink per profile. */
class TrainingConfigTest {

    @Test
    void lddganCifar10IsTheReferenceConfiguration() {
        TrainingConfig c = TrainingConfig.preset("lddgan-cifar10");
        assertEquals(SpaceKind.LATENT, c.space());
        assertEquals(4, c.numSteps());
        assertEquals(256, c.batchSize());
        assertEquals(2000, c.epochs());
        assertEquals(1.6e-4, c.lrG());
        assertEquals(1.25e-4, c.lrD());
        assertEquals(0.5, c.beta1());
        assertEquals(0.9, c.beta2());
        assertEquals(0.9999, c.emaDecay());
        assertEquals(0.02, c.r1Gamma());
        assertEquals(15, c.lazyReg());
        assertEquals(50, c.generator().nz());
        assertEquals(4, c.generator().channels());
        assertEquals(16, c.generator().resolution());
    }

    @Test
    void highResolutionPresetsFollowTheCode() {
        TrainingConfig celeba = TrainingConfig.preset("lddgan-celebahq");
        assertEquals(2, celeba.numSteps());
        assertEquals(2e-4, celeba.lrG());
        assertEquals(1e-4, celeba.lrD());
        assertEquals(0.999, celeba.emaDecay());
        assertEquals(2.0, celeba.r1Gamma());
        assertEquals(10, celeba.lazyReg());
        TrainingConfig lsun = TrainingConfig.preset("lddgan-lsun");
        assertEquals(1.0, lsun.r1Gamma());
        assertEquals(1000, lsun.epochs());
    }

    @Test
    void profilesShrinkTheNetworksButKeepTheLossesAndSchedule() {
        TrainingConfig cpu = TrainingConfig.preset("ddgan-cifar10", Profile.CPU);
        TrainingConfig paper = TrainingConfig.preset("ddgan-cifar10");
        assertEquals("ddgan-cifar10@cpu", cpu.name());
        GeneratorConfig cpuG = (GeneratorConfig) cpu.generator();
        assertEquals(32, cpuG.nf());
        assertEquals(((GeneratorConfig) paper.generator()).chMult(), cpuG.chMult());
        assertEquals(paper.lrG(), cpu.lrG());
        assertEquals(paper.numSteps(), cpu.numSteps());
        assertEquals(paper.reconstruction(), cpu.reconstruction());
        assertEquals(32, cpu.batchSize());
    }

    @Test
    void vitPresetsExtendLddganAndTheirJsonReadsBackAsAViT() {
        TrainingConfig cnn = TrainingConfig.preset("lddgan-cifar10", Profile.CPU);
        TrainingConfig vit = TrainingConfig.preset("lddgan-cifar10-vit-tiny", Profile.CPU);
        assertEquals("lddgan-cifar10-vit-tiny@cpu", vit.name());
        UViTConfig g = assertInstanceOf(UViTConfig.class, vit.generator());
        assertEquals(112, g.embedDim(), "D 448 x nf 32 / 128");
        assertEquals("vit-tiny@cpu", g.name());
        // everything but the generator (and the names) comes from lddgan-cifar10
        assertEquals(cnn.discriminator(), vit.discriminator());
        assertEquals(cnn.toJson().replaceAll("(?s)\"name\".*?\"discriminator\"", ""),
                vit.toJson().replaceAll("(?s)\"name\".*?\"discriminator\"", ""));
        // the backbone is deduced from the keys, both ways
        assertEquals(vit, TrainingConfig.fromJson(vit.toJson()));
        assertEquals(cnn, TrainingConfig.fromJson(cnn.toJson()));
        assertInstanceOf(GeneratorConfig.class, TrainingConfig.fromJson(cnn.toJson()).generator());
        assertEquals(UViTConfig.preset("vit-large"), GeneratorSpec.preset("vit-large"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeneratorSpec.preset("vit-huge"));
        assertTrue(e.getMessage().contains("vit-mid") && e.getMessage().contains("lddgan-cifar10"), e.getMessage());
    }

    @Test
    void unknownPresetsAndMissingProfilesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.preset("nope"));
        assertTrue(e.getMessage().contains("lddgan-cifar10"), e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.preset("lddgan-celebahq", Profile.CPU));
        assertTrue(p.getMessage().contains("'cpu'"), p.getMessage());
    }

    @Test
    void jsonRoundTripsAndBadValuesNameTheField() {
        TrainingConfig c = TrainingConfig.preset("wddgan-cifar10", Profile.SMOKE);
        assertEquals(c, TrainingConfig.fromJson(c.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.fromJson(c.toJson().replace("\"lazyReg\" : 15", "\"lazyReg\" : 0")));
        assertTrue(e.getMessage().contains("lazyReg"), e.getMessage());
    }

    @Test
    void theSpaceIsAnEnumAndAnotherValueNamesTheKeyTheFileAndTheAllowedValues() {
        TrainingConfig c = TrainingConfig.preset("ddgan-cifar10", Profile.SMOKE);
        assertEquals(SpaceKind.PIXEL, c.space());
        assertTrue(c.toJson().contains("\"space\" : \"pixel\""), "written in lower case as before");
        String bad = c.toJson().replace("\"space\" : \"pixel\"", "\"space\" : \"pixels\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPresets.fromJson(bad, TrainingConfig.class, "preset presets/training/broken.json"));
        assertTrue(e.getMessage().contains("presets/training/broken.json"), e.getMessage());
        assertTrue(e.getMessage().contains("'space'"), e.getMessage());
        assertTrue(e.getMessage().contains("[pixel, wavelet, latent]"), e.getMessage());
        assertTrue(e.getMessage().contains("'pixels'"), e.getMessage());
    }
}
