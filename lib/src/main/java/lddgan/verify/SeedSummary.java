package lddgan.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import lddgan.report.SeedTable;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;

/**
 * A quantity's mean, sample standard deviation (n - 1) and number of training seeds, as a summary table over seeds
 * writes them ({@link SeedTable}: the column, {@code "<column> seed-sd"} and {@code "seeds"} in one row).
 *
 * @param mean the mean over seeds
 * @param sd the sample standard deviation over seeds (0 for one seed)
 * @param n the number of seeds
 */
public record SeedSummary(double mean, double sd, int n) {
    public SeedSummary {
        if (n < 1) {
            throw new IllegalArgumentException("a seed summary needs at least one seed, got n = " + n);
        }
    }

    /**
     * The summary of the value {@code locator} points at in {@code root}: its row's seed-sd and seed count when the
     * row has them (a table over seeds), otherwise the value as one seed.
     */
    public static SeedSummary at(ResultLocator locator, JsonNode root) {
        double value = locator.number(root);
        JsonNode row = locator.parent(root);
        Optional<String> column = locator.matchedField(row);
        JsonNode sd = column.map(c -> row.get(c + SeedTable.SD_SUFFIX)).orElse(null);
        JsonNode seeds = row.get(SeedTable.SEEDS);
        if (sd == null || seeds == null || !sd.isNumber() || !seeds.canConvertToInt()) {
            return new SeedSummary(value, 0, 1);
        }
        return new SeedSummary(value, sd.asDouble(), seeds.asInt());
    }

    /** The summary as Commons Math's tests take it (minimum, maximum and sum unknown). */
    StatisticalSummaryValues statistics() {
        return new StatisticalSummaryValues(mean, sd * sd, n, Double.NaN, Double.NaN, mean * n);
    }

    /** "mean ± sd (n = k)", or "mean (n = 1)". */
    @Override
    public String toString() {
        return n == 1 ? ClaimChecker.number(mean) + " (n = 1)"
                : ClaimChecker.number(mean) + " ± " + ClaimChecker.number(sd) + String.format(Locale.ROOT, " (n = %d)", n);
    }
}
