package lddgan.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.AutoencoderConfig;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;
import lddgan.data.Download;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.NcsnppGenerator;
import lddgan.interop.ReferenceWeights;
import lddgan.interop.Safetensors;
import lddgan.metrics.GanEvaluation;
import lddgan.schedule.FewStepVpSchedule;
import lddgan.space.DataSpace;
import lddgan.space.LatentSpace;
import lddgan.space.PixelSpace;
import lddgan.space.WaveletSpace;
import lddgan.train.Algorithm1Sampler;

/**
 * The authors' released checkpoints (issue 19; {@link ReleasedModel}): where they are looked for, which are missing
 * (each named with its expected path), stand-ins in the same layout when they are absent, and each loaded strictly
 * into our networks ({@link ReferenceWeights}) as a sampler of LDDGAN Algorithm 1 with its decoder or inverse DWT.
 *
 * <p>Layout: {@code $LDDGAN_PRETRAINED_DIR/<model directory>/<file>}, e.g. {@code lddgan/cifar10/netG_950.pth} and
 * {@code lddgan/cifar10/16x16x4_551.ckpt}, {@code ddgan/cifar10/netG_1200.pth}, {@code wddgan/cifar10/netG_1300.pth}
 * (README "Released files"). A stand-in is our initialised network at the budget's reduced sizes, exported in the
 * reference layout (the reference's state_dict keys, safetensors, {@code <file stem>.safetensors}) and read back the
 * way a released file is: untrained weights, whose numbers say nothing about the paper.
 */
public final class ReleasedCheckpoints {
    /** The environment variable naming the folder of the released files. */
    public static final String ENV = "LDDGAN_PRETRAINED_DIR";
    /** The system property that overrides {@link #ENV}. */
    public static final String PROPERTY = "lddgan.pretrained";
    /** How a stand-in's weights are described in results. */
    public static final String STAND_IN = "exported stand-in (untrained weights exported in the reference layout; "
            + "numbers say nothing about the paper)";

    private ReleasedCheckpoints() {
    }

    /**
     * The files of one model.
     *
     * @param model the released model
     * @param generator its generator file
     * @param generatorSha256 that file's SHA-256
     * @param autoencoder its first stage's file (LDDGAN), else null
     * @param autoencoderSha256 that file's SHA-256, else null
     * @param standIn the stand-in's sizes, or null for the authors' files (the released configurations)
     */
    public record ModelFiles(ReleasedModel model, Path generator, String generatorSha256, Path autoencoder,
                             String autoencoderSha256, ReleasedCheckpointsBudget.StandIn standIn) {
        /** Whether these are exported stand-ins rather than the authors' files. */
        public boolean isStandIn() {
            return standIn != null;
        }

        /** Which weights: the released files with their SHA-256, or {@link #STAND_IN}. */
        public String weights() {
            if (isStandIn()) {
                return STAND_IN;
            }
            String g = "released " + generator.getFileName() + " sha256 " + generatorSha256;
            return autoencoder == null ? g : g + "; " + autoencoder.getFileName() + " sha256 " + autoencoderSha256;
        }
    }

    /**
     * What a search found.
     *
     * @param directory the folder searched ({@code $LDDGAN_PRETRAINED_DIR} when the variable is not set)
     * @param found the models whose files are all there
     * @param missing one line per missing file: the model, the expected path and who publishes it
     */
    public record Search(Path directory, List<ModelFiles> found, List<String> missing) {
        public Search {
            found = List.copyOf(found);
            missing = List.copyOf(missing);
        }

        /** The found files of {@code model}, if all of them are there. */
        public Optional<ModelFiles> of(ReleasedModel model) {
            return found.stream().filter(f -> f.model().equals(model)).findFirst();
        }

        /** What was found and what is missing, one line each, with what to do about it. */
        public String report() {
            StringBuilder out = new StringBuilder("released checkpoints in " + directory + ":\n");
            found.forEach(f -> out.append("  found ").append(f.model().id()).append(": ").append(f.weights()).append('\n'));
            missing.forEach(m -> out.append("  missing ").append(m).append('\n'));
            if (!missing.isEmpty()) {
                out.append("Put the missing files there (set ").append(ENV).append(" to that folder; README \"Released "
                        + "files\"): the models without them run on exported stand-ins.");
            }
            return out.toString();
        }
    }

