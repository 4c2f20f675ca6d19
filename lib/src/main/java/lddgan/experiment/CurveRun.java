package lddgan.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lddgan.config.JsonPresets;
import lddgan.config.ProjectPaths;
import lddgan.io.AtomicFiles;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.TimingProtocol;
import lddgan.train.GanTrainer;
import lddgan.train.JsonLinesLog;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingConfig;
import lddgan.train.TrainingListener;
import lddgan.train.TrainingSummary;

/**
 * One model's training toward its curve points (LDDGAN Appendix C's convergence curves; Table 3's single final
 * point), open while it trains: {@link #advanceTo} trains it in as many calls as the caller wants and evaluates the
 * EMA generator at every point it reaches, {@link #finish} draws the sample grids. {@link ModelRun#trainWithCurve}
 * advances one run to its budget at once; {@link SeededComparison} advances several in turns, so that a slower stretch
 * of the machine falls on all of them alike (issue 23, item 3: matched budgets).
 *
 * <p>Each step draws its randomness from (seed, step) ({@code GanTrainer}), so the trained weights do not depend on how
 * the steps are split into calls; each call ends with a checkpoint. Checkpoints and the curve file
 * ({@link ModelRun#CURVE_FILE}) go to {@code .cache/checkpoints/<profile>/<runPrefix>-<preset>-seed<seed>/}: a run
 * opened again resumes, and a point an earlier run reached keeps that run's evaluation time and training time.
 *
 * <p>A run's budget is its last point's steps, or a training time ({@link #timed}, notebook 02 at cpu): then it ends
 * where the logged seconds of its steps reach that time, and its one point is the planned length of its schedules.
 */
public final class CurveRun implements AutoCloseable {
    private final List<Long> evaluateAt;
    private final ModelRun.Setup setup;
    private final TimingProtocol pointTiming;
    private final NDManager manager;
    private final Path checkpoints;
    private final Path curveFile;
    private final List<GanEvaluation> recorded;
    private final NDManager spaceManager;
    private final GanTrainer trainer;
    private final List<GanEvaluation> curve = new ArrayList<>();
    private JsonLinesLog log;
    private Finisher onFinish = () -> { };
    private int next;
    /** Training seconds of the last point reached (cumulative). */
    private double seconds;
    /** Wall seconds of this process's calls since the last point. */
    private double pending;
    private GanEvaluation evaluation;
    /** A time budget: the run ends when its steps' logged seconds reach it (0: the step budget, the last point). */
    private double secondsBudget;
    /** The logged seconds of the steps done (earlier processes' from the training log, {@link #timed}). */
    private double trainedSeconds;
    /**
     * Whether the run resumed between two recorded points from a checkpoint that does not record its training seconds
     * (written before checkpoints did): the seconds of the steps an earlier process trained since its last point are
     * then unknown.
     */
    private final boolean secondsUnknown;

    private CurveRun(TrainingConfig config, List<Long> evaluateAt, ModelRun.Setup setup, TimingProtocol pointTiming,
            List<TrainingListener> listeners, NDManager manager) throws IOException {
        this.evaluateAt = List.copyOf(evaluateAt);
        this.setup = setup;
        this.pointTiming = pointTiming;
        this.manager = manager;
        this.checkpoints = ProjectPaths.checkpointsDir(setup.profile())
                .resolve(setup.runPrefix() + "-" + TrainingSetup.fileName(config.name()) + "-seed" + setup.seed());
        this.curveFile = checkpoints.resolve(ModelRun.CURVE_FILE);
        this.recorded = RecordedEvaluations.read(curveFile);
        this.spaceManager = manager.newSubManager();
        try {
            GanTrainer.Builder builder = GanTrainer.builder(config, TrainingSetup.space(config, setup.profile(),
                            setup.firstStage(), setup.firstStageSeed(), spaceManager), setup.train())
                    .seed(setup.seed()).checkpoints(checkpoints, 100)
                    .runSteps(TrainingConfig.runSteps(setup.profile(), budget()));
            listeners.forEach(builder::listener);
            builder.listener(step -> trainedSeconds += step.seconds());
            this.trainer = builder.build();
        } catch (IOException | RuntimeException e) {
            spaceManager.close();
            throw e;
        }
        long resumedAt = trainer.step();
        this.secondsUnknown = Double.isNaN(trainer.trainingSeconds())
                && recorded.stream().noneMatch(e -> e.steps() == resumedAt);
    }

