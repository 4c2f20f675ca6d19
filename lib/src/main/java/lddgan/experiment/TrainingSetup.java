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
        return space(config, () -> {
            Autoencoder ae = FirstStageRuns.trained(profile, firstStage, manager);
            Path cache = FirstStageRuns.latentCacheFile(profile, firstStage);
            if (Files.exists(cache)) {
                ae.setScaleFactor(LatentCache.readHeader(cache).scaleFactor());
            }
            return ae;
        });
    }

    /** The first stage of the CIFAR-10 LDDGAN presets. */
    public static final String FIRST_STAGE = "cifar10-f2";

    /**
     * The CIFAR-10 training images for a profile: the located data set (full or subset), or, on the smoke profile
     * only, {@code syntheticSize} synthetic images.
     *
     * @throws IllegalStateException on the cpu and paper profiles when no CIFAR-10 is found (the message says how to
     *     get it)
     */
    public static ImageSet cifar10Train(Profile profile, int syntheticSize) throws IOException {
        var located = Cifar10.locate();
        if (located.isPresent()) {
            return located.get().train();
        }
        if (profile != Profile.SMOKE) {
            Cifar10.require();
        }
        return SyntheticImages.generate(syntheticSize, 32, 0);
    }

    /** The CIFAR-10 test images when present (for the offline extractor's accuracy), else a synthetic set. */
    public static ImageSet cifar10Test(int syntheticSize) throws IOException {
        var located = Cifar10.locate();
        return located.isPresent() ? located.get().test() : SyntheticImages.generate(syntheticSize, 32, 1);
    }

    /** A name for files: lower case, no '@'. */
    public static String fileName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('@', '-');
    }

    /** The training presets that have a cpu and smoke profile (the CIFAR-10 ones). */
    public static List<String> cifar10Presets() {
        return List.of(TrainingConfig.DDGAN_CIFAR10, TrainingConfig.WDDGAN_CIFAR10, TrainingConfig.LDDGAN_CIFAR10);
    }
}
