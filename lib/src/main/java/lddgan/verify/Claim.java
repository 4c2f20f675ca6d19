package lddgan.verify;

import java.util.List;
import java.util.Locale;

/**
 * One claim of the paper that a notebook tests, as {@code results/claims.json} states it.
 *
 * <ul>
 *   <li><b>exact</b>: the value at {@code field} equals {@code expected} (the paper's number or the reference code's
 *       closed form) within {@code tolerance}: parameter counts, schedule values.</li>
 *   <li><b>ordering</b>: the quantities at the {@code ascending} locators increase (a JSON null, "not reached within
 *       the budget", counts as +infinity): LDDGAN samples faster than DDGAN; the no-KL autoencoder converges in fewer
 *       epochs. Each locator selects one value per training seed (a {@code [key=value]} segment takes every matching
 *       row of a per-seed table), judged by {@link OrderingRule}.</li>
 *   <li><b>fitted</b>: as exact, for a quantity chosen to match the paper (the ViT widths were searched to hit
 *       Table 11's parameter counts): reported as fitted, never as reproduced.</li>
 *   <li><b>band</b>: a regression check, not a claim of the paper: the fresh value at {@code field} is within
 *       {@code tolerance} of our committed reference run of the same profile (FIDs, recalls); when both runs' rows
 *       summarise several seeds, a value outside the band fails only beyond the seed noise
 *       ({@link SeedRegressionRule}).</li>
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
 * @param resolution ordering only: values below this in magnitude cannot be told apart by the metric at this scale
 *     (NaN: none); an ordering whose every value is below it is not measurable
 */
public record Claim(String id, String notebook, Kind kind, String statement, String paper, String file, String field,
                    List<String> ascending, double expected, Tolerance tolerance, List<String> profiles, String note, double resolution) {

    /** The three kinds of claim. */
    public enum Kind {
        EXACT, ORDERING, FITTED, BAND;

        /** The name as written in the claims file. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Claim {
        if (!Double.isNaN(resolution) && (kind != Kind.ORDERING || resolution <= 0)) {
            throw new IllegalArgumentException("field 'resolution': only an ordering has one, and it is positive");
        }
        ascending = List.copyOf(ascending);
        profiles = List.copyOf(profiles);
    }

    /** Whether the claim states the paper's result (exact, ordering), as opposed to a fitted value or a band. */
    public boolean isPaperClaim() {
        return kind == Kind.EXACT || kind == Kind.ORDERING;
    }

    /** Whether the claim is checked on {@code profile}. */
    public boolean appliesTo(String profile) {
        return profiles.isEmpty() || profiles.contains(profile);
    }
}
