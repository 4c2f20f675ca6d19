package lddgan.train;

import java.time.Duration;

/**
 * How long a run trains: until a step count, an epoch count or a wall-clock time is reached, whichever comes
 * first (the notebooks compare models under one budget). Counts are totals since the start of the run, so a
 * resumed run stops where an uninterrupted one would; minutes count this process's training time only.
 *
 * @param maxSteps stop once this many optimisation steps are done in total (0: no limit)
 * @param maxEpochs stop once this many epochs are done in total (0: no limit)
 * @param maxTime stop after this much training time in this process (null: no limit)
 */
public record TrainingBudget(long maxSteps, int maxEpochs, Duration maxTime) {
    /** Validates: non-negative limits, at least one of them set. */
    public TrainingBudget {
        if (maxSteps < 0 || maxEpochs < 0 || (maxTime != null && maxTime.isNegative())) {
            throw new IllegalArgumentException("budget limits must be >= 0, got steps " + maxSteps + ", epochs "
                    + maxEpochs + ", time " + maxTime);
        }
        if (maxSteps == 0 && maxEpochs == 0 && maxTime == null) {
            throw new IllegalArgumentException("a training budget needs a step, epoch or time limit");
        }
    }

    /** Train until {@code steps} steps in total. */
    public static TrainingBudget steps(long steps) {
        return new TrainingBudget(requirePositive(steps, "steps"), 0, null);
    }

    /** Train until {@code epochs} epochs in total. */
    public static TrainingBudget epochs(int epochs) {
        return new TrainingBudget(0, (int) requirePositive(epochs, "epochs"), null);
    }

    /** Train for {@code minutes} of wall-clock time. */
    public static TrainingBudget minutes(double minutes) {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("minutes must be > 0, got " + minutes);
        }
        return new TrainingBudget(0, 0, Duration.ofMillis(Math.round(minutes * 60_000)));
    }

    /** This budget with an additional step limit. */
    public TrainingBudget andSteps(long steps) {
        return new TrainingBudget(requirePositive(steps, "steps"), maxEpochs, maxTime);
    }

    /**
     * Whether training must stop.
     *
     * @param step steps done in total
     * @param epoch epochs done in total (complete ones)
     * @param elapsed training time in this process
     */
    public boolean exhausted(long step, int epoch, Duration elapsed) {
        return (maxSteps > 0 && step >= maxSteps) || (maxEpochs > 0 && epoch >= maxEpochs)
                || (maxTime != null && elapsed.compareTo(maxTime) >= 0);
    }

    /**
     * The total number of steps this budget allows, when it is known in advance (for a progress bar's ETA);
     * -1 for a time-only budget.
     */
    public long plannedSteps(int stepsPerEpoch) {
        long bySteps = maxSteps > 0 ? maxSteps : Long.MAX_VALUE;
        long byEpochs = maxEpochs > 0 ? (long) maxEpochs * stepsPerEpoch : Long.MAX_VALUE;
        long planned = Math.min(bySteps, byEpochs);
        return planned == Long.MAX_VALUE ? -1 : planned;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (maxSteps > 0) {
            s.append(maxSteps).append(" steps");
        }
        if (maxEpochs > 0) {
            s.append(s.isEmpty() ? "" : " or ").append(maxEpochs).append(" epochs");
        }
        if (maxTime != null) {
            s.append(s.isEmpty() ? "" : " or ").append(String.format("%.1f min", maxTime.toMillis() / 60_000.0));
        }
        return s.toString();
    }

    private static long requirePositive(long value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
        return value;
    }
}