    /** The released files of {@code models}: who publishes them, their paths under {@link #ENV}, what they load into. */
    public static tech.tablesaw.api.Table catalogue(List<ReleasedModel> models) {
        tech.tablesaw.api.StringColumn[] c = {tech.tablesaw.api.StringColumn.create("model"),
            tech.tablesaw.api.StringColumn.create("publisher"), tech.tablesaw.api.StringColumn.create("generator"),
            tech.tablesaw.api.StringColumn.create("autoencoder"), tech.tablesaw.api.StringColumn.create("loads into"),
            tech.tablesaw.api.StringColumn.create("provenance")};
        for (ReleasedModel m : models) {
            c[0].append(m.id());
            c[1].append(m.publisher());
            c[2].append(m.directory() + "/" + m.generatorFile());
            c[3].append(m.hasAutoencoder() ? m.directory() + "/" + m.autoencoderFile() : "-");
            c[4].append("generator " + m.generatorPreset()
                    + (m.hasAutoencoder() ? ", autoencoder " + m.autoencoderPreset() : ""));
            c[5].append(m.provenance());
        }
        return tech.tablesaw.api.Table.create("released checkpoints (under $" + ENV + ")").addColumns(c);
    }

    /** {@code $LDDGAN_PRETRAINED_DIR} (or {@code -Dlddgan.pretrained}) when set and not blank. */
    public static Optional<Path> directory() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
    }

    /** Searches {@link #directory()}; without it every file is missing, named under {@code $LDDGAN_PRETRAINED_DIR}. */
    public static Search search(List<ReleasedModel> models) throws IOException {
        return find(directory().orElse(Path.of("$" + ENV)), models);
    }

    /** Searches {@code dir} for the authors' files of {@code models}. */
    public static Search find(Path dir, List<ReleasedModel> models) throws IOException {
        List<ModelFiles> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ReleasedModel m : models) {
            Path g = dir.resolve(m.directory()).resolve(m.generatorFile());
            Path a = m.hasAutoencoder() ? dir.resolve(m.directory()).resolve(m.autoencoderFile()) : null;
            List<String> absent = new ArrayList<>();
            if (!Files.isRegularFile(g)) {
                absent.add(m.id() + ": " + g + " (EMA generator " + m.generatorFile() + ", " + m.publisher() + ")");
            }
            if (a != null && !Files.isRegularFile(a)) {
                absent.add(m.id() + ": " + a + " (autoencoder " + m.autoencoderFile() + ", " + m.publisher() + ")");
            }
            if (absent.isEmpty()) {
                found.add(new ModelFiles(m, g, Download.sha256(g), a, a == null ? null : Download.sha256(a), null));
            }
            missing.addAll(absent);
        }
        return new Search(dir, found, missing);
    }

    /** Where the stand-ins of a profile are exported: {@code <state>/pretrained-stand-ins/<profile>/}. */
    public static Path standInDirectory(Profile profile) {
        return ProjectPaths.stateDir().resolve("pretrained-stand-ins").resolve(profile.id());
    }

    /**
     * The authors' files of each model where {@code search} found them all, else a stand-in exported to
     * {@link #standInDirectory} at the budget's sizes.
     */
    public static List<ModelFiles> resolve(Search search, ReleasedCheckpointsBudget budget, Profile profile,
            NDManager manager) throws IOException {
        List<ModelFiles> out = new ArrayList<>();
        for (ReleasedModel m : budget.releasedModels()) {
            Optional<ModelFiles> released = search.of(m);
            out.add(released.isPresent() ? released.get()
                    : exportStandIn(standInDirectory(profile), m, budget.standIn(), budget.seed(), manager));
        }
        return out;
    }

    /**
     * Exports a stand-in of {@code model}: its networks at {@code sizes}, initialised from {@code seed}, written under
     * the reference's keys to {@code dir/<model directory>/<file stem>.safetensors}.
     */
    public static ModelFiles exportStandIn(Path dir, ReleasedModel model, ReleasedCheckpointsBudget.StandIn sizes,
            long seed, NDManager manager) throws IOException {
        Path folder = dir.resolve(model.directory());
        Files.createDirectories(folder);
        try (NDManager scope = manager.newSubManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            NcsnppGenerator g = generatorConfig(model, sizes).build();
            g.initialize(scope, 1);
            Path gFile = folder.resolve(standInName(model.generatorFile()));
            Safetensors.export(g, gFile);
            Path aFile = null;
            if (model.hasAutoencoder()) {
                Autoencoder ae = new Autoencoder(autoencoderConfig(model, sizes));
                ae.initialize(scope, 1);
                aFile = folder.resolve(standInName(model.autoencoderFile()));
                Safetensors.export(ae, aFile);
            }
            return new ModelFiles(model, gFile, Download.sha256(gFile), aFile, aFile == null ? null
                    : Download.sha256(aFile), sizes);
        }
    }

    /** {@code netG_950.pth} -> {@code netG_950.safetensors}. */
    static String standInName(String released) {
        int dot = released.lastIndexOf('.');
        return (dot < 0 ? released : released.substring(0, dot)) + ".safetensors";
    }

    /** The generator configuration of a model's files: the released one, or shrunk to the stand-in's sizes. */
    public static GeneratorConfig generatorConfig(ReleasedModel model, ReleasedCheckpointsBudget.StandIn sizes) {
        GeneratorConfig released = GeneratorConfig.preset(model.generatorPreset());
        return sizes == null ? released
                : released.withName(released.name() + "@stand-in").scaled(sizes.nf(), sizes.numResBlocks());
    }

    /** The autoencoder configuration of a model's files: the released one, or with the stand-in's base width. */
    public static AutoencoderConfig autoencoderConfig(ReleasedModel model, ReleasedCheckpointsBudget.StandIn sizes) {
        AutoencoderConfig released = AutoencoderConfig.preset(model.autoencoderPreset());
        return sizes == null ? released : released.withCh(sizes.autoencoderCh());
    }

    /**
     * A loaded model: its generator and data space (LDDGAN Algorithm 1: T posterior steps, then the decoder; WDDGAN:
     * the inverse DWT; DDGAN: pixels). Sampling is seeded, so stand-in results repeat.
     *
     * @param files the files it was loaded from
     * @param generator the EMA generator
     * @param autoencoder the first stage (LDDGAN), else null
     * @param space the space the generator works in
     */
    public record Loaded(ModelFiles files, NcsnppGenerator generator, Autoencoder autoencoder, DataSpace space)
            implements GanEvaluation.ImageSource {
        /** T of the released run. */
        public int numSteps() {
            return files.model().numSteps();
        }

        /** The side of the generated images. */
        public long imageSide() {
            long side = generator.config().resolution();
            return autoencoder != null ? side * autoencoder.config().factor()
                    : files.model().space() == lddgan.space.SpaceKind.WAVELET ? side * 2 : side;
        }

        /** One line: the model, T, the networks' sizes, the image side, the weights and the files. */
        public String describe() {
            return files.model().id() + ": T = " + numSteps() + ", " + space.name() + " space, generator nf "
                    + generator.config().nf() + (autoencoder == null ? "" : ", autoencoder ch " + autoencoder.config().ch())
                    + " -> " + imageSide() + "x" + imageSide() + " images\n  weights: " + files.weights() + "\n  from "
                    + files.generator() + (files.autoencoder() == null ? "" : " and " + files.autoencoder());
        }

        @Override
        public NDArray sample(NDManager out, int count, int batch, long seed) {
            return sampler().sample(out, out.getDevice(), count, batch, seed);
        }

        /** Algorithm 1 with this model's generator, T and data space. */
        public Algorithm1Sampler sampler() {
            return new Algorithm1Sampler(generator, FewStepVpSchedule.of(numSteps()), space);
        }
    }

    /**
     * Builds the networks of {@code files} (released or stand-in configuration) in {@code manager}, loads the files
     * strictly ({@link ReferenceWeights#load}: a file for another network fails, listing every key) and freezes them.
     */
    public static Loaded load(ModelFiles files, NDManager manager) throws IOException {
        ReleasedModel m = files.model();
        NcsnppGenerator g = generatorConfig(m, files.standIn()).build();
        g.initialize(manager, 1);
        ReferenceWeights.load(g, files.generator());
        // sampling only: without gradients the engine records no graph (an EMA copy is frozen the same way)
        g.freezeParameters(true);
        Autoencoder ae = null;
        DataSpace space = switch (m.space()) {
            case PIXEL -> new PixelSpace();
            case WAVELET -> new WaveletSpace();
            case LATENT -> null;
        };
        if (m.hasAutoencoder()) {
            ae = new Autoencoder(autoencoderConfig(m, files.standIn()));
            ae.initialize(manager, 1);
            ReferenceWeights.load(ae, files.autoencoder());
            ae.freezeParameters(true);
            space = new LatentSpace(ae);
        }
        return new Loaded(files, g, ae, space);
    }
}
