package lddgan.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's folders are: the root (holding {@code notebooks/} and {@code lib/}), {@code data/},
 * {@code results/} and the project-local {@code .cache/}. The root comes from the system property
 * {@code lddgan.root}, else the environment variable {@code LDDGAN_ROOT}, else the nearest folder above the
 * working directory that holds {@code lib/pom.xml}.
 */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The project root. */
    public static Path root() {
        String configured = System.getProperty("lddgan.root", System.getenv("LDDGAN_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lib").resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("Cannot find the lddgan-notebooks root above " + Path.of("").toAbsolutePath()
                + ": set LDDGAN_ROOT (or -Dlddgan.root) to the folder holding notebooks/ and lib/.");
    }

    /** {@code data/} under the root (documentation, scripts and downloaded datasets). */
    public static Path dataDir() {
        return root().resolve("data");
    }

    /**
     * Where results go: {@code LDDGAN_RESULTS_DIR} when set (the Makefile sets it), else {@code results/<profile>}
     * under the root, so runs of one profile never overwrite the committed reference results of another.
     */
    public static Path resultsDir() {
        String configured = System.getProperty("lddgan.results", System.getenv("LDDGAN_RESULTS_DIR"));
        return configured != null && !configured.isBlank() ? Path.of(configured).toAbsolutePath()
                : root().resolve("results").resolve(Profile.current().id());
    }

    /** The project-local cache ({@code .cache/}): engine libraries, trained feature extractors, FID statistics. */
    public static Path cacheDir() {
        return root().resolve(".cache");
    }

    /**
     * Where training runs keep their state: {@code LDDGAN_STATE_DIR} (or {@code -Dlddgan.state}) when set, else
     * {@link #cacheDir()}. {@code make verify} points it at a scratch folder, so that a re-execution trains from
     * scratch instead of resuming the checkpoints of an earlier run, while the feature extractors and FID statistics
     * (functions of the data only) stay shared.
     */
    public static Path stateDir() {
        String configured = System.getProperty("lddgan.state", System.getenv("LDDGAN_STATE_DIR"));
        return configured != null && !configured.isBlank() ? Path.of(configured).toAbsolutePath() : cacheDir();
    }

    /** Training checkpoints of a profile: {@code <state>/checkpoints/<profile>/} (see {@link #stateDir()}). */
    public static Path checkpointsDir(Profile profile) {
        return stateDir().resolve("checkpoints").resolve(profile.id());
    }

    /** Latent caches of a profile's first stages: {@code <state>/latents/<profile>/} (see {@link #stateDir()}). */
    public static Path latentsDir(Profile profile) {
        return stateDir().resolve("latents").resolve(profile.id());
    }
}