    /**
     * Opens {@code config}'s run (resuming its checkpoints) toward {@code evaluateAt}: total steps, positive and
     * increasing, the last being its budget.
     *
     * @param pointTiming the light sampling-time protocol of every point but the last, which uses the setup's
     * @param manager where the grids go
     */
    public static CurveRun open(TrainingConfig config, List<Long> evaluateAt, ModelRun.Setup setup,
            TimingProtocol pointTiming, List<TrainingListener> listeners, NDManager manager) throws IOException {
        if (evaluateAt.isEmpty()) {
            throw new IllegalArgumentException("at least one evaluation point is needed");
        }
        for (int i = 0; i < evaluateAt.size(); i++) {
            if (evaluateAt.get(i) < 1 || (i > 0 && evaluateAt.get(i) <= evaluateAt.get(i - 1))) {
                throw new IllegalArgumentException("evaluation points must be positive and increasing, got " + evaluateAt);
            }
        }
        return new CurveRun(config, evaluateAt, setup, pointTiming, listeners, manager);
    }

    /** The budget: the last evaluation point. */
    public long budget() {
        return evaluateAt.get(evaluateAt.size() - 1);
    }

    /**
     * Makes this run's budget a training time (issue 23, item 3, on a machine whose speed drifts: lib/TRAINING.md,
     * "Matched budgets on a drifting machine"): it ends at the first step at which the logged seconds of its steps
     * reach {@code seconds}, so within one step of it. The one evaluation point stays the planned length of the
     * schedules (Weighted Learning's fraction; the epochs were sized to it), and twice it caps the run; the final
     * evaluation is at the step where the time ran out ({@link #advanceToSeconds}).
     *
     * @param trainingLog the run's training log, which holds the seconds of the steps an earlier process trained
     * @throws IllegalArgumentException unless {@code seconds} is positive and the run has one evaluation point
     */
    CurveRun timed(double seconds, Path trainingLog) throws IOException {
        if (!(seconds > 0) || evaluateAt.size() != 1) {
            throw new IllegalArgumentException("a time budget needs seconds > 0 and one evaluation point (the planned"
                    + " steps), got " + seconds + " s and points " + evaluateAt);
        }
        this.secondsBudget = seconds;
        this.trainedSeconds = trainer.step() == 0 ? 0 : MatchedBudget.loggedTrainingSeconds(trainingLog, trainer.step());
        return this;
    }

    /** Closes {@code trainingLog} with this run (after the trainer, whose listener it is). */
    CurveRun owning(JsonLinesLog trainingLog) {
        this.log = trainingLog;
        return this;
    }

    /** What {@link #finish} does after drawing the grids (a notebook's loss chart saved from the log). */
    interface Finisher {
        void run() throws IOException;
    }

    /** Runs {@code action} once {@link #finish} has drawn the grids. */
    CurveRun onFinish(Finisher action) {
        this.onFinish = action;
        return this;
    }

    /** Advances to the whole budget ({@link #advanceToShare}), then {@link #finish}. */
    public ModelRun.Convergence complete() throws IOException {
        advanceToShare(1, 1);
        return finish();
    }

    /**
     * Trains the first {@code part} of {@code parts} of the budget: of its steps ({@link #advanceTo}
     * {@link #stepShare}), or of its time under a time budget ({@link #timed}).
     */
    public void advanceToShare(int part, int parts) throws IOException {
        if (secondsBudget > 0) {
            advanceToSeconds(part == parts ? secondsBudget : secondsBudget * part / parts);
        } else {
            advanceTo(stepShare(budget(), part, parts));
        }
    }

