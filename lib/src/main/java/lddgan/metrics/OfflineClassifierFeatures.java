package lddgan.metrics;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import lddgan.config.RunEnvironment;
import lddgan.config.ProjectPaths;
import lddgan.data.Download;
import lddgan.data.ImageSet;
import lddgan.io.AtomicFiles;
import lddgan.io.Json;
import lddgan.nn.Scoped;

/**
 * A compact CNN classifier the project trains itself on the dataset's training split, whose penultimate layer
 * serves as the feature space when the Inception network is not available (no network access, CI).
 *
 * <p>Network ({@link ClassifierConfig}, version {@value ClassifierConfig#ARCHITECTURE_VERSION}): stages of 3x3
 * convolution, BatchNorm and ReLU (32, 64, 128 channels by default) with 2x2 max-pooling between them, global average
 * pooling, a dense layer of 256 units, ReLU and a 10-way linear head. The features are the 256 pre-activations of
 * the dense layer (closer to Gaussian than post-ReLU values, which FID assumes). Training: Adam, softmax cross
 * entropy, a fixed seed for the initialisation and for each epoch's data order, on the CPU, so one configuration and
 * one dataset always give the same network (up to the engine's thread-order rounding). The result is cached under
 * {@code .cache/extractors/<id>/} ({@code parameters.bin}, then {@code metadata.json} with the test accuracy and
 * training time; both written atomically, the metadata last) and reused.
 *
 * <p>The {@link #id()} names the architecture version, every training setting and the training data (name, size,
 * content digest). <b>FIDs computed with it are not the paper's FID</b> (Heusel et al. use Inception-v3 trained on
 * ImageNet) and must never be compared with the paper's absolute numbers, only with each other under the same id.
 */
public final class OfflineClassifierFeatures implements FeatureExtractor {
    /** Classes of the head (CIFAR-10). */
    public static final int CLASSES = 10;
    private static final String PARAMETERS = "parameters.bin";
    private static final String METADATA = "metadata.json";

    /**
     * What was trained, on what, and how well.
     *
     * @param id the extractor id
     * @param config the configuration
     * @param trainingSet the training split's key
     * @param testSet the test split's key (null when none was given)
     * @param testAccuracy top-1 accuracy on the test split (null when none was given)
     * @param epochLosses mean training loss of each epoch
     * @param trainingSeconds wall time of the training
     * @param device where it was trained
     * @param versions engine and library versions
     * @param createdAt when it was trained (UTC)
     */
    public record Metadata(String id, ClassifierConfig config, String trainingSet, String testSet, Double testAccuracy,
                           List<Double> epochLosses, double trainingSeconds, String device, Map<String, String> versions,
                           String createdAt) {
    }

    private final Model model;
    private final SequentialBlock body;
    private final Metadata metadata;
    private String weightsSha256;

    private OfflineClassifierFeatures(Model model, SequentialBlock body, Metadata metadata) {
        this.model = model;
        this.body = body;
        this.metadata = metadata;
    }

    /** The id of the extractor that {@code config} trained on {@code train} would have. */
    public static String idFor(ClassifierConfig config, ImageSet train) {
        return "offline-" + config.idText() + "-" + DatasetKey.of(train).text();
    }

    /** The cached extractor for {@code config} and {@code train} in the project cache, trained first if missing. */
    public static OfflineClassifierFeatures trainOrLoad(ImageSet train, ImageSet test, ClassifierConfig config) throws IOException {
        return trainOrLoad(train, test, config, ProjectPaths.cacheDir().resolve("extractors"));
    }

    /**
     * The cached extractor in {@code cacheRoot/<id>/}, trained (and cached) first if it is not there.
     *
     * @param train the training split (labels used)
     * @param test the test split, for the reported accuracy (may be null)
     */
    public static OfflineClassifierFeatures trainOrLoad(ImageSet train, ImageSet test, ClassifierConfig config, Path cacheRoot)
            throws IOException {
        String id = idFor(config, train);
        Path dir = cacheRoot.resolve(id);
        if (Files.isRegularFile(dir.resolve(METADATA)) && Files.isRegularFile(dir.resolve(PARAMETERS))) {
            return load(dir, config, train);
        }
        OfflineClassifierFeatures trained = train(train, test, config, id);
        trained.save(dir);
        return trained;
    }

