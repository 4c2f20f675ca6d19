package lddgan.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the reference parity fixtures are (issue 19; {@code /work/shared/parity/README.md}): the environment variable
 * {@code LDDGAN_PARITY_DIR}, else {@code ../shared/parity} relative to the project root (system property
 * {@code lddgan.root}, else the working directory and its parent).
 */
public final class ParityFixtures {
    /** The environment variable naming the fixture directory. */
    public static final String ENV = "LDDGAN_PARITY_DIR";

    private ParityFixtures() {
    }

    /** The fixture directory, if it exists. */
    public static Optional<Path> directory() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path root : roots()) {
            Path p = root.resolve("../shared/parity").normalize();
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path[] roots() {
        String root = System.getProperty("lddgan.root");
        Path cwd = Path.of("").toAbsolutePath();
        return root != null ? new Path[] {Path.of(root).toAbsolutePath()}
                : new Path[] {cwd, cwd.getParent() == null ? cwd : cwd.getParent()};
    }

    /** What a check prints when the fixtures are absent. */
    public static String absentMessage() {
        String env = System.getenv(ENV);
        return "parity fixtures ABSENT: " + (env != null && !env.isBlank() ? ENV + "=" + env + " is not a directory"
                : "neither " + ENV + " nor ../shared/parity relative to the project root exists")
                + "; reference parity NOT checked";
    }
}
