package lddgan.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lddgan.data.ImageSet;
import lddgan.discriminator.Discriminator;
import lddgan.generator.Generator;
import lddgan.schedule.FewStepVpSchedule;
import lddgan.schedule.Posterior;
import lddgan.schedule.TrainingPair;
import lddgan.space.DataSpace;
import lddgan.nn.Scalars;
import lddgan.checkpoint.CheckpointManifest;
import lddgan.checkpoint.CheckpointStore;
import lddgan.checkpoint.RunState;
import lddgan.loss.GanLosses;
import lddgan.loss.R1Penalty;
import lddgan.optim.DataParallel;
import lddgan.nn.NetworkStats;
import lddgan.optim.ExponentialMovingAverage;

/**
 * The adversarial denoising training loop of DDGAN, WDDGAN and LDDGAN (LDDGAN Sec. 4.3, Eq. (5)-(9);
 * REFERENCE-CODE.md section 4). One loop trains all three; the {@link DataSpace} (pixels, Haar wavelets, an
 * autoencoder's latent) and the {@link lddgan.loss.ReconstructionWeighting} are what differ.
 *
 * <p>Each step, on a real batch x0 (encoded into the data space, without gradient):
 * <ol>
 *   <li><b>D step</b>: k uniform in {0..T-1}, the pair (x_k, x_{k+1}) by {@link FewStepVpSchedule#qSamplePairs};
 *       L_real = mean softplus(-D(x_k, k, x_{k+1})); every {@code lazyReg} steps the R1 penalty
 *       (gamma / 2) mean ||grad_{x_k} D||^2 ({@link R1Penalty}); fresh z, x0' = G(x_{k+1}, k, z) with G frozen,
 *       x'_k from the posterior, L_fake = mean softplus(D(x'_k, k, x_{k+1})); one Adam step of D.
 *   <li><b>G step</b>: fresh k, pair and z, D frozen; L_G = mean softplus(-D(x'_k, k, x_{k+1})) + w mean |x0' - x0|;
 *       one Adam step of G; the EMA of G is updated.
 * </ol>
 * Learning rates are set per epoch ({@link TrainingConfig#generatorLearningRate}); w per epoch as well, or, when the
 * builder was given the run's length ({@link Builder#runSteps}, the reduced profiles), per step from the fraction of
 * the run done ({@link TrainingConfig#reconstructionWeight(long, int, long)}). An epoch is floor(|data| / batch) steps over a fresh permutation
 * (the reference's {@code drop_last=True}).
 *
 * <p>Randomness is a function of (seed, step): the engine is reseeded before every step and before
 * initialisation, and every epoch's permutation comes from (seed, epoch). Hence a run resumed from a checkpoint
 * continues exactly as if it had not stopped ({@code GanTrainerResumeTest}).
 *
 * <p>Memory: every step's arrays live in one sub-manager closed at the end of the step (DEVELOPERS.md "DJL hygiene").
 */
public final class GanTrainer extends TrainerBase {
    private static final String GENERATOR_FILE = "generator.params";
    private static final String DISCRIMINATOR_FILE = "discriminator.params";
    private static final String EMA_FILE = "generator-ema.params";
    private static final String OPTIMIZER_G_FILE = "optimizer-generator.ndlist";
    private static final String OPTIMIZER_D_FILE = "optimizer-discriminator.ndlist";

    private final TrainingConfig config;
    private final DataSpace space;
    private final List<Device> devices;
    private final NDManager manager;
    private final FewStepVpSchedule schedule;
    private final Posterior posterior;
    private final Generator emaGenerator;
    private final Network generator;
    private final Network discriminator;
    private final ExponentialMovingAverage ema;
    private final R1Penalty r1;
    private final R1Penalty.Critic critic;
    private final long runSteps;

