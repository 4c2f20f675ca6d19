package lddgan.verify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The values of one quantity over independent training seeds (one per seed), as an ordering claim compares them:
 * mean, sample standard deviation (n - 1) and the standard error of the mean. A JSON null (a target "not reached
 * within the budget") enters as +infinity.
 *
 * @param values one value per seed, in file order
 */
public record SeedSample(double[] values) {
    public SeedSample {
        if (values.length == 0) {
            throw new IllegalArgumentException("a seed sample needs at least one value");
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.isNaN(values[i]) ? Double.POSITIVE_INFINITY : values[i];
        }
    }

    /** The sample of {@code values}. */
    public static SeedSample of(List<Double> values) {
        return new SeedSample(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The number of seeds. */
    public int n() {
        return values.length;
    }

    /** Whether some seed did not reach the quantity (+infinity). */
    public boolean anyInfinite() {
        return Arrays.stream(values).anyMatch(Double::isInfinite);
    }

    /** Whether no seed reached it. */
    public boolean allInfinite() {
        return Arrays.stream(values).allMatch(Double::isInfinite);
    }

    /** The mean (+infinity when a seed did not reach the quantity). */
    public double mean() {
        return lddgan.report.SeedTable.mean(values);
    }

    /** The sample standard deviation (n - 1 in the denominator); 0 for one seed, NaN with an infinite value. */
    public double std() {
        return lddgan.report.SeedTable.sd(values);
    }

    /** The largest absolute value (for "not measurable": every seed's value below the metric's resolution). */
    public double largestMagnitude() {
        return Arrays.stream(values).map(Math::abs).max().orElseThrow();
    }

    /** "mean ± std (n = k)", or "not reached" parts, as the report shows it. */
    @Override
    public String toString() {
        if (allInfinite()) {
            return String.format(Locale.ROOT, "not reached (n = %d)", n());
        }
        if (anyInfinite()) {
            return String.format(Locale.ROOT, "%s (n = %d, %d not reached)", Arrays.toString(Arrays.stream(values)
                    .mapToObj(ClaimChecker::number).toArray()), n(), Arrays.stream(values).filter(Double::isInfinite).count());
        }
        return new SeedSummary(mean(), std(), n()).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedSample s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