    private static OfflineClassifierFeatures load(Path dir, ClassifierConfig config, ImageSet train) throws IOException {
        Metadata metadata = Json.MAPPER.readValue(dir.resolve(METADATA).toFile(), Metadata.class);
        if (!metadata.id().equals(idFor(config, train))) {
            throw new IOException(dir + " holds extractor '" + metadata.id() + "', not '" + idFor(config, train) + "'");
        }
        Model model = Model.newInstance(metadata.id(), Device.cpu());
        SequentialBlock body = body(config);
        SequentialBlock classifier = new SequentialBlock().add(body).add(head());
        model.setBlock(classifier);
        classifier.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, train.height(), train.width()));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS)))) {
            classifier.loadParameters(model.getNDManager(), new DataInputStream(in));
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("cannot read " + dir.resolve(PARAMETERS) + ": " + e.getMessage() + " (delete the folder to retrain)", e);
        }
        OfflineClassifierFeatures loaded = new OfflineClassifierFeatures(model, body, metadata);
        // the file's bytes, which are what the trained extractor's digest gives: re-saving the loaded parameters
        // writes other bytes (same values), and the results' conditions would then depend on the cache (issue 27)
        loaded.weightsSha256 = Download.sha256(dir.resolve(PARAMETERS));
        return loaded;
    }

    private static OfflineClassifierFeatures train(ImageSet train, ImageSet test, ClassifierConfig config, String id) {
        long start = System.nanoTime();
        Model model = Model.newInstance(id, Device.cpu());
        SequentialBlock body = body(config);
        model.setBlock(new SequentialBlock().add(body).add(head()));
        DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate())).build())
                .optDevices(new Device[] {Device.cpu()});
        List<Double> losses = new ArrayList<>();
        Engine.getInstance().setRandomSeed((int) config.seed());
        try (Trainer trainer = model.newTrainer(training)) {
            trainer.initialize(new Shape(config.batchSize(), 3, train.height(), train.width()));
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int[] order = permutation(train.size(), config.seed() * 1_000_003L + epoch);
                double lossSum = 0;
                for (int from = 0; from < order.length; from += config.batchSize()) {
                    ImageSet batch = train.select(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + config.batchSize())));
                    lossSum += trainStep(trainer, batch) * batch.size();
                }
                losses.add(lossSum / order.length);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        OfflineClassifierFeatures untested = new OfflineClassifierFeatures(model, body, null);
        Double accuracy = test == null ? null : untested.accuracy(test);
        Metadata metadata = new Metadata(id, config, DatasetKey.of(train).text(), test == null ? null : DatasetKey.of(test).text(),
                accuracy, losses, seconds, RunEnvironment.describe(Device.cpu()), RunEnvironment.versions(), Instant.now().toString());
        return new OfflineClassifierFeatures(model, body, metadata);
    }

    /** One Adam step on a batch; returns its mean loss. */
    private static double trainStep(Trainer trainer, ImageSet batch) {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray x = batch.batch(step, 0, batch.size());
            NDArray y = batch.labelBatch(step, 0, batch.size());
            double loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                collector.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Convolution stages, global average pooling and the dense feature layer. */
    private static SequentialBlock body(ClassifierConfig config) {
        SequentialBlock body = new SequentialBlock();
        List<Integer> widths = config.widths();
        for (int i = 0; i < widths.size(); i++) {
            if (i > 0) {
                body.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            body.add(Conv2d.builder().setFilters(widths.get(i)).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .optBias(false).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
        }
        return body.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(config.featureDimension()).build());
    }

    private static Block head() {
        return new SequentialBlock().add(Activation.reluBlock()).add(Linear.builder().setUnits(CLASSES).build());
    }

    private void save(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(PARAMETERS), out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            model.getBlock().saveParameters(data);
            data.flush();
        });
        AtomicFiles.writeString(dir.resolve(METADATA), Json.MAPPER.writeValueAsString(metadata) + "\n");
    }

    /** Top-1 accuracy of the classifier head on a labelled set. */
    public double accuracy(ImageSet images) {
        long correct = 0;
        int batchSize = 250;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (int from = 0; from < images.size(); from += batchSize) {
                try (NDManager batch = manager.newSubManager()) {
                    int to = Math.min(images.size(), from + batchSize);
                    NDArray logits = model.getBlock().forward(new ParameterStore(batch, false),
                            new NDList(images.batch(batch, from, to)), false).singletonOrThrow();
                    NDArray hits = logits.argMax(1).toType(DataType.INT32, false).eq(images.labelBatch(batch, from, to));
                    correct += hits.toType(DataType.INT64, false).sum().getLong();
                }
            }
        }
        return (double) correct / images.size();
    }

    /** What was trained, on what, and its test accuracy. */
    public Metadata metadata() {
        return metadata;
    }

    @Override
    public String id() {
        return metadata.id();
    }

    @Override
    public int dimension() {
        return metadata.config().featureDimension();
    }

    /** The pre-activations of the penultimate dense layer, (N, feature dimension). */
    @Override
    public NDArray features(NDArray images) {
        return Scoped.apply(images, (in, scope) -> {
            NDArray x = in.toDevice(Device.cpu(), false); // the network lives on the CPU
            return body.forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow()
                    .toDevice(in.getDevice(), false);
        });
    }

    /**
     * SHA-256 of the network's parameters as DJL saves them (the bytes of the cached {@code parameters.bin}), computed
     * once.
     */
    @Override
    public synchronized String weightsSha256() {
        if (weightsSha256 == null) {
            try {
                java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
                try (DataOutputStream out = new DataOutputStream(new java.security.DigestOutputStream(
                        java.io.OutputStream.nullOutputStream(), digest))) {
                    model.getBlock().saveParameters(out);
                }
                weightsSha256 = java.util.HexFormat.of().formatHex(digest.digest());
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot digest the parameters of " + id(), e);
            }
        }
        return weightsSha256;
    }

    @Override
    public String preprocessing() {
        return "none: float images in [-1, 1] at their own size (no uint8 quantisation, no resize)";
    }

    /** Softmax of the 10-way head over the features (ReLU, dense): CIFAR-10 class probabilities. */
    @Override
    public Optional<NDArray> classProbabilities(NDArray features) {
        Block head = model.getBlock().getChildren().get(1).getValue();
        return Optional.of(Scoped.apply(features, (in, scope) -> head.forward(new ParameterStore(scope, false),
                new NDList(in.toDevice(Device.cpu(), false)), false).singletonOrThrow().softmax(1)
                .toDevice(in.getDevice(), false)));
    }

    @Override
    public void close() {
        model.close();
    }
}
