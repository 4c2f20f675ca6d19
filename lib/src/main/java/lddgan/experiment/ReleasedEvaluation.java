package lddgan.experiment;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import lddgan.autoencoder.ReconstructionEvaluation;
import lddgan.data.ImageSet;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.FeatureStatistics;
import lddgan.metrics.FidConventions;
import lddgan.metrics.GanEvaluation;
import lddgan.metrics.ReferenceStatistics;
import lddgan.metrics.SamplingTime;
import lddgan.metrics.SamplingTimer;
import lddgan.metrics.TrainingExtent;
import lddgan.report.SampleQualityColumns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables 1, 3, 4 and 5 of LDDGAN (Sec. 5.1.3, 5.2) from the authors' checkpoints ({@link ReleasedCheckpoints}): FID
 * and improved precision / recall of the released EMA generators, the time of a batch (Sec. 5.1.2: decoder or inverse
 * DWT included), sample grids, and the autoencoder's reconstructions with their rFID, each beside the printed value.
 * FID uses pytorch-fid's Inception-v3 where its weights are present ({@link FidFeatures}), else the offline
 * extractor, labelled "offline proxy"; it is computed for the CIFAR-10 models only (the data this project has).
 */
public final class ReleasedEvaluation {
    private ReleasedEvaluation() {
    }

    /**
     * The FID features of a chapter: the extractor, how results name it, and the training set's statistics.
     *
     * @param extractor Inception-v3 or the offline classifier
     * @param label "Inception-v3 (...)" or "offline proxy (...)"
     * @param reference the training set's feature statistics
     * @param realFeatures the training set's features (precision / recall); close when done
     */
    public record Features(FeatureExtractor extractor, String label, FeatureStatistics reference,
                           NDArray realFeatures) implements AutoCloseable {
        /**
         * The configured feature network ({@link FidFeatures#choose}: Inception-v3 when its weights are present,
         * else the offline extractor trained, or loaded, on {@code train} / {@code test}); statistics of {@code train}.
         */
        public static Features choose(ImageSet train, ImageSet test, Device device, NDManager manager)
                throws IOException {
            FeatureExtractor extractor = FidFeatures.choose(train, test, device);
            String label = extractor.isProxy()
                    ? "offline proxy (" + extractor.id() + "; not Inception: never comparable with the paper)"
                    : "Inception-v3 (" + extractor.id() + ")";
            return new Features(extractor, label, ReferenceStatistics.of(extractor, train),
                    extractor.features(train, 250, manager));
        }

        /** The conventions of FIDs of {@code samples} images against this training set's statistics. */
        public FidConventions conventions(int samples) {
            return FidConventions.of(extractor, samples, "training set (" + reference.count() + " images)", reference);
        }

        @Override
        public void close() throws Exception {
            realFeatures.close();
            extractor.close();
        }
    }

    /**
     * One released model evaluated: a row of Table 3, 4 or 5.
     *
     * @param files the weights it was loaded from
     * @param evaluation FID, KID, IS, precision and recall against the training set; null when its data set is not here
     * @param extractor the FID features' label, or why there is no FID
     * @param time the time of one batch
     * @param grid sample images (N, 3, H, W) in [-1, 1], in the caller's manager
     */
    public record Row(ReleasedCheckpoints.ModelFiles files, GanEvaluation evaluation, String extractor, SamplingTime time,
                      NDArray grid) {
        /** FID against the training set, NaN without an evaluation. */
        public double fid() {
            return evaluation == null ? Double.NaN : evaluation.fid();
        }
    }

    /**
     * Evaluates a loaded model: FID, precision and recall of {@code budget.samples()} images for a CIFAR-10 model
     * (with {@code features}), else only the time of a batch; and a grid of {@code budget.gridSamples()} images.
     *
     * @param features the FID features, or null to skip FID
     */
    public static Row evaluate(ReleasedCheckpoints.Loaded model, Features features, ReleasedCheckpointsBudget budget,
            Device device, NDManager manager) {
        ReleasedCheckpoints.ModelFiles files = model.files();
        var timing = budget.timingFor(model.imageSide());
        // the grid in batches of the timed batch (a VQ decoder's nearest-code search of a 64x64 latent takes ~0.5 GB
        // per image)
        NDArray grid = model.sample(manager, budget.gridSamples(), Math.min(budget.gridSamples(), timing.batchSize()),
                budget.seed() + 42);
        if (features != null && files.model().isCifar10()) {
            String name = files.model().id() + (files.isStandIn() ? "@stand-in" : "");
            GanEvaluation e = GanEvaluation.of(name, TrainingExtent.NONE, model, model.numSteps(), features.extractor(),
                    features.reference(), features.realFeatures(), budget.samples(), timing, device, manager,
                    budget.seed() + 1234);
            return new Row(files, e, features.label(), e.time(), grid);
        }
        SamplingTime time = new SamplingTimer(timing, device).time((java.util.function.Supplier<NDArray>) () ->
                model.sample(manager, timing.batchSize(), timing.batchSize(), budget.seed() + 1), model.numSteps());
        return new Row(files, null, "none: no " + files.model().dataset()
                + " images here (FID needs the data set and its statistics)", time, grid);
    }

