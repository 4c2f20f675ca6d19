package lddgan.train;

import java.io.PrintStream;
import java.util.Locale;
import lddgan.report.Show;

/**
 * A text progress bar for people: steps done, rate, ETA and the latest losses, as one line updated in place. In a
 * notebook whose kernel can replace an output ({@link Show#live()}: rapaio, JJava, IJava) the line is one display
 * output, refreshed at most every {@code min(intervalSeconds, 2)} seconds, so an executed notebook holds the final
 * line of each run and nothing else; elsewhere (a terminal, a log, a kernel without display updates) it is rewritten
 * after a carriage return at most every {@code intervalSeconds} and ended with a newline at the end of the run.
 * Lines about the run (its start, each checkpoint, its end) are printed as whole lines.
 *
 * <pre>
 * ddgan-cifar10@cpu [######..............]  120/400  30%  1.84 step/s  ETA 2m32s | D 1.312 G 0.804 rec 0.318 w 0
 * </pre>
 */
public final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 20;
    /** How often a line replaced in place is refreshed at most, in seconds. */
    private static final double IN_PLACE_SECONDS = 2;

    private final PrintStream out;
    private final double intervalSeconds;
    private String name = "";
    private long planned = -1;
    private double budgetSeconds = -1;
    private long startStep;
    private double lastPrint = Double.NEGATIVE_INFINITY;
    private StepMetrics last;
    private Show.LiveView view;
    private int openLength = -1;

    /** A bar on standard output, at most every 10 seconds. */
    public ProgressBar() {
        this(System.out, 10);
    }

    /** A bar on {@code out}, at most every {@code intervalSeconds}. */
    public ProgressBar(PrintStream out, double intervalSeconds) {
        this.out = out;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void onStart(Trainer trainer, TrainingBudget budget) {
        // a run trained in several calls (SeededComparison's turns) keeps one display, updated in place
        if (view == null || !trainer.name().equals(name)) {
            Show.LiveView live = out == System.out ? Show.live() : null;
            view = live != null && live.updatesInPlace() ? live : null;
        }
        name = trainer.name();
        planned = budget.plannedSteps(trainer.stepsPerEpoch());
        budgetSeconds = budget.maxTime() == null ? -1 : budget.maxTime().toMillis() / 1000.0;
        startStep = trainer.step();
        lastPrint = Double.NEGATIVE_INFINITY;
        endLine();
        out.printf(Locale.ROOT, "%s: training from step %d for %s (%d steps per epoch, batch %d)%n", name, startStep, budget,
                trainer.stepsPerEpoch(), trainer.batchSize());
    }

    @Override
    public void onStep(StepMetrics r) {
        last = r;
        double interval = view != null ? Math.min(intervalSeconds, IN_PLACE_SECONDS) : intervalSeconds;
        if (r.elapsedSeconds() - lastPrint >= interval || r.step() == planned) {
            show(line(r));
            lastPrint = r.elapsedSeconds();
        }
    }

    /** Replaces the progress line: the display output in place, else a carriage return and the line, padded. */
    private void show(String line) {
        if (view != null) {
            view.text(line);
            return;
        }
        out.print("\r" + line + " ".repeat(Math.max(0, openLength - line.length())));
        out.flush();
        openLength = line.length();
    }

    /** Ends an open carriage-return line, so that the next whole line starts on a line of its own. */
    private void endLine() {
        if (openLength >= 0) {
            out.println();
            openLength = -1;
        }
    }

    @Override
    public void onCheckpoint(java.nio.file.Path directory, long step) {
        endLine();
        out.printf(Locale.ROOT, "%s: checkpoint at step %d -> %s%n", name, step, directory);
    }

    @Override
    public void onEnd(TrainingSummary summary) {
        if (last != null && last.elapsedSeconds() != lastPrint) {
            show(line(last));
        }
        endLine();
        out.printf(Locale.ROOT, "%s: stopped at step %d (epoch %d) after %.1f s, %.2f step/s: %s%n", name, summary.steps(),
                summary.epoch(), summary.wallSeconds(), summary.stepsPerSecond(), summary.reason());
    }

    /** One progress line for a step. */
    String line(StepMetrics r) {
        long done = r.step() - startStep;
        double rate = r.elapsedSeconds() > 0 ? done / r.elapsedSeconds() : 0;
        double fraction;
        double eta;
        String count;
        if (planned > 0) {
            fraction = Math.min(1, r.step() / (double) planned);
            eta = rate > 0 ? (planned - r.step()) / rate : Double.NaN;
            count = String.format(Locale.ROOT, "%d/%d", r.step(), planned);
        } else {
            fraction = budgetSeconds > 0 ? Math.min(1, r.elapsedSeconds() / budgetSeconds) : 0;
            eta = budgetSeconds > 0 ? Math.max(0, budgetSeconds - r.elapsedSeconds()) : Double.NaN;
            count = String.valueOf(r.step());
        }
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder values = new StringBuilder();
        r.progress().forEach((k, v) -> values.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
        return String.format(Locale.ROOT, "%s [%s%s] %s %3.0f%% %6.2f step/s ETA %s |%s", name,
                "#".repeat(filled), ".".repeat(WIDTH - filled), count, 100 * fraction, rate, duration(eta), values);
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
