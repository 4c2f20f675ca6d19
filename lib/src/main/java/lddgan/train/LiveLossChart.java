package lddgan.train;

import java.util.ArrayList;
import java.util.List;
import lddgan.report.Charts;
import lddgan.report.Show;
import org.knowm.xchart.XYChart;

/**
 * A loss chart in a notebook cell, redrawn in place ({@link Show#live()}) at most every {@code intervalSeconds}:
 * D's loss (real + fake), G's adversarial loss and the L1 reconstruction loss against the step.
 */
public final class LiveLossChart implements TrainingListener {
    private final double intervalSeconds;
    private final List<Double> steps = new ArrayList<>();
    private final List<Double> lossD = new ArrayList<>();
    private final List<Double> lossG = new ArrayList<>();
    private final List<Double> lossRec = new ArrayList<>();
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
    public void onStart(GanTrainer trainer, TrainingBudget budget) {
        title = "losses of " + trainer.config().name();
        if (view == null) {
            view = Show.live();
        }
    }

    @Override
    public void onStep(StepRecord r) {
        steps.add((double) r.step());
        lossD.add(r.lossD());
        lossG.add(r.lossGAdv());
        lossRec.add(r.lossRec());
        if (r.elapsedSeconds() - lastDraw >= intervalSeconds) {
            draw();
            lastDraw = r.elapsedSeconds();
        }
    }

    @Override
    public void onEnd(TrainingSummary summary) {
        if (!steps.isEmpty()) {
            draw();
        }
    }

    /** The chart as it stands. */
    public XYChart chart() {
        XYChart chart = Charts.line(title, "step", "loss", 720, 320);
        if (!steps.isEmpty()) {
            chart.addSeries("D: softplus(-D(real)) + softplus(D(fake))", steps, lossD);
            chart.addSeries("G: softplus(-D(fake))", steps, lossG);
            chart.addSeries("L1 |x0' - x0|", steps, lossRec);
        }
        return chart;
    }

    private void draw() {
        view.chart(chart());
    }
}