    private GanTrainer(Builder b) throws IOException {
        super(b.config.name(), b.config.batchSize(), b.data, b.config.toJson(), b.space.name(), b.space.firstStage(), b);
        this.config = b.config;
        this.space = b.space;
        this.devices = b.devices == null ? List.of(Engine.getInstance().defaultDevice()) : List.copyOf(b.devices);
        this.r1 = b.r1;
        this.runSteps = b.runSteps;
        checkData();
        this.schedule = FewStepVpSchedule.of(config.numSteps());
        this.posterior = schedule.posterior();
        RunState.ResumePoint resumeFrom = findResume(b.resume);
        this.manager = NDManager.newBaseManager(devices.get(0));
        // 1. networks, initialised from (seed, -1); replaced by the checkpoint's weights on resume
        Engine.getInstance().setRandomSeed(stepSeed(-1));
        Generator g = config.generator().build();
        Discriminator d = new Discriminator(config.discriminator());
        this.emaGenerator = config.generator().build();
        int initBatch = Math.min(config.batchSize(), 4);
        g.initialize(manager, initBatch);
        d.initialize(manager, initBatch);
        emaGenerator.initialize(manager, initBatch);
        if (resumeFrom != null) {
            Path dir = resumeFrom.directory();
            RunState.load(g, dir.resolve(GENERATOR_FILE), manager, true);
            RunState.load(d, dir.resolve(DISCRIMINATOR_FILE), manager, true);
            RunState.load(emaGenerator, dir.resolve(EMA_FILE), manager, false);
        }
        this.generator = new Network("generator", g, manager, devices, config.beta1(), config.beta2());
        this.discriminator = new Network("discriminator", d, manager, devices, config.beta1(), config.beta2());
        this.critic = new DiscriminatorCritic(discriminator);
        this.ema = new ExponentialMovingAverage(NetworkStats.parameterArrays(emaGenerator), generator.arrays(), config.emaDecay());
        if (resumeFrom == null) {
            ema.reset();
        } else {
            Path dir = resumeFrom.directory();
            CheckpointManifest m = resumeFrom.manifest();
            generator.restoreOptimizerState(RunState.readList(dir.resolve(OPTIMIZER_G_FILE), manager), m.generatorOptimizerSteps());
            discriminator.restoreOptimizerState(RunState.readList(dir.resolve(OPTIMIZER_D_FILE), manager), m.discriminatorOptimizerSteps());
            resumeAt(resumeFrom);
        }
    }

    /** Starts building a trainer for {@code config} on {@code data}, trained in {@code space}. */
    public static Builder builder(TrainingConfig config, DataSpace space, ImageSet data) {
        return new Builder(config, space, data);
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** The data space. */
    public DataSpace space() {
        return space;
    }

    /** The devices the batch is split over. */
    public List<Device> devices() {
        return devices;
    }

    /** The generator being trained. */
    public Block generator() {
        return generator.block();
    }

    /** The discriminator being trained. */
    public Block discriminator() {
        return discriminator.block();
    }

    /** Both optimizers' moments, by name (for tests of exact resumption). */
    Map<String, float[]> optimizerMoments() {
        Map<String, float[]> out = new java.util.TreeMap<>();
        for (Network n : List.of(generator, discriminator)) {
            for (NDArray a : n.optimizerState()) {
                out.put(n.role() + "/" + a.getName(), a.toFloatArray());
            }
        }
        return out;
    }

    /** The generator with the EMA weights: the one to sample and evaluate with (REFERENCE-CODE.md section 4). */
    public Generator emaGenerator() {
        return emaGenerator;
    }

    /**
     * Draws images from the EMA generator (LDDGAN Algorithm 1, then decoding from the data space), in batches.
     * The engine is reseeded from {@code sampleSeed}, so the same seed gives the same samples.
     *
     * @param out where the images go
     * @param count number of images
     * @param batch samples per generator call
     * @return (count, C, H, W) images in [-1, 1], in {@code out}
     */
    public NDArray sample(NDManager out, int count, int batch, long sampleSeed) {
        return sampler().sample(out, devices.get(0), count, batch, sampleSeed);
    }

    /**
     * Denoises a given x_T with the EMA generator and decodes the result (LDDGAN Algorithm 1): with the same x_T in
     * every row, the rows differ only by the generator's z, which shows the multimodal denoiser (DDGAN Sec. 3).
     *
     * @param xT (N, C, H, W) in the data space, in the manager the images go to
     * @param sampleSeed seeds the engine for the z and posterior draws
     * @return (N, 3, H', W') images in [-1, 1], in xT's manager
     */
    public NDArray sampleFrom(NDArray xT, long sampleSeed) {
        return sampler().sampleFrom(xT, sampleSeed);
    }

    /** Algorithm 1 with the EMA generator in this run's data space. */
    public Algorithm1Sampler sampler() {
        return new Algorithm1Sampler(emaGenerator, schedule, space);
    }

    /** Writes a checkpoint of the full state now (atomically); returns its directory. */
    @Override
    public Path saveCheckpoint() throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(GENERATOR_FILE, out -> generator.block().saveParameters(new DataOutputStream(out)));
        files.put(DISCRIMINATOR_FILE, out -> discriminator.block().saveParameters(new DataOutputStream(out)));
        files.put(EMA_FILE, out -> emaGenerator.saveParameters(new DataOutputStream(out)));
        files.put(OPTIMIZER_G_FILE, out -> out.write(generator.optimizerState().encode()));
        files.put(OPTIMIZER_D_FILE, out -> out.write(discriminator.optimizerState().encode()));
        return writeCheckpoint(files, generator.optimizerSteps(), discriminator.optimizerSteps());
    }

