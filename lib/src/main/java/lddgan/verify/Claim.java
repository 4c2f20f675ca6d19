package lddgan.verify;

import java.util.List;
import java.util.Locale;

/**
 * One claim of the paper that a notebook tests, as {@code results/claims.json} states it.
 *
 * <ul>
 *   <li><b>exact</b>: the value at {@code field} equals {@code expected} (the paper's number or the reference code's
 *       closed form) within {@code tolerance}: parameter counts, schedule values.</li>
 *   <li><b>ordering</b>: the values at the {@code ascending} fields increase strictly (a JSON null, "not reached within
 *       the budget", counts as +infinity): LDDGAN samples faster than DDGAN; the no-KL autoencoder converges in fewer
 *       epochs.</li>
 *   <li><b>band</b>: the fresh value at {@code field} is within {@code tolerance} of the committed reference run of
 *       the same profile: FIDs, recalls.</li>
 * </ul>
 *
 * @param id unique name ([a-z0-9-]), used in reports and failures
 * @param notebook the two-digit number of the notebook that writes the result
 * @param kind exact, ordering or band
 * @param statement the paper's statement, with its table or section
 * @param paper the paper's number(s) as printed
 * @param file the result file, relative to {@code results/<profile>/}
 * @param field the locator of the value in that file (exact, band; see {@link ResultLocator})
 * @param ascending the locators of the values that must increase (ordering)
 * @param expected the value an exact claim must equal
 * @param tolerance how close (exact, band)
 * @param profiles the profiles the claim is checked on (empty: all)
 * @param note why the claim is stated as it is (optional)
 */
public record Claim(String id, String notebook, Kind kind, String statement, String paper, String file, String field,
                    List<String> ascending, double expected, Tolerance tolerance, List<String> profiles, String note) {

    /** The three kinds of claim. */
    public enum Kind {
        EXACT, ORDERING, BAND;

        /** The name as written in the claims file. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Claim {
        ascending = List.copyOf(ascending);
        profiles = List.copyOf(profiles);
    }

    /** Whether the claim is checked on {@code profile}. */
    public boolean appliesTo(String profile) {
        return profiles.isEmpty() || profiles.contains(profile);
    }
}
