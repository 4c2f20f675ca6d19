package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.LatentCache;
import lddgan.config.Profile;
import lddgan.data.Cifar10;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.space.DataSpace;
import lddgan.space.FirstStage;
import lddgan.space.LatentSpace;
import lddgan.space.PixelSpace;
import lddgan.space.WaveletSpace;
import lddgan.train.TrainingConfig;

/**
 * The standard pieces of a run that notebooks and {@link TrainRun} share: the data space of a configuration and the
 * CIFAR-10 training set (the real one, or the subset in {@code LDDGAN_DATA_DIR}; synthetic images only on the
 * smoke profile when none is present).
 */
public final class TrainingSetup {
    private TrainingSetup() {
    }

    /** Where a latent space's first stage comes from; asked for only when the configuration trains in latents. */
    @FunctionalInterface
    public interface FirstStageSource {
        /** The first stage (its scale factor set). */
        FirstStage get() throws IOException;
    }

    /**
     * The data space a configuration trains in: pixels, Haar wavelet bands, or the latent space of the first stage
     * {@code firstStage} gives.
     */
    public static DataSpace space(TrainingConfig config, FirstStageSource firstStage) throws IOException {
        return switch (config.space()) {
            case PIXEL -> new PixelSpace();
            case WAVELET -> new WaveletSpace();
            case LATENT -> new LatentSpace(firstStage.get());
        };
    }

    /**
     * The data space a configuration trains in, with LDDGAN's latent space given by the first stage that notebook 01
     * trained at {@code profile} ({@link FirstStageRuns#trained}), its raw latents divided by the scale factor its
     * latent cache measured (max |z| over the training set; the preset's divisor when no cache exists).
     *
     * @throws IOException naming the directory when notebook 01 has not been run at this profile
     */
    public static DataSpace space(TrainingConfig config, Profile profile, NDManager manager) throws IOException {
        return space(config, profile, FIRST_STAGE, manager);
    }

    /**
     * As {@link #space(TrainingConfig, Profile, NDManager)} with another first-stage run: {@code firstStage} names its
     * checkpoint root and latent cache under {@link FirstStageRuns} (e.g. notebook 03's {@code 03-cifar10-f2-nokl}).
     */
    public static DataSpace space(TrainingConfig config, Profile profile, String firstStage, NDManager manager)
            throws IOException {
        return space(config, profile, firstStage, FirstStageRuns.SEED, manager);
    }

    /** As {@link #space(TrainingConfig, Profile, String, NDManager)} with the first stage of training seed {@code seed}. */
    public static DataSpace space(TrainingConfig config, Profile profile, String firstStage, long seed, NDManager manager)
            throws IOException {
        return space(config, () -> {
            Autoencoder ae = FirstStageRuns.trained(profile, firstStage, seed, manager);
            Path cache = FirstStageRuns.latentCacheFile(profile, firstStage, seed);
            if (Files.exists(cache)) {
                ae.setScaleFactor(LatentCache.readHeader(cache).scaleFactor());
            }
            return ae;
        });
    }

    /** The first stage of the CIFAR-10 LDDGAN presets. */
    public static final String FIRST_STAGE = "cifar10-f2";

    /** Environment variable asking for the data: {@value #SYNTHETIC} for synthetic shapes, unset for CIFAR-10. */
    public static final String DATA_ENV = "LDDGAN_DATA";
    /** The value of {@value #DATA_ENV} that asks for synthetic shapes (machines without any CIFAR-10, e.g. CI). */
    public static final String SYNTHETIC = "synthetic";

    /**
     * The CIFAR-10 training images for a profile ({@link Cifar10}): the paper profile reads every record of the full
     * dataset, the smaller profiles the named selection {@link Cifar10.Selection#SUBSET} (the same images from the
     * shared subset or from the full download). Synthetic shapes only when {@value #DATA_ENV}={@value #SYNTHETIC}
     * asks for them (their name says so in every result).
     *
     * @throws IllegalStateException when no CIFAR-10 is found or {@link Cifar10#ENV} names a folder without it (the
     *     message says how to get it), or when the paper profile finds only a subset
     */
    public static ImageSet cifar10Train(Profile profile, int syntheticSize) throws IOException {
        if (syntheticRequested()) {
            return SyntheticImages.generate(syntheticSize, 32, 0);
        }
        Cifar10 cifar = Cifar10.require();
        return cifar.train(selection(profile, cifar));
    }

    /** The CIFAR-10 test images of the current profile's selection, or synthetic ones when asked for. */
    public static ImageSet cifar10Test(int syntheticSize) throws IOException {
        if (syntheticRequested()) {
            return SyntheticImages.generate(syntheticSize, 32, 1);
        }
        Cifar10 cifar = Cifar10.require();
        return cifar.test(selection(Profile.current(), cifar));
    }

    private static Cifar10.Selection selection(Profile profile, Cifar10 cifar) throws IOException {
        if (profile != Profile.PAPER) {
            return Cifar10.Selection.SUBSET;
        }
        if (!cifar.isFull()) {
            throw new IllegalStateException("the paper profile trains on the full CIFAR-10 (50,000 images), but "
                    + cifar.dir() + " holds a subset: run `make data`, or use the cpu or smoke profile");
        }
        return Cifar10.Selection.ALL;
    }

    /**
     * Whether {@value #DATA_ENV} asks for synthetic shapes.
     *
     * @throws IllegalArgumentException for a value other than {@value #SYNTHETIC} or {@code cifar10}
     */
    static boolean syntheticRequested() {
        String value = System.getenv(DATA_ENV);
        if (value == null || value.isBlank() || value.equals("cifar10")) {
            return false;
        }
        if (value.equals(SYNTHETIC)) {
            return true;
        }
        throw new IllegalArgumentException(DATA_ENV + " must be '" + SYNTHETIC + "' or 'cifar10', got '" + value + "'");
    }

    /** A name for files: lower case, no '@'. */
    public static String fileName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('@', '-');
    }

    /**
     * The JSON-lines training log of one run in {@code results}: {@code train-log-<stem>.jsonl}, the stem being the
     * run's file name with its seed suffix ({@link Seeds#suffix}).
     */
    static Path trainingLog(lddgan.report.Results results, String stem) {
        return results.dir().resolve("train-log-" + stem + ".jsonl");
    }

    /** The training presets that have a cpu and smoke profile (the CIFAR-10 ones). */
    public static List<String> cifar10Presets() {
        return List.of(TrainingConfig.DDGAN_CIFAR10, TrainingConfig.WDDGAN_CIFAR10, TrainingConfig.LDDGAN_CIFAR10);
    }
}
