package lddgan.interop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import lddgan.autoencoder.Autoencoder;
import lddgan.discriminator.Discriminator;
import lddgan.generator.NcsnppGenerator;
import lddgan.io.Json;
import lddgan.metrics.FidInceptionV3;

/**
 * Parity with the reference networks (issue 19; {@code /work/shared/parity/README.md}): for every case directory
 * ({@code G-*}, {@code D-*}, {@code AE-*}) builds our network from the reference arguments of {@code config.json}
 * ({@link ReferenceConfigs}), loads {@code weights.pth} / {@code weights.ckpt} ({@link ReferenceWeights}), runs the
 * inputs of {@code io.npz} and measures max|ours - reference| / max|reference| per output. {@code FID-*} is pytorch-fid's
 * Inception-v3 ({@link FidInceptionCheckpoint}): pool3 and logits of its 32x32 and 299x299 inputs.
 *
 * <p>{@code make parity [FIXTURES=dir]} runs {@link #main}: one line per case, exit status 1 naming every case above
 * {@link #TOLERANCE}, 2 when the fixture directory is absent.
 */
public final class ParityCheck {
    /** The largest relative error that counts as agreement (the fixtures' README expects about 1e-5). */
    public static final double TOLERANCE = 1e-4;

    private ParityCheck() {
    }

    /**
     * One case's outcome.
     *
     * @param name the case directory's name
     * @param network what was built ({@code NcsnppGenerator nf 32 ...}), or why the case was skipped
     * @param errors relative error per output name (empty when skipped)
     * @param skipped whether the case was not checked here
     */
    public record Result(String name, String network, Map<String, Double> errors, boolean skipped) {
        /** The largest relative error over the outputs (0 when skipped). */
        public double relativeError() {
            return errors.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /** Whether the case agrees within {@link #TOLERANCE} (or was skipped). */
        public boolean agrees() {
            return skipped || relativeError() <= TOLERANCE;
        }

        /** One line of the report. */
        public String line() {
            if (skipped) {
                return String.format(Locale.ROOT, "%-24s %-12s %s", name, "skipped", network);
            }
            StringBuilder outputs = new StringBuilder();
            errors.forEach((k, v) -> outputs.append(String.format(Locale.ROOT, " %s %.3e", k, v)));
            return String.format(Locale.ROOT, "%-24s %.3e %-4s %s;%s", name, relativeError(), agrees() ? "ok" : "FAIL",
                    network, outputs);
        }
    }