    // ---------------------------------------------------------------- one step

    @Override
    StepRecord trainStep(double elapsedBefore) {
        long t0 = System.nanoTime();
        int epoch = epoch();
        Engine.getInstance().setRandomSeed(stepSeed(step));
        double lrD = config.discriminatorLearningRate(epoch);
        double lrG = config.generatorLearningRate(epoch);
        double w = config.reconstructionWeight(step, stepsPerEpoch, runSteps);
        boolean applyR1 = config.r1Gamma() > 0 && step % config.lazyReg() == 0;
        double[] d;
        double[] g;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x0 = realBatch(scope, epoch, (int) (step % stepsPerEpoch));
            d = discriminatorStep(x0, applyR1, scope);
            requireFinite("loss_D_real", d[0]);
            requireFinite("loss_D_fake", d[1]);
            requireFinite("R1 penalty", applyR1 ? d[2] : 0);
            discriminator.step(lrD);
            g = generatorStep(x0, w, scope);
            requireFinite("loss_G_adv", g[0]);
            requireFinite("loss_rec", g[1]);
            generator.step(lrG);
            ema.update();
        }
        step++;
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new StepRecord(step, epoch, d[0], d[1], applyR1 ? d[2] : Double.NaN, g[0], g[1], w, lrG, lrD, seconds,
                elapsedBefore + seconds);
    }

    /** The step's real batch: this epoch's permutation, flipped, encoded into the data space (no gradient). */
    private NDArray realBatch(NDManager scope, int epoch, int within) {
        return space.encode(flippedBatch(batchIndices(epoch, within), config.horizontalFlip() ? 0.5 : 0, scope));
    }

    /** Returns {L_real, L_fake, R1 penalty}; leaves D's gradients accumulated. */
    private double[] discriminatorStep(NDArray x0, boolean applyR1, NDManager scope) {
        int b = config.batchSize();
        List<DataParallel.Shard> shards = DataParallel.split(b, devices);
        List<NDArray[]> inputs = new ArrayList<>();
        // fakes without gradient: G frozen
        generator.setTrainable(false);
        discriminator.setTrainable(true);
        for (DataParallel.Shard shard : shards) {
            NDArray x0s = shard.of(x0, scope);
            TrainingPair pair = schedule.qSamplePairs(x0s);
            NDArray fake = posterior.samplePosterior(predict(pair), pair.xt(), pair.step());
            inputs.add(new NDArray[] {pair.xPrev(), pair.step(), pair.xt(), fake});
        }
        double real = 0;
        double fake = 0;
        double penalty = 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (NDArray[] in : inputs) {
                NDArray lossReal = GanLosses.realLoss(discriminator.forward(in[0], in[1], in[2]), b);
                collector.backward(lossReal);
                real += lossReal.getFloat();
                if (applyR1) {
                    penalty += r1.accumulate(critic, in[0], in[1], in[2], config.r1Gamma(), b, collector);
                }
                NDArray lossFake = GanLosses.fakeLoss(discriminator.forward(in[3], in[1], in[2]), b);
                collector.backward(lossFake);
                fake += lossFake.getFloat();
            }
        }
        return new double[] {real, fake, penalty};
    }

    /** Returns {L_G adversarial, L_rec}; leaves G's gradients accumulated. */
    private double[] generatorStep(NDArray x0, double w, NDManager scope) {
        int b = config.batchSize();
        generator.setTrainable(true);
        discriminator.setTrainable(false);
        List<NDArray[]> inputs = new ArrayList<>();
        for (DataParallel.Shard shard : DataParallel.split(b, devices)) {
            NDArray x0s = shard.of(x0, scope);
            TrainingPair pair = schedule.qSamplePairs(x0s);
            inputs.add(new NDArray[] {x0s, pair.step(), pair.xt(), latent(pair.xt())});
        }
        double adv = 0;
        double rec = 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (NDArray[] in : inputs) {
                NDArray predicted = generator.forward(in[2], in[1], in[3]);
                NDArray fake = posterior.samplePosterior(predicted, in[2], in[1]);
                NDArray lossAdv = GanLosses.generatorLoss(discriminator.forward(fake, in[1], in[2]), b);
                NDArray lossRec = GanLosses.reconstructionLoss(predicted, in[0], b);
                collector.backward(config.reconstruction().usesReconstruction() ? lossAdv.add(Scalars.times(lossRec, w)) : lossAdv);
                adv += lossAdv.getFloat();
                rec += lossRec.getFloat();
            }
        } finally {
            discriminator.setTrainable(true);
        }
        return new double[] {adv, rec};
    }

    private NDArray predict(TrainingPair pair) {
        return generator.forward(pair.xt(), pair.step(), latent(pair.xt()));
    }

    /** z ~ N(0, I), one row per sample of {@code like}, in its manager. */
    private NDArray latent(NDArray like) {
        return like.getManager().randomNormal(new Shape(like.getShape().get(0), config.generator().nz()), DataType.FLOAT32);
    }

    private int stepSeed(long at) {
        return TrainingRandomness.stepSeed(seed, at);
    }

    // ---------------------------------------------------------------- checks and loading

    private void checkData() {
        requireSpaceShape(space, config.generator().xShape(1).slice(1));
        if (!space.name().equals(config.space().id())) {
            throw new IllegalArgumentException("training config '" + config.name() + "' trains in the '" + config.space()
                    + "' space, got a '" + space.name() + "' space");
        }
    }

    /** Frees the networks and optimizer state. */
    @Override
    public void close() {
        generator.close();
        discriminator.close();
        manager.close();
    }

    /** Options of a {@link GanTrainer}. */
    public static final class Builder extends TrainerBase.Options<Builder> {
        private final TrainingConfig config;
        private final DataSpace space;
        private final ImageSet data;
        private List<Device> devices;
        private R1Penalty r1 = new R1Penalty();
        private long runSteps;

        private Builder(TrainingConfig config, DataSpace space, ImageSet data) {
            this.config = Objects.requireNonNull(config, "config");
            this.space = Objects.requireNonNull(space, "space");
            this.data = Objects.requireNonNull(data, "data");
        }

        @Override
        Builder self() {
            return this;
        }

        /** The devices to split each batch over (default: the engine's default device). */
        public Builder devices(List<Device> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("at least one device is needed");
            }
            this.devices = value;
            return this;
        }

        /** The R1 implementation (default: {@link R1Penalty#DEFAULT_RELATIVE_STEP}). */
        public Builder r1(R1Penalty value) {
            this.r1 = Objects.requireNonNull(value, "r1");
            return this;
        }

        /**
         * The run's length for Weighted Learning's lambda ({@link TrainingConfig#runSteps(lddgan.config.Profile, long)}): 0 (the
         * default) sets it per epoch as the reference code does, a positive value per step from the fraction done.
         */
        public Builder runSteps(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("runSteps must be >= 0, got " + value);
            }
            this.runSteps = value;
            return this;
        }

        /**
         * Builds the trainer: initialises the networks from the seed, or restores the newest checkpoint.
         *
         * @throws IOException when a checkpoint cannot be read or is corrupted (the message names the file)
         * @throws IllegalArgumentException when the checkpoint belongs to another preset, configuration, seed or data
         */
        public GanTrainer build() throws IOException {
            return new GanTrainer(this);
        }
    }
}