    /**
     * Tables 3, 4 and 5 from the evaluated checkpoints: ours beside the printed values, one row per model; FID, KID and
     * IS (NaN for a model whose data set is not here) named by {@link SampleQualityColumns}.
     */
    public static Table generators(List<Row> rows) {
        StringColumn label = StringColumn.create("model");
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn preset = StringColumn.create("preset");
        StringColumn weights = StringColumn.create("weights");
        StringColumn table = StringColumn.create("paper_table");
        DoubleColumn paperFid = DoubleColumn.create("paper_FID");
        DoubleColumn paperRecall = DoubleColumn.create("paper_recall");
        IntColumn samples = IntColumn.create("samples");
        StringColumn extractor = StringColumn.create("extractor");
        IntColumn nfe = IntColumn.create("NFE");
        IntColumn batch = IntColumn.create("timed_batch");
        DoubleColumn time = DoubleColumn.create("time_s");
        DoubleColumn timeStd = DoubleColumn.create("time_std_s");
        DoubleColumn paperTime = DoubleColumn.create("paper_time_s");
        for (Row r : rows) {
            ReleasedModel m = r.files().model();
            label.append(m.label());
            dataset.append(m.dataset());
            preset.append(m.id());
            weights.append(r.files().weights());
            table.append(m.paperTable());
            paperFid.append(m.paperFid());
            paperRecall.append(m.paperRecall());
            samples.append(r.evaluation() == null ? 0 : r.evaluation().samples());
            extractor.append(r.extractor());
            nfe.append(r.time().nfe());
            batch.append(r.time().protocol().batchSize());
            time.append(r.time().meanSeconds());
            timeStd.append(r.time().stdSeconds());
            paperTime.append(m.paperTimeSeconds());
        }
        List<GanEvaluation> perRow = rows.stream().map(Row::evaluation).toList();
        // columns are filled before they join the table: Tablesaw pads a column added to a non-empty table
        Table t = Table.create("Tables 3-5 from the released checkpoints: ours beside the paper's").addColumns(label,
                dataset, preset, weights, table);
        SampleQualityColumns.fidKidIs(perRow).forEach(t::addColumns);
        return t.addColumns(paperFid, SampleQualityColumns.column("precision", perRow, GanEvaluation::precision),
                SampleQualityColumns.column("recall", perRow, GanEvaluation::recall), paperRecall, samples, extractor,
                nfe, batch, time, timeStd, paperTime);
    }

    /**
     * A first stage's reconstructions (Table 1).
     *
     * @param files the weights
     * @param evaluation rFID, PSNR and latent statistics on the held-out images
     * @param pairs the first eight originals, then their reconstructions, in the caller's manager
     */
    public record Reconstruction(ReleasedCheckpoints.ModelFiles files, ReconstructionEvaluation evaluation,
                                 NDArray pairs) {
    }

    /** Reconstructs the first {@code budget.reconstructionImages()} of {@code heldOut} with a model's autoencoder. */
    public static Reconstruction reconstruct(ReleasedCheckpoints.Loaded model, ImageSet heldOut, Features features,
            ReleasedCheckpointsBudget budget, NDManager manager) {
        if (model.autoencoder() == null) {
            throw new IllegalArgumentException(model.files().model().id() + " has no autoencoder");
        }
        List<NDArray> pairs = new ArrayList<>();
        BiConsumer<NDArray, NDArray> sink = (x, rec) -> {
            long n = Math.min(8, x.getShape().get(0));
            NDArray both = x.get("0:" + n).concat(rec.get("0:" + n), 0);
            both.attach(manager);
            pairs.add(both);
        };
        ImageSet images = heldOut.limit(Math.min(heldOut.size(), budget.reconstructionImages()));
        ReconstructionEvaluation e = ReconstructionEvaluation.of(model.autoencoder(), images, features.extractor(),
                manager, 100, budget.seed(), sink);
        return new Reconstruction(model.files(), e, pairs.get(0));
    }

    /** Table 1 from the evaluated first stages: rFID and PSNR beside the printed rFID. */
    public static Table autoencoders(List<Reconstruction> rows) {
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn autoencoder = StringColumn.create("autoencoder");
        StringColumn weights = StringColumn.create("weights");
        StringColumn images = StringColumn.create("images");
        DoubleColumn rfid = DoubleColumn.create("rFID");
        DoubleColumn paperRfid = DoubleColumn.create("paper_rFID");
        DoubleColumn psnr = DoubleColumn.create("PSNR_dB");
        StringColumn extractor = StringColumn.create("extractor");
        for (Reconstruction r : rows) {
            ReleasedModel m = r.files().model();
            dataset.append(m.dataset());
            autoencoder.append(m.autoencoderPreset());
            weights.append(r.files().weights());
            images.append(r.evaluation().dataset() + " (" + r.evaluation().images() + ")");
            rfid.append(r.evaluation().rfid());
            paperRfid.append(m.paperRfid());
            psnr.append(r.evaluation().psnr().overall());
            extractor.append(r.evaluation().extractor());
        }
        return Table.create("Table 1 from the released first stage: ours beside the paper's").addColumns(dataset,
                autoencoder, weights, images, rfid, paperRfid, psnr, extractor);
    }
}
