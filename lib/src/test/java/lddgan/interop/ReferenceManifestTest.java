package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The released full-size configurations ({@link ReleasedManifests}): each preset's parameters map one-to-one onto the
 * manifest's keys with equal shapes. Without the fixtures each case prints so and is reported as skipped.
 */
class ReferenceManifestTest {

    @ParameterizedTest
    @ValueSource(strings = {"G-lddgan-cifar10", "G-lddgan-celebahq", "G-lddgan-lsun", "G-ddgan-cifar10",
        "G-wddgan-cifar10", "D-lddgan-cifar10", "D-lddgan-celebahq", "D-ddgan-cifar10", "AE-cifar10-f2", "AE-lsun-kl-f8"})
    void presetMapsOneToOneOntoTheReleasedKeys(String name) throws IOException {
        Path dir = ParityFixturesOrSkip.directory("ReferenceManifestTest " + name);
        List<String> problems = ReleasedManifests.problems(dir, name);
        System.out.println("manifest " + name + ": " + ReleasedManifests.read(dir.resolve("manifests/" + name + ".tsv"))
                .size() + " keys, " + problems.size() + " problems");
        assertEquals(List.of(), problems, name);
    }

    @org.junit.jupiter.api.Test
    void everyReleasedConfigurationIsChecked() {
        assertEquals(10, ReleasedManifests.PRESETS.size());
    }
}