    /** The total steps of {@code part} of {@code parts} of a budget of {@code budget} steps (at least 1). */
    static long stepShare(long budget, int part, int parts) {
        return Math.max(1, Math.round(budget * (double) part / parts));
    }

    /**
     * Under a time budget ({@link #timed}), trains until its steps' logged seconds reach {@code seconds} (at most the
     * budget), in one call and, when that call's own clock stopped it a little early, one more step; on reaching the
     * budget (or twice the planned steps) evaluates the run where it stands. A run opened again after its end trains
     * nothing and is evaluated again where it stands, keeping its training time (as a step-budget run opened at its
     * end is).
     */
    private void advanceToSeconds(double seconds) throws IOException {
        if (!(secondsBudget > 0)) {
            throw new IllegalStateException("run " + checkpoints + " has a step budget: use advanceTo");
        }
        double to = Math.min(seconds, secondsBudget);
        long cap = 2 * budget();
        while (next == 0 && trainedSeconds < to && trainer.step() < cap) {
            long before = trainer.step();
            long nanos = Math.max(1, Math.round((to - trainedSeconds) * 1e9));
            pending += trainer.train(new TrainingBudget(cap, 0, java.time.Duration.ofNanos(nanos))).wallSeconds();
            if (trainer.step() == before) {
                // the call's clock ran out before a step: one step, so that every call moves on
                pending += trainer.train(TrainingBudget.steps(before + 1)).wallSeconds();
            }
        }
        if (next == 0 && (trainedSeconds >= secondsBudget || trainer.step() >= cap)) {
            reach(trainer.step(), true);
            next = 1;
        }
    }

    /**
     * Trains up to {@code target} total steps (at most the budget), evaluating at every curve point on the way: a
     * point is evaluated when training reaches it, with the training seconds of every call since the previous
     * point; a point an earlier run went past is taken from the curve file.
     *
     * @throws IllegalStateException when the run is already past a point that its curve file does not hold as this
     *     setup evaluates it
     */
    public void advanceTo(long target) throws IOException {
        if (secondsBudget > 0) {
            throw new IllegalStateException("run " + checkpoints + " has a time budget: use advanceToShare");
        }
        long to = Math.min(target, budget());
        while (next < evaluateAt.size() && evaluateAt.get(next) <= to) {
            reach(evaluateAt.get(next), next == evaluateAt.size() - 1);
            next++;
        }
        if (next < evaluateAt.size() && trainer.step() < to) {
            pending += trainer.train(TrainingBudget.steps(to)).wallSeconds();
        }
    }

    private void reach(long at, boolean last) throws IOException {
        // the evaluations on file of the weights at this point: this setup's, or another notebook's (another sample
        // count) that trained the run and whose training time is the run's
        List<GanEvaluation> atPoint = trainer.step() < at ? List.of()
                : recorded.stream().filter(e -> e.steps() == at).toList();
        Optional<GanEvaluation> done = atPoint.stream().filter(setup::evaluatesLike).findFirst();
        if (!last && trainer.step() > at) {
            // an earlier run went past this point: its evaluation is on file
            evaluation = done.orElseThrow(() -> new IllegalStateException("run " + checkpoints + " is at step "
                    + trainer.step() + ", past the curve point " + at + ", which " + curveFile
                    + " does not hold as this setup evaluates it (" + setup.samples() + " samples, extractor "
                    + setup.extractor().id() + ", KID subsets of " + setup.kidSubsetSize()
                    + "): delete the directory to train the curve again"));
            curve.add(evaluation);
        } else {
            // a point reached by an earlier run keeps that run's training time
            double before = atPoint.isEmpty() ? secondsSoFar() : atPoint.get(0).trainingSeconds();
            TrainingSummary summary = trainer.train(TrainingBudget.steps(at));
            evaluation = evaluate(summary, last ? setup.timing() : pointTiming)
                    .withTrainingSeconds(before + summary.wallSeconds());
            curve.add(evaluation);
            AtomicFiles.writeString(curveFile, JsonPresets.toJson(withOtherSetups()));
        }
        seconds = evaluation.trainingSeconds();
        pending = 0;
    }

