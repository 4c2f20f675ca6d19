package lddgan.verify;

import java.util.List;
import java.util.Locale;

/**
 * How an ordering claim is judged from several training seeds (issue 23, item 2). For each adjacent pair
 * {@code a < b} of the claim, with means m, sample standard deviations s and seed counts n, the difference of means
 * {@code d = m_b - m_a} is compared with twice its standard error {@code se = sqrt(s_a^2 / n_a + s_b^2 / n_b)}:
 * <ul>
 *   <li><b>reproduced</b> when {@code d > 2 se} (the stated direction, beyond the seed-to-seed noise),</li>
 *   <li><b>contradicted</b> when {@code d < -2 se} (the other direction, beyond the noise),</li>
 *   <li><b>inconclusive</b> otherwise, and always when a side has a single seed (no noise estimate).</li>
 * </ul>
 * A chain {@code a < b < c} is reproduced when every pair is, contradicted when some pair is. A quantity not reached
 * within the budget is +infinity: a pair where every seed of {@code b} and none of {@code a} never reached it is
 * ordered (and the other way round); a mix is inconclusive. With the optional resolution of a claim, a pair whose
 * every value lies below it is <b>not measurable at this scale</b> (recall 0.000-0.002 for every GAN at cpu).
 */
public final class OrderingRule {
    /** The rule in one sentence, for reports. */
    public static final String TEXT = "an ordering a < b is reproduced when mean(b) - mean(a) > 2 x its standard error"
            + " sqrt(s_a^2/n_a + s_b^2/n_b) over training seeds, contradicted when < -2 x, inconclusive otherwise and"
            + " always with a single seed; not measurable when every value is below the metric's resolution";

    private OrderingRule() {
    }

    /**
     * A verdict and its reason.
     *
     * @param verdict reproduced, contradicted, inconclusive or not measurable
     * @param detail the pair that decided it, with d and 2 se
     */
    public record Judgement(Verdict verdict, String detail) {
    }

    /**
     * Judges the chain {@code ascending[0] < ascending[1] < ...}.
     *
     * @param resolution values below this (in magnitude) cannot be told apart; NaN when the metric has none
     */
    public static Judgement judge(List<SeedSample> ascending, double resolution) {
        if (ascending.size() < 2) {
            throw new IllegalArgumentException("an ordering needs at least two quantities, got " + ascending.size());
        }
        Judgement weakest = null;
        for (int i = 0; i + 1 < ascending.size(); i++) {
            Judgement pair = pair(ascending.get(i), ascending.get(i + 1), resolution);
            String where = ascending.size() > 2 ? "pair " + (i + 1) + "-" + (i + 2) + ": " : "";
            pair = new Judgement(pair.verdict(), where + pair.detail());
            if (pair.verdict() == Verdict.CONTRADICTED) {
                return pair;
            }
            if (weakest == null || rank(pair.verdict()) < rank(weakest.verdict())) {
                weakest = pair;
            }
        }
        return weakest;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case NOT_MEASURABLE -> 0;
            case INCONCLUSIVE -> 1;
            default -> 2;
        };
    }

    /** Judges {@code a < b}. */
    static Judgement pair(SeedSample a, SeedSample b, double resolution) {
        if (!Double.isNaN(resolution) && a.largestMagnitude() < resolution && b.largestMagnitude() < resolution) {
            return new Judgement(Verdict.NOT_MEASURABLE, String.format(Locale.ROOT,
                    "every value is below the metric's resolution %s at this scale", ClaimChecker.number(resolution)));
        }
        if (a.n() < 2 || b.n() < 2) {
            return new Judgement(Verdict.INCONCLUSIVE, "a single seed (n = " + Math.min(a.n(), b.n())
                    + ") has no noise estimate");
        }
        if (a.anyInfinite() || b.anyInfinite()) {
            if (!a.anyInfinite() && b.allInfinite()) {
                return new Judgement(Verdict.REPRODUCED, "every seed reached the first, none the second");
            }
            if (a.allInfinite() && !b.anyInfinite()) {
                return new Judgement(Verdict.CONTRADICTED, "every seed reached the second, none the first");
            }
            return new Judgement(Verdict.INCONCLUSIVE, "some seeds did not reach a target within the budget");
        }
        double d = b.mean() - a.mean();
        double se = Math.sqrt(a.std() * a.std() / a.n() + b.std() * b.std() / b.n());
        String numbers = String.format(Locale.ROOT, "difference of means %s, 2 se %s", ClaimChecker.number(d),
                ClaimChecker.number(2 * se));
        if (d > 2 * se) {
            return new Judgement(Verdict.REPRODUCED, numbers + ": the stated order, beyond the seed noise");
        }
        if (d < -2 * se) {
            return new Judgement(Verdict.CONTRADICTED, numbers + ": the opposite order, beyond the seed noise");
        }
        return new Judgement(Verdict.INCONCLUSIVE, numbers + ": within the seed noise");
    }
}
