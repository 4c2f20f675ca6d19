package lddgan.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lddgan.data.ImageSet;
import lddgan.metrics.GanEvaluation;
import lddgan.nn.NetworkStats;
import lddgan.report.Charts;
import lddgan.report.Results;
import lddgan.report.SampleQualityColumns;
import lddgan.report.SeedTable;
import lddgan.sampling.DdimSampler;
import lddgan.schedule.DiscreteSchedule;
import lddgan.space.DataSpace;
import lddgan.train.DiffusionStepRecord;
import lddgan.train.DiffusionTrainer;
import lddgan.train.DiffusionTrainingConfig;
import lddgan.train.JsonLinesLog;
import lddgan.train.LiveLossChart;
import lddgan.train.ProgressBar;
import lddgan.train.TrainingBudget;
import lddgan.train.TrainingSummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Gaussian latent diffusion parts of notebook 07: the noise-schedule comparison of the latent DDPM/DDIM project
 * (linear, scaled-linear, cosine and sigmoid, {@link DiscreteSchedule.Kind}, on one latent) and LDM's cross-attention
 * conditioning (Rombach et al. Sec. 3.3) against the added class embedding, both with classifier-free guidance.
 */
public final class DiffusionStudy {
    /** The conditioning comparison's presets: the added class embedding first, cross-attention second. */
    public static final List<String> CONDITIONING = List.of(DiffusionTrainingConfig.LATENT_CIFAR10_ATTN8,
            DiffusionTrainingConfig.LATENT_CIFAR10_XATTN);
    /** The key column of the conditioning tables: "{@code <conditioning> w=<w>}". */
    public static final String RUN = "run";
    /** The key column of the schedule table. */
    public static final String SCHEDULE = "schedule";

    private DiffusionStudy() {
    }

    /**
     * A trained epsilon network.
     *
     * @param trainer the trainer (its EMA network samples; close it when done)
     * @param summary the training call's summary (steps; its time is this call's only)
     * @param trainingSeconds the whole run's training time, from its log ({@link MatchedBudget#loggedTrainingSeconds}):
     *     the same whether the run trained now or resumed from a checkpoint
     */
    public record Trained(DiffusionTrainer trainer, TrainingSummary summary, double trainingSeconds)
            implements AutoCloseable {
        @Override
        public void close() {
            trainer.close();
        }
    }

    /**
     * Trains {@code config} for {@code steps} steps (in total: a run with checkpoints resumes) in {@code space}, with a
     * progress bar, the JSON-lines log {@code train-log-<name>[-seed<k>].jsonl} and the loss chart
     * {@code losses-<name>[-seed<k>].png} in {@code results}; checkpoints every 250 steps in {@code checkpoints}.
     */
    public static Trained train(DiffusionTrainingConfig config, DataSpace space, ImageSet train, Path checkpoints,
            long steps, long seed, Results results) throws IOException {
        String file = TrainingSetup.fileName(config.name()) + Seeds.suffix(seed);
        try (JsonLinesLog log = new JsonLinesLog(TrainingSetup.trainingLog(results, file))) {
            DiffusionTrainer trainer = DiffusionTrainer.builder(config, space, train).seed(seed)
                    .checkpoints(checkpoints, 250).listener(new ProgressBar(System.out, 60)).listener(log).build();
            try {
                TrainingSummary summary = trainer.train(TrainingBudget.steps(steps));
                // the whole run from its log: after a resume this call's steps are only a part
                results.writeBytes("losses-" + file + ".png", Charts.png(LiveLossChart.ofLog(config.name(), log.file(),
                        DiffusionStepRecord.class)));
                return new Trained(trainer, summary, MatchedBudget.loggedTrainingSeconds(log.file()));
            } catch (IOException | RuntimeException e) {
                trainer.close();
                throw e;
            }
        }
    }

    /** "cross-attention" or "embedding": how the class reaches a network. */
    public static String conditioning(DiffusionTrainingConfig config) {
        return config.network().crossAttends() ? "cross-attention" : "embedding";
    }

