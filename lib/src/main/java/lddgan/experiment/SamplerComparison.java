package lddgan.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.NfeCost;
import lddgan.metrics.TimingProtocol;
import lddgan.report.PaperTables;
import lddgan.report.SampleQualityColumns;
import lddgan.sampling.DdimSampler;
import lddgan.sampling.DdpmSampler;
import lddgan.sampling.Sampler;
import lddgan.train.DiffusionTrainer;
import lddgan.train.TrainingSummary;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * LDDGAN beside the Gaussian latent diffusion samplers of one epsilon network (LDDGAN Table 3's DDPM and DDIM rows,
 * Figure 3; notebook 05): FID, NFE and time per batch of 100, and the cost per network evaluation fitted through the
 * diffusion samplers ({@link NfeCost}).
 *
 * @param labels "LDDGAN", "DDIM-n" ..., "DDIM-n eta=1", "DDPM-n", in evaluation order
 * @param rows their evaluations
 * @param cost time = overhead + NFE x cost, fitted through every row but LDDGAN's
 */
public record SamplerComparison(List<String> labels, List<GanEvaluation> rows, NfeCost cost) {
    /**
     * The file beside an epsilon network's checkpoints that records its finished sampler rows (and guidance scales,
     * {@link GuidanceSweep}).
     */
    public static final String RECORD_FILE = "samplers.json";
    /** Our rows that Table 3 prints a row for, to the printed row's name. */
    public static final Map<String, String> PAPER_ROWS = Map.of("LDDGAN", "LDDGAN", "DDIM-50", "DDIM", "DDPM-1000", "DDPM");

    public SamplerComparison {
        labels = List.copyOf(labels);
        rows = List.copyOf(rows);
    }

    /**
     * Evaluates, in this order, deterministic DDIM (eta = 0) at each of the budget's step counts, DDIM with eta = 1 at
     * {@link LatentDiffusionBudget#stochasticDdimSteps()}, and DDPM (its 1,000-step ancestral sampler, or DDIM with
     * eta = 1 at fewer steps), all with guidance w = 1 and the EMA weights, with the setup's extractor, reference and
     * real features, sampling seed {@link ModelRun#EVALUATION_SEED} + the setup's training seed; {@code lddgan} is the
     * first row. Every row scores the budget's one sample count ({@link LatentDiffusionBudget#samples()}). Each
     * finished row is recorded beside the network's checkpoints ({@link #RECORD_FILE}, {@link RecordedEvaluations}): a
     * run that stopped takes them from there and goes on with the next.
     *
     * @param diffusion the trained epsilon network
     * @param summary its training
     */
    public static SamplerComparison evaluate(GanEvaluation lddgan, DiffusionTrainer diffusion, TrainingSummary summary,
            LatentDiffusionBudget budget, ModelRun.Setup setup, Device device, NDManager manager) {
        List<String> labels = new ArrayList<>(List.of("LDDGAN"));
        List<GanEvaluation> rows = new ArrayList<>(List.of(lddgan));
        RecordedEvaluations record = RecordedEvaluations.beside(diffusion);
        for (int n : budget.ddimSteps()) {
            labels.add("DDIM-" + n);
            rows.add(evaluate(new DdimSampler(diffusion.schedule(), n, 0), n, budget.samples(), budget.timingFor(n),
                    diffusion, summary, setup, device, record, manager));
            System.out.printf("DDIM-%d: FID %.2f, %.3f s per batch of 100%n", n, rows.get(rows.size() - 1).fid(),
                    rows.get(rows.size() - 1).time().meanSeconds());
        }
        // the same timesteps with fresh noise at every step (eta = 1): determinism vs step count, at one NFE
        int stochastic = budget.stochasticDdimSteps();
        labels.add("DDIM-" + stochastic + " eta=1");
        rows.add(evaluate(new DdimSampler(diffusion.schedule(), stochastic, 1), stochastic, budget.samples(),
                budget.timingFor(stochastic), diffusion, summary, setup, device, record, manager));
        System.out.printf("DDIM-%d eta=1: FID %.2f, %.3f s per batch of 100%n", stochastic, rows.get(rows.size() - 1).fid(),
                rows.get(rows.size() - 1).time().meanSeconds());
        int ddpmSteps = budget.ddpmSteps();
        Sampler ddpm = ddpmSteps == 1000 ? new DdpmSampler(diffusion.schedule())
                : new DdimSampler(diffusion.schedule(), ddpmSteps, 1);
        labels.add("DDPM-" + ddpmSteps);
        rows.add(evaluate(ddpm, ddpmSteps, budget.ddpmSamples(), budget.ddpmTiming(), diffusion, summary, setup, device,
                record, manager));
        // time = overhead + NFE x cost per evaluation, fitted through DDPM and the DDIMs (they share one network)
        NfeCost cost = NfeCost.fit(rows.subList(1, rows.size()).stream().map(GanEvaluation::time).toList());
        return new SamplerComparison(labels, rows, cost);
    }

