package lddgan.train;

import java.util.Map;

/**
 * What one training step reports to listeners: one line of the JSON-lines log (the record's components), one progress
 * line and one point per chart series.
 */
public interface StepMetrics {
    /** Steps done after this one (1 for the first step). */
    long step();

    /** Wall time of this step, in seconds (what a training log records and a time budget counts). */
    double seconds();

    /** Training time of this process so far, in seconds. */
    double elapsedSeconds();

    /** Short label to value, in print order, for the progress line (e.g. "D", "G", "rec"). */
    Map<String, Double> progress();

    /** Series label to value, in drawing order, for the live loss chart (NaN: no point this step). */
    Map<String, Double> chartSeries();
}
