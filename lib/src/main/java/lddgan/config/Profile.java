package lddgan.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run profile: how big a run is. Same code, only configuration differs (README "Profiles").
 *
 * <ul>
 *   <li>{@link #SMOKE}: CI; seconds to a few minutes per notebook, tiny widths, synthetic or a few real images.
 *   <li>{@link #CPU}: a laptop; about 30 minutes per notebook on real data, reduced widths.
 *   <li>{@link #PAPER}: the paper's configurations (Tables 8-10), meant for a GPU.
 * </ul>
 *
 * Chosen with the environment variable {@value #ENV} (default {@code smoke}).
 */
public enum Profile {
    SMOKE("CI: seconds to a few minutes per notebook"),
    CPU("a laptop without GPU: about 30 minutes per notebook, real data"),
    PAPER("the paper's configurations (Tables 8-10), GPU");

    /** Environment variable (and system property {@code lddgan.profile}) naming the profile. */
    public static final String ENV = "LDDGAN_PROFILE";

    private final String purpose;

    Profile(String purpose) {
        this.purpose = purpose;
    }

    /** The lower-case name used in environment variables, file names and results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line saying what the profile is for. */
    public String purpose() {
        return purpose;
    }

    /**
     * Parses a profile name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid profiles when {@code name} is none of them
     */
    public static Profile parse(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Profile p : values()) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown profile '" + name + "' (from " + ENV + "). Valid profiles: "
                + Arrays.stream(values()).map(p -> p.id() + " (" + p.purpose + ")").collect(Collectors.joining(", ")));
    }

    /** The profile chosen by system property {@code lddgan.profile}, else {@value #ENV}, else {@link #SMOKE}. */
    public static Profile current() {
        return fromEnvironment(System.getenv(), System.getProperty("lddgan.profile"));
    }

    /**
     * Validates a profile name for the Makefile and the notebook runner: prints the profile and exits 0, or prints
     * the error listing the valid profiles and exits 2. With no argument, checks {@value #ENV}.
     */
    public static void main(String[] args) {
        try {
            Profile p = args.length > 0 ? parse(args[0]) : current();
            System.out.println(p.id() + ": " + p.purpose());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    static Profile fromEnvironment(Map<String, String> env, String property) {
        String value = property != null && !property.isBlank() ? property : env.get(ENV);
        return value == null || value.isBlank() ? SMOKE : parse(value);
    }
}
