package lddgan.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lddgan.report.Charts;
import lddgan.report.Show;
import org.knowm.xchart.XYChart;

/**
 * A loss chart in a notebook cell, redrawn in place ({@link Show#live()}) at most every {@code intervalSeconds}:
 * the step's {@link StepMetrics#chartSeries()} (for the diffusion GAN: D's loss, G's adversarial loss and the L1
 * reconstruction loss) against the step.
 */
public final class LiveLossChart implements TrainingListener {
    private final double intervalSeconds;
    private final java.util.Map<String, List<Double>> xs = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, List<Double>> ys = new java.util.LinkedHashMap<>();
    private Show.LiveView view;
    private String title = "";
    private double lastDraw = Double.NEGATIVE_INFINITY;

    /** A chart redrawn at most every 5 seconds. */
    public LiveLossChart() {
        this(5);
    }

    /** A chart redrawn at most every {@code intervalSeconds}. */
    public LiveLossChart(double intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void onStart(Trainer trainer, TrainingBudget budget) {
        title = title(trainer.name());
        if (view == null) {
            view = Show.live();
        }
    }

    /**
     * The loss chart of a whole run from its records (for example {@link JsonLinesLog#readRecords} after a resume,
     * which the live chart of the last segment does not cover).
     */
    public static XYChart of(String title, List<? extends StepMetrics> records) {
        LiveLossChart chart = new LiveLossChart();
        chart.title = title;
        records.forEach(chart::add);
        return chart.chart();
    }

    /**
     * The loss chart of a whole run from its JSON-lines log ({@link JsonLinesLog#readRecords}): every step since step
     * 1 over every resumed segment, which the live chart of the last segment does not cover; titled as the live chart.
     *
     * @param runName the run's name (the trainer's, e.g. the preset)
     * @param log the run's {@link JsonLinesLog} file
     * @param type the loop's record type ({@link StepRecord}, {@link AutoencoderStepRecord},
     *     {@link DiffusionStepRecord})
     * @throws IOException naming the file and the line when a line is not such a record
     */
    public static <T extends Record & StepMetrics> XYChart ofLog(String runName, Path log, Class<T> type)
            throws IOException {
        return of(title(runName), JsonLinesLog.readRecords(log, type));
    }

    private static String title(String runName) {
        return "losses of " + runName;
    }

    private void add(StepMetrics r) {
        r.chartSeries().forEach((label, value) -> {
            if (!Double.isNaN(value)) {
                xs.computeIfAbsent(label, k -> new ArrayList<>()).add((double) r.step());
                ys.computeIfAbsent(label, k -> new ArrayList<>()).add(value);
            }
        });
    }

    @Override
    public void onStep(StepMetrics r) {
        add(r);
        if (r.elapsedSeconds() - lastDraw >= intervalSeconds) {
            draw();
            lastDraw = r.elapsedSeconds();
        }
    }

    @Override
    public void onEnd(TrainingSummary summary) {
        if (!xs.isEmpty()) {
            draw();
        }
    }

    /** The chart as it stands. */
    public XYChart chart() {
        XYChart chart = Charts.line(title, "step", "loss", 720, 320);
        xs.forEach((label, x) -> chart.addSeries(label, x, ys.get(label)));
        return chart;
    }

    private void draw() {
        view.chart(chart());
    }
}