    /** The case directories of {@code dir} in name order. */
    public static List<Path> cases(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("config.json"))).sorted().toList();
        }
    }

    /** Runs every case of {@code dir}. */
    public static List<Result> runAll(Path dir) throws IOException {
        List<Result> out = new ArrayList<>();
        for (Path c : cases(dir)) {
            out.add(run(c));
        }
        return out;
    }

    /** max|a - b| / max|b| over all elements. */
    public static double relativeError(NDArray ours, NDArray reference) {
        if (!ours.getShape().equals(reference.getShape())) {
            throw new IllegalArgumentException("output shape " + ours.getShape() + " differs from the reference's "
                    + reference.getShape());
        }
        double diff = ours.sub(reference).abs().max().getFloat();
        double scale = reference.abs().max().getFloat();
        return diff / scale;
    }

    /**
     * A case's network, built from its {@code config.json} and initialised for the batch of {@code io.npz}.
     *
     * @param network our network (not yet loaded)
     * @param kind the case's kind ({@code G}, {@code Dsmall}, {@code Dlarge}, {@code AE})
     * @param json the whole {@code config.json}
     * @param description what was built, for the report
     */
    public record Built(Block network, String kind, JsonNode json, String description) {
    }

    /** Builds and initialises the network of a G, D or AE case directory (batch size from {@code io.npz}). */
    public static Built build(NDManager manager, Path caseDir) throws IOException {
        String name = caseDir.getFileName().toString();
        JsonNode json = Json.MAPPER.readTree(caseDir.resolve("config.json").toFile());
        String kind = json.path("kind").asText();
        JsonNode c = json.get("config");
        Map<String, NDArray> io = npz(manager, caseDir.resolve("io.npz"));
        if (kind.equals("G")) {
            NcsnppGenerator g = new NcsnppGenerator(ReferenceConfigs.generator(name, c));
            g.initialize(manager, (int) io.get("x_t").getShape().get(0));
            return new Built(g, kind, json, "NcsnppGenerator nf " + g.config().nf() + " " + g.config().chMult());
        }
        if (kind.startsWith("D")) {
            Shape x = io.get("x_prev").getShape();
            Discriminator d = new Discriminator(ReferenceConfigs.discriminator(name, kind, c, (int) x.get(2)));
            d.initialize(manager, (int) x.get(0));
            return new Built(d, kind, json, "Discriminator " + d.config().variant() + " " + d.config().numBlocks()
                    + " blocks");
        }
        if (kind.equals("AE")) {
            Autoencoder ae = new Autoencoder(ReferenceConfigs.autoencoder(name, c));
            ae.initialize(manager, (int) io.get("x").getShape().get(0));
            return new Built(ae, kind, json, "Autoencoder " + ae.config().regularizer() + " ch " + ae.config().ch() + " "
                    + ae.config().chMult());
        }
        throw new IOException(caseDir + ": unknown kind '" + kind + "' in config.json");
    }

    /** Runs one case directory. */
    public static Result run(Path caseDir) throws IOException {
        String name = caseDir.getFileName().toString();
        if (name.startsWith("FID-")) {
            return fidInception(caseDir);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Built built = build(manager, caseDir);
            load(built.network(), caseDir, built.json());
            Map<String, NDArray> io = npz(manager, caseDir.resolve("io.npz"));
            ParameterStore ps = new ParameterStore(manager, false);
            Map<String, Double> errors = new LinkedHashMap<>();
            if (built.network() instanceof NcsnppGenerator g) {
                NDArray out = g.forward(ps, new NDList(io.get("x_t"), io.get("t"), io.get("z")), false).singletonOrThrow();
                errors.put("out", relativeError(out, io.get("out")));
            } else if (built.network() instanceof Discriminator d) {
                NDArray out = d.forward(ps, new NDList(io.get("x_prev"), io.get("t"), io.get("x_t")), false)
                        .singletonOrThrow();
                errors.put("out", relativeError(out, io.get("out")));
            } else {
                Autoencoder ae = (Autoencoder) built.network();
                errors.put("moments", relativeError(ae.moments(ps, io.get("x"), false), io.get("moments")));
                errors.put("decoded", relativeError(ae.decode(io.get("latent")), io.get("decoded")));
            }
            return new Result(name, built.description(), errors, false);
        }
    }

    /**
     * The FID Inception-v3 case: pool3 and logits of the fixture's 32x32 and 299x299 inputs in [0, 1] (resized to 299,
     * 2x - 1, as pytorch-fid), and the parameter count of {@code config.json}.
     */
    private static Result fidInception(Path caseDir) throws IOException {
        String name = caseDir.getFileName().toString();
        JsonNode json = Json.MAPPER.readTree(caseDir.resolve("config.json").toFile());
        checkParameterCount(caseDir, json, FidInceptionV3.parameterCount());
        try (NDManager manager = NDManager.newBaseManager();
             FidInceptionV3 network = FidInceptionCheckpoint.load(caseDir.resolve("weights.pth"), Device.cpu())) {
            Map<String, NDArray> io = npz(manager, caseDir.resolve("io.npz"));
            Map<String, Double> errors = new LinkedHashMap<>();
            for (String size : List.of("32", "299")) {
                NDArray pool3 = network.pool3(io.get("x" + size));
                errors.put("pool3_" + size, relativeError(pool3, io.get("pool3_" + size)));
                errors.put("logits_" + size, relativeError(network.logits(pool3), io.get("logits_" + size)));
            }
            return new Result(name, "FidInceptionV3 (pytorch-fid), " + FidInceptionV3.parameterCount() + " parameters",
                    errors, false);
        }
    }

    private static void load(Block network, Path caseDir, JsonNode json) throws IOException {
        Path weights = Files.exists(caseDir.resolve("weights.pth")) ? caseDir.resolve("weights.pth")
                : caseDir.resolve("weights.ckpt");
        ReferenceWeights.load(network, weights);
        checkParameterCount(caseDir, json,
                ReferenceKeys.of(network).stream().mapToLong(e -> e.parameter().getArray().size()).sum());
    }

    /** The case's {@code config.json} parameter count (when it has one) must be ours. */
    private static void checkParameterCount(Path caseDir, JsonNode json, long ours) throws IOException {
        long expected = json.path("parameters").asLong(-1);
        if (expected >= 0 && expected != ours) {
            throw new IOException(caseDir + ": config.json counts " + expected + " parameters, ours " + ours);
        }
    }

    /** The arrays of a NumPy {@code .npz} by name ({@link Npz}). */
    public static Map<String, NDArray> npz(NDManager manager, Path file) throws IOException {
        return Npz.read(manager, file);
    }

    /**
     * Prints one line per case of the fixture directory ({@code args[0]}, else {@link ParityFixtures#directory()}) and
     * exits 1 naming the failing cases, 2 when the directory is absent.
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : ParityFixtures.directory().orElse(null);
        if (dir == null || !Files.isDirectory(dir)) {
            System.out.println(dir == null ? ParityFixtures.absentMessage() : "parity fixtures ABSENT: " + dir
                    + " is not a directory; reference parity NOT checked");
            System.exit(2);
        }
        System.out.println("reference parity, " + dir + " (max|ours - ref| / max|ref| <= " + TOLERANCE + ")");
        List<String> failing = new ArrayList<>();
        for (Path c : cases(dir)) {
            Result r;
            try {
                r = run(c);
            } catch (IOException | RuntimeException e) {
                System.out.println(String.format(Locale.ROOT, "%-24s ERROR %s", c.getFileName(), e.getMessage()));
                failing.add(c.getFileName().toString());
                continue;
            }
            System.out.println(r.line());
            if (!r.agrees()) {
                failing.add(r.name());
            }
        }
        // the released full-size configurations, by their key manifests
        for (String name : ReleasedManifests.PRESETS.keySet()) {
            List<String> problems = ReleasedManifests.problems(dir, name);
            System.out.println(String.format(Locale.ROOT, "manifest %-20s %4d keys, %s", name,
                    ReleasedManifests.read(dir.resolve("manifests").resolve(name + ".tsv")).size(),
                    problems.isEmpty() ? "one-to-one, equal shapes" : problems.size() + " problems: " + problems));
            if (!problems.isEmpty()) {
                failing.add("manifest " + name);
            }
        }
        if (!failing.isEmpty()) {
            System.out.println("parity FAILED: " + String.join(", ", failing));
            System.exit(1);
        }
        System.out.println("parity ok");
    }
}
