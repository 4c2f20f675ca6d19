package lddgan.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import lddgan.data.ImageSet;
import lddgan.diffusion.ClassifierFreeGuidance;
import lddgan.diffusion.EpsilonUNet;
import lddgan.sampling.Sampler;
import lddgan.sampling.SamplingLoop;
import lddgan.schedule.DiscreteSchedule;
import lddgan.space.DataSpace;
import lddgan.checkpoint.CheckpointStore;
import lddgan.checkpoint.RunState;
import lddgan.metrics.GanEvaluation;
import lddgan.nn.NetworkStats;
import lddgan.optim.ExponentialMovingAverage;

/**
 * Training of the Gaussian latent diffusion baseline with the simple objective (DDPM Eq. (14); Ho &amp; Salimans 2022
 * for the label dropout): each step, on a batch x0 encoded into the data space (no gradient), t uniform in
 * {0..T-1}, eps ~ N(0, I), x_t = sqrt(alphaBar_t) x0 + sqrt(1 - alphaBar_t) eps, labels replaced by the null label
 * with probability {@code labelDropout}; L = mean ||eps - eps_theta(x_t, t, y)||^2; one Adam step; the EMA of the
 * network is updated. The same machinery as the GAN loop ({@link TrainerBase}): per-epoch permutations, randomness from
 * (seed, step), checkpoints with the full state (network, EMA, Adam), exact resume, a stop on a non-finite loss.
 */
public final class DiffusionTrainer extends TrainerBase {
    private static final String NETWORK_FILE = "network.params";
    private static final String EMA_FILE = "network-ema.params";
    private static final String OPTIMIZER_FILE = "optimizer.ndlist";

    private final DiffusionTrainingConfig config;
    private final DataSpace space;
    private final Device device;
    private final NDManager manager;
    private final DiscreteSchedule schedule;
    private final EpsilonUNet emaNetwork;
    private final Network network;
    private final ExponentialMovingAverage ema;

    private DiffusionTrainer(Builder b) throws IOException {
        super(b.config.name(), b.config.batchSize(), b.data, b.config.toJson(), b.space.name(), b.space.firstStage(), b);
        this.config = b.config;
        this.space = b.space;
        this.device = Engine.getInstance().defaultDevice();
        requireSpaceShape(space, config.network().xShape(1).slice(1));
        this.schedule = config.network().trainingSchedule();
        RunState.ResumePoint resumeFrom = findResume(b.resume);
        this.manager = NDManager.newBaseManager(device);
        // 1. networks from (seed, -1), or the checkpoint's weights
        Engine.getInstance().setRandomSeed(TrainingRandomness.stepSeed(seed, -1));
        EpsilonUNet net = new EpsilonUNet(config.network());
        this.emaNetwork = new EpsilonUNet(config.network());
        int initBatch = Math.min(config.batchSize(), 4);
        net.initialize(manager, initBatch);
        emaNetwork.initialize(manager, initBatch);
        if (resumeFrom != null) {
            RunState.load(net, resumeFrom.directory().resolve(NETWORK_FILE), manager, true);
            RunState.load(emaNetwork, resumeFrom.directory().resolve(EMA_FILE), manager, false);
        }
        this.network = new Network("network", net, manager, List.of(device), config.beta1(), config.beta2());
        this.ema = new ExponentialMovingAverage(NetworkStats.parameterArrays(emaNetwork), network.arrays(), config.emaDecay());
        if (resumeFrom == null) {
            ema.reset();
        } else {
            network.restoreOptimizerState(RunState.readList(resumeFrom.directory().resolve(OPTIMIZER_FILE), manager),
                    resumeFrom.manifest().generatorOptimizerSteps());
            resumeAt(resumeFrom);
        }
    }

    /** Starts building a trainer for {@code config} on {@code data}, trained in {@code space}. */
    public static Builder builder(DiffusionTrainingConfig config, DataSpace space, ImageSet data) {
        return new Builder(config, space, data);
    }

    /** The configuration. */
    public DiffusionTrainingConfig config() {
        return config;
    }

    /** The training schedule (samplers run on it). */
    public DiscreteSchedule schedule() {
        return schedule;
    }

    /** The data space. */
    public DataSpace space() {
        return space;
    }

    /** The network being trained. */
    public EpsilonUNet network() {
        return (EpsilonUNet) network.block();
    }

    /** The network with the EMA weights: the one to sample with. */
    public EpsilonUNet emaNetwork() {
        return emaNetwork;
    }

