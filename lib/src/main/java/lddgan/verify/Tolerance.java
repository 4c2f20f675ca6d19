package lddgan.verify;

/**
 * How close two numbers must be: within {@code relative} x |target| or within {@code absolute} (whichever is given;
 * with both, either suffices).
 *
 * @param relative relative tolerance, or NaN when not given
 * @param absolute absolute tolerance, or NaN when not given
 */
public record Tolerance(double relative, double absolute) {
    public Tolerance {
        if (Double.isNaN(relative) && Double.isNaN(absolute)) {
            throw new IllegalArgumentException("a tolerance needs 'relative' or 'absolute'");
        }
        if (relative < 0 || absolute < 0) {
            throw new IllegalArgumentException("tolerances are not negative, got relative " + relative + ", absolute "
                    + absolute);
        }
    }

    /** Whether {@code value} is within the tolerance of {@code target}; two NaNs or two equal infinities match. */
    public boolean within(double value, double target) {
        if (value == target || (Double.isNaN(value) && Double.isNaN(target))) {
            return true;
        }
        double diff = Math.abs(value - target);
        return (!Double.isNaN(absolute) && diff <= absolute) || (!Double.isNaN(relative) && diff <= relative * Math.abs(target));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (!Double.isNaN(relative)) {
            s.append("±").append(ClaimChecker.number(relative * 100)).append(" %");
        }
        if (!Double.isNaN(absolute)) {
            s.append(s.length() > 0 ? " or " : "").append("±").append(ClaimChecker.number(absolute));
        }
        return s.toString();
    }
}
