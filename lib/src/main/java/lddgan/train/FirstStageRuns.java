package lddgan.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.AutoencoderIdentity;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;

/**
 * Where notebook 01 leaves the trained first stages and how notebooks 02-04 find them (README "Autoencoder"):
 * {@code .cache/checkpoints/<profile>/autoencoder-<preset>-seed<seed>/step-NNNNNNNN/}, the newest step directory
 * being the trained autoencoder (verified by its manifest's SHA-256s when loaded).
 */
public final class FirstStageRuns {
    /** The seed notebook 01 trains with. */
    public static final long SEED = 0;

    private FirstStageRuns() {
    }

    /** The checkpoint root of a first-stage run. */
    public static Path checkpointRoot(Profile profile, String preset, long seed) {
        return ProjectPaths.cacheDir().resolve("checkpoints").resolve(profile.id())
                .resolve("autoencoder-" + preset + "-seed" + seed);
    }

    /**
     * The steps notebook 01 trains for on a profile: smoke a handful (CI), cpu 1,500 (about 15-20 minutes on 2 cores,
     * batch 16, the adversarial terms from step 750), paper 100,000 (batch 32; the reference publishes no step count).
     */
    public static long steps(Profile profile) {
        return switch (profile) {
            case SMOKE -> 4;
            case CPU -> 1_500;
            case PAPER -> 100_000;
        };
    }

    /**
     * The latent cache of a first stage's training set that notebook 01 writes:
     * {@code .cache/latents/<profile>/<preset>-seed<seed>-train.latents}.
     */
    public static Path latentCacheFile(Profile profile, String preset) {
        return ProjectPaths.cacheDir().resolve("latents").resolve(profile.id()).resolve(preset + "-seed" + SEED + "-train.latents");
    }

    /** The newest checkpoint of the CIFAR-10 first stage that notebook 01 trained at {@code profile}. */
    public static Path trainedCheckpoint(Profile profile, String preset) throws IOException {
        Path root = checkpointRoot(profile, preset, SEED);
        if (!Files.isDirectory(root)) {
            throw new IOException("no trained autoencoder '" + preset + "' for profile " + profile.id() + " in " + root
                    + ": run notebook 01 first (make run NB=01 PROFILE=" + profile.id() + ")");
        }
        return AutoencoderTrainer.lastOf(root);
    }

    /** Loads that autoencoder (verified) for encoding and decoding. */
    public static Autoencoder trained(Profile profile, String preset, NDManager manager) throws IOException {
        return AutoencoderTrainer.load(trainedCheckpoint(profile, preset), manager);
    }

    /** Its identity (preset and manifest SHA-256), as latent caches record it. */
    public static AutoencoderIdentity identity(Profile profile, String preset) throws IOException {
        return AutoencoderTrainer.identityOf(trainedCheckpoint(profile, preset));
    }
}