    /**
     * The schedule comparison: each network sampled with DDIM-{@code ddimSteps} (eta = 1) conditionally (w = 1),
     * {@code setup.samples()} images, evaluation seed {@link ModelRun#EVALUATION_SEED} + the setup's seed; one row per
     * schedule with the real-data row below.
     */
    public static Table schedules(Map<DiscreteSchedule.Kind, Trained> runs, int ddimSteps, ModelRun.Setup setup,
            GanEvaluation real, Device device, NDManager manager) {
        List<String> names = new ArrayList<>();
        List<GanEvaluation> rows = new ArrayList<>();
        LongColumn steps = LongColumn.create("steps");
        DoubleColumn training = DoubleColumn.create("training_s");
        DoubleColumn alphaBarT = DoubleColumn.create("alpha-bar at T");
        runs.forEach((kind, run) -> {
            DiffusionTrainer t = run.trainer();
            rows.add(GanEvaluation.of(t.config().name() + " DDIM-" + ddimSteps, run.summary(),
                    t.images(new DdimSampler(t.schedule(), ddimSteps, 1), 1.0), ddimSteps, setup.extractor(),
                    setup.reference(), setup.realFeatures(), setup.samples(), setup.timing(), device, manager,
                    ModelRun.EVALUATION_SEED + setup.seed()));
            names.add(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            steps.append(run.summary().steps());
            training.append(run.trainingSeconds());
            alphaBarT.append(t.schedule().alphaBar(t.schedule().numSteps() - 1));
        });
        if (real != null) {
            rows.add(real);
            names.add(real.model());
            steps.append(0);
            training.append(Double.NaN);
            alphaBarT.append(Double.NaN);
        }
        Table table = Table.create("Noise schedules on one latent (DDIM-" + ddimSteps + ", eta 1, w = 1)")
                .addColumns(StringColumn.create(SCHEDULE, names), alphaBarT, steps, training);
        SampleQualityColumns.fidKid(rows).forEach(table::addColumns);
        return table.addColumns(SampleQualityColumns.column("precision", rows, GanEvaluation::precision),
                SampleQualityColumns.column("recall", rows, GanEvaluation::recall),
                SampleQualityColumns.column("time_s", rows, e -> e.time().meanSeconds()));
    }

    /**
     * One seed's conditioning comparison: each network's guidance sweep ({@link GuidanceSweep#table()}) under a
     * {@link #RUN} key "{@code <conditioning> w=<w>}", with its conditioning, parameter count and training steps and
     * seconds.
     *
     * @param runs preset to its trained network, in {@link #CONDITIONING}'s order
     * @param sweeps preset to its sweep
     */
    public static Table conditioningTable(Map<String, Trained> runs, Map<String, GuidanceSweep> sweeps) {
        Table out = null;
        for (var e : runs.entrySet()) {
            Table sweep = sweeps.get(e.getKey()).table();
            DiffusionTrainer t = e.getValue().trainer();
            String label = conditioning(t.config());
            int n = sweep.rowCount();
            StringColumn run = StringColumn.create(RUN);
            StringColumn how = StringColumn.create("conditioning");
            LongColumn params = LongColumn.create("parameters");
            LongColumn steps = LongColumn.create("steps");
            DoubleColumn seconds = DoubleColumn.create("training_s");
            long count = NetworkStats.parameterCount(t.network());
            for (int r = 0; r < n; r++) {
                run.append(String.format(Locale.ROOT, "%s w=%s", label, wLabel(sweep.doubleColumn("w").getDouble(r))));
                how.append(label);
                params.append(count);
                steps.append(e.getValue().summary().steps());
                seconds.append(e.getValue().trainingSeconds());
            }
            Table part = Table.create("Conditioning: embedding vs cross-attention").addColumns(run, how, params, steps,
                    seconds);
            sweep.columns().forEach(c -> part.addColumns(c.copy()));
            out = out == null ? part : out.append(part);
        }
        if (out == null) {
            throw new IllegalArgumentException("no networks to compare");
        }
        return out;
    }

    /**
     * The conditioning comparison's networks side by side: parameters at the paper's size and at {@code profile}'s
     * (the cross-attention network's spatial transformers against the embedding network's attention blocks).
     */
    public static Table parameters(lddgan.config.Profile profile, NDManager manager) {
        StringColumn preset = StringColumn.create("network");
        StringColumn how = StringColumn.create("conditioning");
        LongColumn paper = LongColumn.create("parameters (paper size)");
        LongColumn scaled = LongColumn.create("parameters (" + profile.id() + ")");
        for (String name : CONDITIONING) {
            DiffusionTrainingConfig c = DiffusionTrainingConfig.preset(name, profile);
            preset.append(name);
            how.append(conditioning(c));
            paper.append(count(lddgan.diffusion.EpsilonUNetConfig.preset(c.network().name().split("@")[0]), manager));
            scaled.append(count(c.network(), manager));
        }
        return Table.create("Epsilon U-Nets of the conditioning comparison").addColumns(preset, how, paper, scaled);
    }

    private static long count(lddgan.diffusion.EpsilonUNetConfig config, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            lddgan.diffusion.EpsilonUNet net = new lddgan.diffusion.EpsilonUNet(config);
            net.initialize(scope, 1);
            return NetworkStats.parameterCount(net);
        }
    }

    /** FID against the guidance scale, one series per conditioning (mean +- sd over seeds). */
    public static org.knowm.xchart.XYChart guidanceChart(Table summary, boolean proxy) {
        String fid = lddgan.metrics.MetricLabel.FID.label(proxy);
        org.knowm.xchart.XYChart chart = Charts.line("Classifier-free guidance: embedding vs cross-attention, mean +- sd"
                + " over seeds", "guidance scale w", fid, 560, 340);
        for (String how : new java.util.LinkedHashSet<>(summary.stringColumn("conditioning").asList())) {
            Table rows = summary.where(summary.stringColumn("conditioning").isEqualTo(how));
            chart.addSeries(how, rows.doubleColumn("w").asDoubleArray(), rows.doubleColumn(fid).asDoubleArray(),
                    rows.doubleColumn(fid + SeedTable.SD_SUFFIX).asDoubleArray());
        }
        return chart;
    }

    /** A guidance scale as the run keys print it: "3" for 3.0, "1.5" for 1.5. */
    public static String wLabel(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }

    /**
     * One sentence: whether the two networks' mean training times (over the seeds' rows of {@link #conditioningTable})
     * agree within {@link MatchedBudget#TOLERANCE}.
     */
    public static String budgetVerdict(Table perSeed) {
        List<Double> means = new ArrayList<>();
        for (String how : new java.util.LinkedHashSet<>(perSeed.stringColumn("conditioning").asList())) {
            means.add(perSeed.where(perSeed.stringColumn("conditioning").isEqualTo(how)).doubleColumn("training_s").mean());
        }
        return MatchedBudget.verdict(means);
    }

    /** The conditioning comparison's summary over seeds (mean and seed-sd per network and scale). */
    public static Table conditioningSummary(Table perSeed) {
        return SeedTable.summary("Conditioning: embedding vs cross-attention, guidance sweep, mean and sd over seeds",
                perSeed, RUN);
    }
}
