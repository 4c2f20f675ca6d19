package lddgan.verify;

import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * How a regression check (a {@code band} claim) is judged when the committed and the fresh run each trained several
 * seeds (issue 27, item 2). At the cpu profile another thread count or CPU makes each seed's training another sample
 * of the same training (README, Determinism: with one thread notebook 01's rFID moved 42 %), so a fixed band around
 * the committed mean holds only on the machine and thread count that wrote it. With seeds the check asks instead
 * whether the fresh seeds could come from the committed seeds' distribution:
 * <ul>
 *   <li>within the band of the committed mean: no regression (on the committing machine the runs repeat bit for bit);</li>
 *   <li>outside it, both runs with n &ge; 2 seeds: a <b>regression</b> only when Welch's two-sided t-test of the two
 *       seed means (mean, seed-sd and n of each run; Welch-Satterthwaite degrees of freedom) gives p &lt; {@link #ALPHA}:
 *       the difference is both larger than the band and beyond the seed noise;</li>
 *   <li>outside it with a single seed on either side (smoke, notebook 01): a regression, as a fixed band says; such a
 *       band holds for the committing machine and thread count only.</li>
 * </ul>
 * With three seeds per run (Welch's degrees of freedom 2 to 4) the test at 1 % flags a mean that moved by about 4.6
 * to 10 standard errors of the difference: it catches a change of the distribution far larger than the seed noise,
 * not a small drift, and one check in a hundred fails by chance when nothing changed.
 */
public final class SeedRegressionRule {
    /** The two-sided significance level of Welch's test. */
    public static final double ALPHA = 0.01;

    /** The rule in one sentence, for reports. */
    public static final String TEXT = "a regression check passes within its band of the committed value; outside it, "
            + "when both runs trained two or more seeds, it fails only if Welch's two-sided t-test of the seed means "
            + "gives p < " + ALPHA + " (beyond the seed noise); with a single seed the band alone decides";

    private static final TTest WELCH = new TTest();

    private SeedRegressionRule() {
    }

    /**
     * The verdict on a fresh value against the committed one.
     *
     * @param regression whether the check fails
     * @param detail why, with the band, and with Welch's t and p when the seeds decided
     */
    public record Judgement(boolean regression, String detail) {
    }

    /** Judges the fresh summary against the committed one under {@code band} (relative or absolute). */
    public static Judgement judge(SeedSummary committed, SeedSummary fresh, Tolerance band) {
        double difference = fresh.mean() - committed.mean();
        String shown = String.format(Locale.ROOT, " (difference %s)", ClaimChecker.number(difference));
        if (band.within(fresh.mean(), committed.mean())) {
            return new Judgement(false, "within " + band + " of the committed run");
        }
        String outside = "outside " + band + " of the committed run" + shown;
        if (committed.n() < 2 || fresh.n() < 2) {
            return new Judgement(true, outside + "; a single seed has no noise estimate, so the band decides");
        }
        if (!Double.isFinite(difference)) {
            return new Judgement(true, outside + "; a mean is not finite");
        }
        if (committed.sd() == 0 && fresh.sd() == 0) {
            return new Judgement(true, outside + "; neither run's seeds vary, so any difference is beyond the noise");
        }
        double p = welchP(committed, fresh);
        String test = String.format(Locale.ROOT, "Welch t = %s, p = %s",
                ClaimChecker.number(WELCH.t(fresh.statistics(), committed.statistics())),
                ClaimChecker.number(p));
        return p < ALPHA
                ? new Judgement(true, outside + " and beyond the seed noise: " + test + " < " + ALPHA)
                : new Judgement(false, outside + " but within the seed noise: " + test + " >= " + ALPHA);
    }

    /** Welch's two-sided p-value for equal means of {@code a} and {@code b} (each with n >= 2, not both sd 0). */
    static double welchP(SeedSummary a, SeedSummary b) {
        return WELCH.tTest(a.statistics(), b.statistics());
    }
}