    /**
     * Draws decoded images from the EMA network with a sampler (DDPM, DDIM) and, for a conditional network, class
     * labels and a guidance scale. The engine is reseeded from {@code sampleSeed}.
     *
     * @param sampler the sampler (it decides the NFE)
     * @param labels class of each image (cycled 0..K-1 when null), ignored by an unconditional network
     * @param guidance the classifier-free guidance scale w (1: conditional)
     * @return (count, C, H, W) images in [-1, 1], in {@code out}
     */
    public NDArray sample(NDManager out, Sampler sampler, int count, int batch, long sampleSeed, int[] labels,
            double guidance) {
        Engine.getInstance().setRandomSeed((int) new SplittableRandom(sampleSeed).nextLong());
        boolean conditional = config.network().conditional();
        return inBatches(out, device, count, batch, (part, from, n) -> {
            ClassifierFreeGuidance denoiser;
            if (conditional) {
                int[] y = new int[n];
                for (int i = 0; i < n; i++) {
                    y[i] = labels == null ? (from + i) % config.network().numClasses() : labels[from + i];
                }
                denoiser = ClassifierFreeGuidance.guided(emaNetwork, part.create(y), guidance);
            } else {
                denoiser = ClassifierFreeGuidance.unconditional(emaNetwork);
            }
            return space.decode(SamplingLoop.run(denoiser, sampler, part, config.network().xShape(n)).x0());
        });
    }

    /** Binds a sampler, labels and guidance into an image source for {@link GanEvaluation#of}. */
    public GanEvaluation.ImageSource images(Sampler sampler, double guidance) {
        return (out, count, batch, seed) -> sample(out, sampler, count, batch, seed, null, guidance);
    }

    @Override
    public Path saveCheckpoint() throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(NETWORK_FILE, out -> network.block().saveParameters(new DataOutputStream(out)));
        files.put(EMA_FILE, out -> emaNetwork.saveParameters(new DataOutputStream(out)));
        files.put(OPTIMIZER_FILE, out -> out.write(network.optimizerState().encode()));
        return writeCheckpoint(files, network.optimizerSteps(), 0);
    }

    @Override
    DiffusionStepRecord trainStep(double elapsedBefore) {
        long t0 = System.nanoTime();
        int epoch = epoch();
        Engine.getInstance().setRandomSeed(TrainingRandomness.stepSeed(seed, step));
        double loss;
        try (NDManager scope = manager.newSubManager()) {
            int[] indices = batchIndices(epoch, (int) (step % stepsPerEpoch));
            int b = indices.length;
            NDArray x0 = space.encode(flippedBatch(indices, config.horizontalFlip() ? 0.5 : 0, scope));
            NDArray t = schedule.randomSteps(scope, b);
            NDArray noise = scope.randomNormal(x0.getShape(), DataType.FLOAT32);
            NDArray xt = schedule.qSample(x0, t, noise);
            NDArray[] inputs;
            if (config.network().conditional()) {
                NDArray labels = data.labelBatch(scope, indices);
                // label dropout: y <- null with probability p (classifier-free guidance's unconditional branch)
                NDArray drop = scope.randomUniform(0f, 1f, new Shape(b)).lt((float) config.network().labelDropout());
                NDArray nullLabels = scope.full(new Shape(b), config.network().nullLabel(), DataType.INT32);
                inputs = new NDArray[] {xt, t, NDArrays.where(drop, nullLabels, labels)};
            } else {
                inputs = new NDArray[] {xt, t};
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray mse = network.forward(inputs).sub(noise).square().mean();
                loss = mse.getFloat();
                requireFinite("loss (MSE of epsilon)", loss);
                collector.backward(mse);
            }
            network.step(config.lr());
            ema.update();
        }
        step++;
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new DiffusionStepRecord(step, epoch, loss, config.lr(), seconds, elapsedBefore + seconds);
    }

    /** Frees the networks and optimizer state. */
    @Override
    public void close() {
        network.close();
        manager.close();
    }

    /** Options of a {@link DiffusionTrainer}. */
    public static final class Builder extends TrainerBase.Options<Builder> {
        private final DiffusionTrainingConfig config;
        private final DataSpace space;
        private final ImageSet data;

        private Builder(DiffusionTrainingConfig config, DataSpace space, ImageSet data) {
            this.config = Objects.requireNonNull(config, "config");
            this.space = Objects.requireNonNull(space, "space");
            this.data = Objects.requireNonNull(data, "data");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Builds the trainer: initialises the networks from the seed, or restores the newest checkpoint.
         *
         * @throws IOException when a checkpoint cannot be read or is corrupted (the message names the file)
         */
        public DiffusionTrainer build() throws IOException {
            return new DiffusionTrainer(this);
        }
    }
}
