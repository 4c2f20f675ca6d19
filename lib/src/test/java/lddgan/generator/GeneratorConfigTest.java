package lddgan.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Presets load strictly; bad values and unknown keys give clear messages. */
class GeneratorConfigTest {

    @Test
    void presetsHaveTheReferenceValues() {
        GeneratorConfig c = GeneratorConfig.preset("lddgan-cifar10");
        assertEquals(4, c.channels());
        assertEquals(16, c.resolution());
        assertEquals(128, c.nf());
        assertEquals(List.of(1, 2, 2), c.chMult());
        assertEquals(List.of(), c.attnResolutions());
        assertEquals(50, c.nz());
        assertEquals(4, c.nMlp());
        GeneratorConfig celeba = GeneratorConfig.preset("ddgan-celebahq");
        assertEquals(List.of(1, 1, 2, 2, 4, 4), celeba.chMult());
        assertEquals(64, celeba.nf());
        for (String name : GeneratorConfig.PRESETS) {
            assertEquals(name, GeneratorConfig.preset(name).name());
        }
    }

    @Test
    void jsonRoundTrips() {
        GeneratorConfig c = GeneratorConfig.preset("lddgan-lsun").withNf(32).withName("lsun-narrow");
        assertEquals(c, GeneratorConfig.fromJson(c.toJson()));
    }

    @Test
    void unknownKeysAndPresetsAreRejected() {
        String json = GeneratorConfig.preset("lddgan-cifar10").toJson().replace("\"nz\"", "\"latentDim\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.fromJson(json));
        assertTrue(e.getMessage().contains("latentDim"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.preset("lddgan-imagenet"));
        assertTrue(e.getMessage().contains("lddgan-cifar10"), e.getMessage());
    }

    @Test
    void wrongValuesGiveClearMessages() {
        GeneratorConfig c = GeneratorConfig.preset("lddgan-cifar10");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withNf(10));
        assertTrue(e.getMessage().contains("lddgan-cifar10") && e.getMessage().contains("nf"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withResolution(18));
        assertTrue(e.getMessage().contains("resolution"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withAttnResolutions(List.of(32)));
        assertTrue(e.getMessage().contains("attnResolutions"), e.getMessage());
        String badJson = c.toJson().replace("\"nMlp\" : 4", "\"nMlp\" : -1");
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.fromJson(badJson));
        assertTrue(e.getMessage().contains("nMlp"), e.getMessage());
        // a width whose concatenated channels the group norms cannot split
        e = assertThrows(IllegalArgumentException.class, () -> new NcsnppGenerator(c.withNf(68)));
        assertTrue(e.getMessage().contains("lddgan-cifar10") && e.getMessage().contains("GroupNorm"), e.getMessage());
    }
}
