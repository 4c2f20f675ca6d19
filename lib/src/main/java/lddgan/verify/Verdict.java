package lddgan.verify;

/** What a fresh re-execution says about one claim. Only {@link #REGRESSION} fails {@code make verify}. */
public enum Verdict {
    /** The claim holds in the fresh run (exact value, ordering, or within the band of the committed run). */
    REPRODUCED("reproduced"),
    /** The claim does not hold at this profile's scale, and did not hold in the committed run either. */
    NOT_REPRODUCED("not reproduced at this scale"),
    /** The fresh run departs from the committed reference: a band left, an exact value lost, a result missing. */
    REGRESSION("regression"),
    /** No committed result of this profile to compare with (a band claim on a profile never committed). */
    NO_REFERENCE("no committed reference"),
    /** The two runs ran under different conditions (dataset size, feature extractor), so a band does not apply. */
    NOT_COMPARABLE("not comparable");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The report's wording. */
    public String label() {
        return label;
    }
}