    private static GanEvaluation evaluate(Sampler sampler, int nfe, int samples, TimingProtocol timing,
            DiffusionTrainer diffusion, TrainingSummary summary, ModelRun.Setup setup, Device device,
            RecordedEvaluations record, NDManager manager) {
        String model = diffusion.config().name() + " / " + sampler;
        return record.evaluate(model, summary.steps(), samples, nfe, timing, setup, () -> GanEvaluation.of(model, summary,
                diffusion.images(sampler, 1.0), nfe, setup.extractor(), setup.reference(), setup.realFeatures(), samples,
                timing, device, manager, ModelRun.EVALUATION_SEED + setup.seed()));
    }

    /**
     * The samplers table: NFE, samples, FID, KID, KID std, IS, IS std ({@link SampleQualityColumns}), recall, time,
     * time per NFE after the overhead, Table 3's time and FID.
     */
    public Table table() {
        IntColumn nfe = IntColumn.create("NFE");
        IntColumn samples = IntColumn.create("samples");
        DoubleColumn perNfe = DoubleColumn.create("time_per_NFE_ms");
        DoubleColumn paperTime = DoubleColumn.create("paper_time_s");
        DoubleColumn paperFid = DoubleColumn.create("paper_FID");
        for (int i = 0; i < rows.size(); i++) {
            GanEvaluation e = rows.get(i);
            double[] paper = PaperTables.PAPER_TABLE3.get(PAPER_ROWS.getOrDefault(labels.get(i), ""));
            nfe.append(e.nfe());
            samples.append(e.samples());
            perNfe.append(i == 0 ? Double.NaN : 1000 * cost.perEvaluation(e.nfe(), e.time().meanSeconds()));
            paperTime.append(paper == null ? Double.NaN : paper[3]);
            paperFid.append(paper == null ? Double.NaN : paper[0]);
        }
        // columns are filled before they join the table: Tablesaw pads a column added to a non-empty table
        Table samplers = Table.create("Samplers in one run: FID, NFE, time per batch of 100 (decoder included)")
                .addColumns(StringColumn.create("sampler", labels), nfe, samples);
        SampleQualityColumns.fidKidIs(rows).forEach(samplers::addColumns);
        return samplers.addColumns(SampleQualityColumns.column("recall", rows, GanEvaluation::recall),
                SampleQualityColumns.column("time_s", rows, e -> e.time().meanSeconds()), perNfe, paperTime, paperFid);
    }

    /** Seconds per batch of 100 of the sampler {@code label}, NaN when it was not evaluated. */
    public double seconds(String label) {
        int i = labels.indexOf(label);
        return i < 0 ? Double.NaN : rows.get(i).time().meanSeconds();
    }

    /**
     * Figure 3, our panel with the diffusion samplers: FID against time, log time axis, from the samplers' summary
     * over seeds ({@link lddgan.report.SeedTable#summary} of {@link #table()}s; seed error bars, real-data floor).
     */
    public static XYChart figure3(Table summary, boolean proxy, String device) {
        XYChart chart = PaperTables.figure3Ours(summary, "sampler", proxy, device);
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    /**
     * {@link #evaluate} for every seed: LDDGAN's evaluation and the epsilon network of that seed, the setup of that
     * seed; prints each seed's cost per network evaluation.
     */
    public static Map<Long, SamplerComparison> everySeed(Map<Long, GanEvaluation> lddgan, Map<Long, DiffusionTrainer> diffusion,
            Map<Long, TrainingSummary> summaries, LatentDiffusionBudget budget, ModelRun.Setup setup, Device device,
            NDManager manager) {
        Map<Long, SamplerComparison> all = new java.util.LinkedHashMap<>();
        for (long seed : budget.seeds()) {
            SamplerComparison s = evaluate(lddgan.get(seed), diffusion.get(seed), summaries.get(seed), budget,
                    setup.withSeed(seed), device, manager);
            all.put(seed, s);
            System.out.printf(java.util.Locale.ROOT, "seed %d: epsilon network %.1f ms per evaluation of a batch of 100, "
                    + "%.3f s overhead (x_T, decoder)%n", seed, 1000 * s.cost().secondsPerEvaluation(), s.cost().overheadSeconds());
        }
        return all;
    }

    /** Every seed's {@link #table()}, stacked with a seed column. */
    public static Table perSeed(Map<Long, SamplerComparison> bySeed) {
        Map<Long, Table> tables = new java.util.LinkedHashMap<>();
        bySeed.forEach((seed, s) -> tables.put(seed, s.table()));
        return lddgan.report.SeedTable.stack("Samplers per seed", tables);
    }

    /** The samplers' summary over seeds (mean and seed-sd per sampler) with the real-data row below. */
    public static Table summary(Table perSeed, GanEvaluation real) {
        return lddgan.report.SeedTable.withRealData("Samplers: FID, NFE, time per batch of 100 (decoder included), mean"
                + " and sd over seeds", perSeed, "sampler", realDataRow(real));
    }

    /** The real-data row in {@link #table()}'s columns (no NFE, time or paper values). */
    public static Table realDataRow(GanEvaluation real) {
        return new SamplerComparison(List.of(real.model()), List.of(real), null).table();
    }
}
