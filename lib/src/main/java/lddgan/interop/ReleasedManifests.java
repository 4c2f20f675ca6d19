package lddgan.interop;

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

/**
 * The released full-size configurations, checked without their files: the parity fixtures' {@code manifests/*.tsv}
 * list key, shape and element count of every tensor of the reference's state_dicts (LDDGAN CIFAR-10 / CelebA-HQ /
 * LSUN, DDGAN and WDDGAN CIFAR-10 generators, the small and large discriminators, the CIFAR-10 f = 2 and LSUN f = 8
 * autoencoders), and each library preset's parameters must map one-to-one onto those keys with equal shapes
 * ({@link ReferenceKeys}). {@code make parity} and {@code ReferenceManifestTest} run it.
 */
public final class ReleasedManifests {
    /** Manifest file name (without {@code .tsv}) to the library preset it describes. */
    public static final Map<String, Supplier<Block>> PRESETS = presets();

    private ReleasedManifests() {
    }

    private static Map<String, Supplier<Block>> presets() {
        Map<String, Supplier<Block>> m = new LinkedHashMap<>();
        for (String g : List.of("lddgan-cifar10", "lddgan-celebahq", "lddgan-lsun", "ddgan-cifar10", "wddgan-cifar10")) {
            m.put("G-" + g, () -> NcsnppGenerator.preset(g));
        }
        for (String d : List.of("lddgan-cifar10", "lddgan-celebahq", "ddgan-cifar10")) {
            m.put("D-" + d, () -> Discriminator.preset(d));
        }
        m.put("AE-cifar10-f2", () -> Autoencoder.preset("cifar10-f2"));
        m.put("AE-lsun-kl-f8", () -> Autoencoder.preset("lsun-kl-f8"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The manifest's key to shape text ({@code 128x4x3x3}), in file order. */
    public static Map<String, String> read(Path tsv) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            if (f.length >= 2 && !f[0].equals("key")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    /**
     * What keeps the preset {@code name} from mapping one-to-one onto its manifest in {@code fixtures/manifests/}:
     * manifest keys we lack, keys of ours the manifest lacks, different shapes; empty when they agree.
     *
     * @throws IllegalStateException when two of our parameters map to one key
     */
    public static List<String> problems(Path fixtures, String name) throws IOException {
        Map<String, String> manifest = read(fixtures.resolve("manifests").resolve(name + ".tsv"));
        Block network = PRESETS.get(name).get();
        try (NDManager manager = NDManager.newBaseManager()) {
            initialize(network, manager);
            Map<String, String> ours = new LinkedHashMap<>();
            for (ReferenceKeys.Entry e : ReferenceKeys.of(network)) {
                String shape = TorchTensor.shapeText(e.transform().referenceShape(e.parameter().getArray().getShape()
                        .getShape()));
                if (ours.put(e.key(), shape) != null) {
                    throw new IllegalStateException("two parameters of " + name + " map to " + e.key());
                }
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
            return problems;
        }
    }

    /** Initialises a generator, discriminator or autoencoder with batch 1. */
    private static void initialize(Block b, NDManager manager) {
        if (b instanceof NcsnppGenerator g) {
            g.initialize(manager, 1);
        } else if (b instanceof ComposedBlock c) {
            c.initialize(manager, 1);
        } else {
            throw new IllegalArgumentException("no initialisation for " + b.getClass().getName());
        }
    }
}
