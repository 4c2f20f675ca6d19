package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import lddgan.autoencoder.Autoencoder;
import lddgan.discriminator.Discriminator;
import lddgan.generator.NcsnppGenerator;
import lddgan.nn.ComposedBlock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The released full-size configurations (the parity fixtures' {@code manifests/*.tsv}: key, shape, numel of every
 * tensor of the reference's state_dict): each preset's parameters map one-to-one onto the manifest's keys with equal
 * shapes. Without the fixtures each case prints so and is reported as skipped.
 */
class ReferenceManifestTest {

    /** Manifest file name -> our preset. */
    private static final Map<String, Supplier<Block>> PRESETS = Map.of(
            "G-lddgan-cifar10", () -> NcsnppGenerator.preset("lddgan-cifar10"),
            "G-lddgan-celebahq", () -> NcsnppGenerator.preset("lddgan-celebahq"),
            "G-lddgan-lsun", () -> NcsnppGenerator.preset("lddgan-lsun"),
            "G-ddgan-cifar10", () -> NcsnppGenerator.preset("ddgan-cifar10"),
            "G-wddgan-cifar10", () -> NcsnppGenerator.preset("wddgan-cifar10"),
            "D-lddgan-cifar10", () -> Discriminator.preset("lddgan-cifar10"),
            "D-lddgan-celebahq", () -> Discriminator.preset("lddgan-celebahq"),
            "D-ddgan-cifar10", () -> Discriminator.preset("ddgan-cifar10"),
            "AE-cifar10-f2", () -> Autoencoder.preset("cifar10-f2"),
            "AE-lsun-kl-f8", () -> Autoencoder.preset("lsun-kl-f8"));

    static Map<String, String> manifest(Path tsv) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            if (f.length >= 2 && !f[0].equals("key")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"G-lddgan-cifar10", "G-lddgan-celebahq", "G-lddgan-lsun", "G-ddgan-cifar10",
        "G-wddgan-cifar10", "D-lddgan-cifar10", "D-lddgan-celebahq", "D-ddgan-cifar10", "AE-cifar10-f2", "AE-lsun-kl-f8"})
    void presetMapsOneToOneOntoTheReleasedKeys(String name) throws IOException {
        Path dir = ParityFixturesOrSkip.directory("ReferenceManifestTest " + name);
        Map<String, String> manifest = manifest(dir.resolve("manifests/" + name + ".tsv"));
        Block network = PRESETS.get(name).get();
        try (NDManager manager = NDManager.newBaseManager()) {
            init(network, manager);
            Map<String, String> ours = new LinkedHashMap<>();
            for (ReferenceKeys.Entry e : ReferenceKeys.of(network)) {
                String shape = TorchTensor.shapeText(e.transform().referenceShape(e.parameter().getArray().getShape()
                        .getShape()));
                assertTrue(ours.put(e.key(), shape) == null, "two parameters map to " + e.key());
            }
            List<String> problems = new ArrayList<>();
            manifest.forEach((k, s) -> {
                if (!ours.containsKey(k)) {
                    problems.add("not ours: " + k + " " + s);
                } else if (!ours.get(k).equals(s)) {
                    problems.add("shape: " + k + " manifest " + s + ", ours " + ours.get(k));
                }
            });
            ours.keySet().stream().filter(k -> !manifest.containsKey(k)).forEach(k -> problems.add("not in manifest: " + k));
            System.out.println("manifest " + name + ": " + manifest.size() + " keys, " + ours.size() + " ours, "
                    + problems.size() + " problems");
            assertEquals(List.of(), problems, name);
        }
    }

    /** Initialises a generator, discriminator or autoencoder with batch 1. */
    static void init(Block b, NDManager manager) {
        if (b instanceof NcsnppGenerator g) {
            g.initialize(manager, 1);
        } else if (b instanceof ComposedBlock c) {
            c.initialize(manager, 1);
        } else {
            throw new IllegalArgumentException(b.getClass().getName());
        }
    }
}