    /**
     * The run's training seconds so far: the trainer's, over every process that trained it
     * ({@link lddgan.train.TrainerBase#trainingSeconds}, kept in its checkpoints); for a run resumed at a recorded
     * point from a checkpoint that does not keep them, that point's seconds and this process's calls since.
     *
     * @throws IllegalStateException when the run resumed between points from such a checkpoint: the earlier process's
     *     seconds since its last point are unknown, and a budget table would count them as nothing
     */
    private double secondsSoFar() {
        double trained = trainer.trainingSeconds();
        if (!Double.isNaN(trained)) {
            return trained;
        }
        if (secondsUnknown) {
            throw new IllegalStateException("run " + checkpoints + " resumed from " + trainer.lastCheckpoint()
                    + ", a checkpoint written before checkpoints recorded their training seconds and not at a point of "
                    + curveFile + ": the time of the steps trained before it is unknown, so this run's training time"
                    + " would be wrong; delete the directory to train the run again");
        }
        return seconds + pending;
    }

    /**
     * What the curve file keeps: this run's points and every recorded evaluation that none of them replaces (another
     * setup's, as notebook 05 evaluates notebook 02's runs with its own sample count, or a point this run has not
     * reached again yet).
     */
    private List<GanEvaluation> withOtherSetups() {
        List<GanEvaluation> kept = new ArrayList<>(recorded.stream().filter(e -> curve.stream()
                .noneMatch(c -> c.steps() == e.steps() && setup.evaluatesLike(e))).toList());
        kept.addAll(curve);
        return kept;
    }

    /**
     * The convergence curve and the final run with its grids: 64 samples (seed 42) and four x_T each denoised with
     * eight z (DDGAN's multimodality).
     *
     * @throws IllegalStateException when the budget has not been reached
     */
    public ModelRun.Convergence finish() throws IOException {
        if (next < evaluateAt.size()) {
            throw new IllegalStateException("run " + checkpoints + " is at step " + trainer.step() + " of " + budget()
                    + ": advance it to its budget before finishing");
        }
        NDArray grid = trainer.sample(manager, 64, 64, 42);
        NDArray sameNoise = sameNoise(4, 8);
        onFinish.run();
        return new ModelRun.Convergence(List.copyOf(curve), new ModelRun(evaluation, grid, sameNoise, trainer.lastCheckpoint()));
    }

    @Override
    public void close() throws IOException {
        JsonLinesLog trainingLog = log;
        try (trainingLog; spaceManager) {
            trainer.close();
        }
    }

    /**
     * The trainer's EMA generator evaluated with the setup's extractor, reference and sample count (sampling seed
     * {@link ModelRun#EVALUATION_SEED} + the training seed).
     */
    private GanEvaluation evaluate(TrainingSummary summary, TimingProtocol timing) {
        return GanEvaluation.of(trainer.name(), summary, trainer::sample, trainer.config().numSteps(), setup.extractor(),
                setup.reference(), setup.realFeatures(), setup.samples(), timing, trainer.devices().get(0), manager,
                ModelRun.EVALUATION_SEED + setup.seed());
    }

    /** {@code xTs} draws of x_T, each repeated {@code zs} times and denoised with fresh z. */
    private NDArray sameNoise(int xTs, int zs) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        Shape one = trainer.config().generator().xShape(xTs);
        NDArray xT = manager.randomNormal(one).repeat(0, zs);
        NDArray images = trainer.sampleFrom(xT, 99);
        xT.close();
        return images;
    }
}
