package lddgan.report;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.AutoencoderConfig;
import lddgan.autoencoder.LatentStatistics;
import lddgan.autoencoder.ReconstructionEvaluation;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.nn.NetworkStats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The first stage's tables (LDDGAN Sec. 4.2, Table 1; notebook 01): sizes of the presets, Table 1, latent statistics. */
public final class FirstStageTables {
    /** Published total parameters (millions) of {@link AutoencoderConfig#PRESETS}, in that order. */
    public static final List<Double> PUBLISHED_TOTALS = List.of(14.65, 55.32, 83.65);
    /** Table 1's CIFAR-10 row as printed: rFID 1.32 at f = 2, latent 16x16x4. */
    public static final double PAPER_RFID_CIFAR10 = 1.32;

    private FirstStageTables() {
    }

    /**
     * Encoder (with {@code quant_conv}), decoder (with {@code post_quant_conv}) and total parameters of every
     * autoencoder preset beside the published totals; each network is initialised in a sub-manager of {@code manager}.
     */
    public static Table presetSizes(NDManager manager) {
        Table sizes = Table.create("Autoencoder presets (parameters, millions)").addColumns(StringColumn.create("preset"),
                StringColumn.create("latent"), DoubleColumn.create("encoder"), DoubleColumn.create("decoder"),
                DoubleColumn.create("total"), DoubleColumn.create("published total"));
        for (int i = 0; i < AutoencoderConfig.PRESETS.size(); i++) {
            Autoencoder ae = Autoencoder.preset(AutoencoderConfig.PRESETS.get(i));
            try (NDManager m = manager.newSubManager()) {
                ae.initialize(m, 1);
                long encoder = NetworkStats.parameterCount(ae.encoder()) + NetworkStats.parameterCount(ae.quantConv(true));
                long total = NetworkStats.parameterCount(ae);
                Row row = sizes.appendRow();
                row.setString("preset", ae.name());
                row.setString("latent", ae.latentShape(ae.config().imageShape(1)).slice(1).toString());
                row.setDouble("encoder", encoder / 1e6);
                row.setDouble("decoder", (total - encoder) / 1e6);
                row.setDouble("total", total / 1e6);
                row.setDouble("published total", PUBLISHED_TOTALS.get(i));
            }
        }
        return sizes;
    }

    /**
     * Table 1 (CIFAR-10), our analogue: the paper's row and ours, with the conditions each was measured under.
     *
     * @param train the training images
     * @param steps training steps, {@code batchSize}, {@code ch} (width) and {@code perceptual} of the run
     */
    public static Table table1(Profile profile, Autoencoder ae, ReconstructionEvaluation evaluation, ImageSet train,
            long steps, int batchSize, int ch, String perceptual) {
        StringColumn source = StringColumn.create("source", "paper (Table 1)", "ours (" + profile.id() + ")");
        StringColumn f = StringColumn.create("f", "2", String.valueOf(ae.config().factor()));
        StringColumn latent = StringColumn.create("latent", "16x16x4", ae.latentShape(new Shape(3, 32, 32)).toString());
        DoubleColumn rfid = DoubleColumn.create("rFID", PAPER_RFID_CIFAR10, evaluation.rfid());
        DoubleColumn kid = DoubleColumn.create(lddgan.metrics.MetricLabel.RKID.label(evaluation.proxy()), Double.NaN,
                evaluation.kid().mean());
        DoubleColumn kidStd = DoubleColumn.create(lddgan.metrics.MetricLabel.RKID_STD.label(evaluation.proxy()), Double.NaN,
                evaluation.kid().std());
        StringColumn features = StringColumn.create("FID features", "Inception-v3 (pytorch-fid)", evaluation.extractor());
        DoubleColumn psnr = DoubleColumn.create("PSNR (dB)", Double.NaN, evaluation.psnr().meanPerImage());
        StringColumn conditions = StringColumn.create("conditions",
                "CIFAR-10 validation set; LPIPS + patch GAN; full training",
                String.format("%s (%d images), %d steps x batch %d, ch %d, perceptual %s", train.name(), train.size(),
                        steps, batchSize, ch, perceptual));
        return Table.create("Table 1 (CIFAR-10): ours vs the paper").addColumns(source, f, latent, rfid, kid, kidStd,
                features, psnr, conditions);
    }

    /** Per-channel statistics of the (scaled) latents and each channel's KL to N(0, 1). */
    public static Table latentStatistics(LatentStatistics stats) {
        IntColumn channel = IntColumn.create("channel");
        for (int c = 0; c < stats.channels(); c++) {
            channel.append(c);
        }
        return Table.create("Latent statistics (validation set, posterior samples / scale " + stats.scale() + ")")
                .addColumns(channel, DoubleColumn.create("mean", stats.mean()), DoubleColumn.create("std", stats.std()),
                        DoubleColumn.create("min", stats.min()), DoubleColumn.create("max", stats.max()),
                        DoubleColumn.create("KL to N(0,1)", stats.klPerChannel()));
    }
}
