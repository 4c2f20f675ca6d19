package lddgan.verify;

/** What a fresh re-execution says about one claim. Only {@link #REGRESSION} fails {@code make verify}. */
public enum Verdict {
    /**
     * The claim holds in the fresh run: an exact value, an ordering beyond the seed noise ({@link OrderingRule}), or
     * a regression check within the band of the committed run or, with several seeds, within their noise
     * ({@link SeedRegressionRule}).
     */
    REPRODUCED("reproduced"),
    /** An ordering holds the other way round, beyond the seed noise ({@link OrderingRule}). */
    CONTRADICTED("contradicted"),
    /** An ordering within the seed noise, or judged from a single seed. */
    INCONCLUSIVE("inconclusive"),
    /** Every value of an ordering lies below the metric's resolution at this scale (recall 0 everywhere). */
    NOT_MEASURABLE("not measurable at this scale"),
    /** An exact value does not hold at this profile's scale, and did not hold in the committed run either. */
    NOT_REPRODUCED("not reproduced at this scale"),
    /** A quantity chosen to match the paper (the ViT widths searched to hit Table 11): shown, never a reproduction. */
    FITTED("fitted to the paper"),
    /** The fresh run departs from the committed reference: a band left, an exact value lost, a result missing. */
    REGRESSION("regression"),
    /** No committed result of this profile to compare with (a band claim on a profile never committed). */
    NO_REFERENCE("no committed reference"),
    /** The two runs ran under different conditions (dataset size, feature extractor), so a band does not apply. */
    NOT_COMPARABLE("not comparable"),
    /**
     * A regression check when the committed results are judged alone ({@code make claims}): there is no fresh run to
     * hold against them, so only {@code make verify} can check it.
     */
    NOT_RE_EXECUTED("not checked: nothing re-executed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The report's wording. */
    public String label() {
        return label;
    }
}
