package lddgan.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.AutoencoderIdentity;
import lddgan.autoencoder.PerceptualLoss;
import lddgan.autoencoder.Regularizer;
import lddgan.data.ImageSet;
import lddgan.discriminator.HingeLoss;
import lddgan.discriminator.PatchGanDiscriminator;
import lddgan.nn.Scalars;
import lddgan.checkpoint.CheckpointManifest;
import lddgan.checkpoint.CheckpointStore;
import lddgan.checkpoint.RunState;
import lddgan.loss.AdaptiveWeight;

/**
 * Trains an LDM-style first stage (LDDGAN Sec. 4.2; REFERENCE-CODE.md section 6) with LDM's losses
 * ({@code LPIPSWithDiscriminator} for KL / NONE, {@code VQLPIPSWithDiscriminator} for VQ). The reference repository
 * has no autoencoder training code; this follows latent-diffusion's.
 *
 * <p>Each step, on a batch x (flipped horizontally with probability {@code flipProbability} per image):
 * <ol>
 *   <li><b>Autoencoder step.</b> x_rec = D(reg(E(x))). Reconstruction loss per pixel |x - x_rec| + w_p LPIPS(x, x_rec),
 *       summed over pixels and averaged over images (KL; the learnt log-variance of LDM stays 0 because LDM's
 *       optimizer does not hold it) or averaged over everything (VQ): nll. From {@code discStart} on, the adversarial
 *       term g = -mean D_patch(x_rec) is added with the adaptive weight d_weight = disc_weight
 *       clamp(||grad_W nll|| / (||grad_W g|| + 1e-4), 0, 1e4), W the decoder's last layer. Plus kl_weight mean KL
 *       (KL) or codebook_weight L_VQ (VQ). One Adam step.
 *   <li><b>Discriminator step</b> (from {@code discStart}): hinge loss 0.5 (mean relu(1 - D(x)) + mean relu(1 +
 *       D(sg[x_rec]))); one Adam step. LDM recomputes x_rec for this step (a second forward pass with a fresh
 *       posterior sample); we reuse the step's x_rec, which saves a forward pass and is the same in distribution.
 * </ol>
 *
 * <p>The two gradient norms of the adaptive weight come from separate backward passes on detached copies of the
 * last layer's output y (the loss graph below y is cheap); the autoencoder then gets one backward pass of
 * sum(y * (dnll/dy + d_weight dg/dy)) + the regulariser, which has the same gradient as LDM's total loss.
 *
 * <p>Randomness, checkpoints and exact resume work as in {@link GanTrainer} (seed and step determine every draw;
 * checkpoints hold both networks and both Adam states; {@link CheckpointManifest}'s generator fields describe the
 * autoencoder and its discriminator fields the patch discriminator). One device.
 */
public final class AutoencoderTrainer extends TrainerBase {
    /** The autoencoder's parameter file in a checkpoint. */
    public static final String AUTOENCODER_FILE = "autoencoder.params";
    private static final String DISCRIMINATOR_FILE = "patch-discriminator.params";
    private static final String OPTIMIZER_AE_FILE = "optimizer-autoencoder.ndlist";
    private static final String OPTIMIZER_D_FILE = "optimizer-patch-discriminator.ndlist";
    /** The data space a first stage is trained in, as the checkpoint manifest records it. */
    public static final String SPACE = "pixel";

    private final AutoencoderTrainingConfig config;
    private final Device device;
    private final NDManager manager;
    private final Autoencoder autoencoder;
    private final Network aeNetwork;
    private final Network discriminator;
    private final PerceptualLoss perceptual;

    private AutoencoderTrainer(Builder b) throws IOException {
        super(b.config.name(), b.config.batchSize(), b.data, b.config.toJson(), SPACE, null, b);
        this.config = b.config;
        this.device = b.device == null ? Engine.getInstance().defaultDevice() : b.device;
        this.perceptual = b.perceptual;
        if (!perceptual.name().equals(config.perceptual())) {
            throw new IllegalArgumentException("autoencoder training config '" + config.name() + "' asks for perceptual: "
                    + config.perceptual() + " but the trainer was given '" + perceptual.name() + "'");
        }
        checkData();
        RunState.ResumePoint resumeFrom = findResume(b.resume);
        this.manager = NDManager.newBaseManager(device);
        Engine.getInstance().setRandomSeed(TrainingRandomness.stepSeed(seed, -1));
        autoencoder = new Autoencoder(config.autoencoder());
        PatchGanDiscriminator d = new PatchGanDiscriminator(PatchGanDiscriminator.Config.REFERENCE
                .withNdf(config.discNdf()).withLayers(config.discLayers()));
        int initBatch = Math.min(config.batchSize(), 2);
        autoencoder.initialize(manager, initBatch);
        d.initialize(manager, initBatch, config.autoencoder().resolution());
        if (resumeFrom != null) {
            RunState.load(autoencoder, resumeFrom.directory().resolve(AUTOENCODER_FILE), manager, true);
            RunState.load(d, resumeFrom.directory().resolve(DISCRIMINATOR_FILE), manager, true);
        }
        aeNetwork = new Network("autoencoder", autoencoder, manager, List.of(device), config.beta1(), config.beta2());
        discriminator = new Network("patch discriminator", d, manager, List.of(device), config.beta1(), config.beta2());
        if (resumeFrom != null) {
            Path dir = resumeFrom.directory();
            CheckpointManifest m = resumeFrom.manifest();
            aeNetwork.restoreOptimizerState(RunState.readList(dir.resolve(OPTIMIZER_AE_FILE), manager),
                    m.generatorOptimizerSteps());
            discriminator.restoreOptimizerState(RunState.readList(dir.resolve(OPTIMIZER_D_FILE), manager),
                    m.discriminatorOptimizerSteps());
            resumeAt(resumeFrom);
        }
    }

    /** A builder for {@code config} on {@code data} (images in [-1, 1] after {@link ImageSet#batch}). */
    public static Builder builder(AutoencoderTrainingConfig config, ImageSet data) {
        return new Builder(config, data);
    }

    /** The configuration. */
    public AutoencoderTrainingConfig config() {
        return config;
    }

    /** The autoencoder being trained (a {@link lddgan.space.FirstStage}; its weights change with every step). */
    public Autoencoder autoencoder() {
        return autoencoder;
    }

    /** Writes a checkpoint of the full state now (atomically); returns its directory. */
    @Override
    public Path saveCheckpoint() throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(AUTOENCODER_FILE, out -> autoencoder.saveParameters(new DataOutputStream(out)));
        files.put(DISCRIMINATOR_FILE, out -> discriminator.block().saveParameters(new DataOutputStream(out)));
        files.put(OPTIMIZER_AE_FILE, out -> out.write(aeNetwork.optimizerState().encode()));
        files.put(OPTIMIZER_D_FILE, out -> out.write(discriminator.optimizerState().encode()));
        return writeCheckpoint(files, aeNetwork.optimizerSteps(), discriminator.optimizerSteps());
    }

    /**
     * The newest checkpoint directory under a run's checkpoint root.
     *
     * @throws IOException naming the root when it holds no checkpoint
     */
    public static Path lastOf(Path root) throws IOException {
        return new CheckpointStore(root, Integer.MAX_VALUE).latest()
                .orElseThrow(() -> new IOException("no autoencoder checkpoint under " + root));
    }

    /** The identity of the autoencoder checkpoint in {@code directory}: preset name and the manifest's SHA-256. */
    public static AutoencoderIdentity identityOf(Path directory) throws IOException {
        CheckpointManifest m = CheckpointStore.verify(directory);
        return AutoencoderIdentity.of(m.preset(), directory.resolve(CheckpointManifest.FILE));
    }

    /**
     * Loads a trained autoencoder from a checkpoint directory (every file's SHA-256 verified first), for inference:
     * encoding latents for the diffusion GAN, decoding its samples.
     *
     * @param directory a checkpoint directory written by {@link #saveCheckpoint}
     * @param manager where the weights go
     * @throws IOException naming the file when the checkpoint is incomplete, corrupted or not an autoencoder's
     */
    public static Autoencoder load(Path directory, NDManager manager) throws IOException {
        CheckpointManifest m = CheckpointStore.verify(directory);
        if (!m.files().containsKey(AUTOENCODER_FILE)) {
            throw new IOException("checkpoint " + directory + " holds no " + AUTOENCODER_FILE + " (files "
                    + m.files().keySet() + "): it is not an autoencoder checkpoint");
        }
        AutoencoderTrainingConfig config;
        try {
            config = AutoencoderTrainingConfig.fromJson(m.config().toString());
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + directory + ": its manifest's configuration is not an autoencoder"
                    + " training configuration: " + e.getMessage(), e);
        }
        Autoencoder ae = new Autoencoder(config.autoencoder());
        ae.initialize(manager, 1);
        RunState.load(ae, directory.resolve(AUTOENCODER_FILE), manager, false);
        ae.setIdentity(AutoencoderIdentity.of(m.preset(), directory.resolve(CheckpointManifest.FILE)));
        return ae;
    }

    // ---------------------------------------------------------------- one step

    @Override
    AutoencoderStepRecord trainStep(double elapsedBefore) {
        long t0 = System.nanoTime();
        int epoch = epoch();
        Engine.getInstance().setRandomSeed(TrainingRandomness.stepSeed(seed, step));
        boolean adversarial = step >= config.discStart();
        double[] ae;
        double[] d;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = realBatch(scope, epoch, (int) (step % stepsPerEpoch));
            NDList reconstruction = new NDList();
            ae = autoencoderStep(x, adversarial, reconstruction);
            requireFinite("L1 reconstruction loss", ae[0]);
            requireFinite("perceptual loss", ae[1]);
            requireFinite(config.regularizer() == Regularizer.VQ ? "VQ loss" : "KL", ae[3]);
            if (adversarial) {
                requireFinite("adversarial loss", ae[4]);
            }
            d = adversarial ? discriminatorStep(x, reconstruction.get(0)) : new double[] {Double.NaN, Double.NaN, Double.NaN};
            if (adversarial) {
                requireFinite("discriminator loss", d[0]);
            }
            aeNetwork.step(config.learningRate());
            if (adversarial) {
                discriminator.step(config.learningRate());
            }
        }
        step++;
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean vq = config.regularizer() == Regularizer.VQ;
        return new AutoencoderStepRecord(step, epoch, ae[0], ae[1], ae[2], vq ? Double.NaN : ae[3], vq ? ae[3] : Double.NaN,
                ae[4], ae[5], d[0], d[1], d[2], config.learningRate(), seconds, elapsedBefore + seconds);
    }

    /** The step's batch from this epoch's permutation, each image flipped with probability flipProbability. */
    private NDArray realBatch(NDManager scope, int epoch, int within) {
        return flippedBatch(batchIndices(epoch, within), config.flipProbability(), scope);
    }

    /**
     * Returns {L1 per pixel, perceptual, nll, regulariser (KL or VQ), g, d_weight}; leaves the autoencoder's gradients
     * accumulated and puts sg[x_rec] into {@code reconstructionOut}.
     */
    private double[] autoencoderStep(NDArray x, boolean adversarial, NDList reconstructionOut) {
        int b = config.batchSize();
        boolean vq = config.regularizer() == Regularizer.VQ;
        aeNetwork.setTrainable(true);
        discriminator.setTrainable(false);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Autoencoder.Reconstruction r = autoencoder.reconstruct(aeNetwork.store(), x, true);
            NDArray y = r.preActivation();
            // 1. dnll/dy on a detached copy of y
            NDArray y1 = AdaptiveWeight.leaf(y);
            NDArray xRec = autoencoder.decoder().activate(y1);
            NDArray l1 = x.sub(xRec).abs();
            NDArray p = perceptual.distance(x, xRec);
            long pixels = l1.getShape().size() / b;
            // rec_loss = |x - x_rec| + w_p LPIPS (LPIPS broadcast over the pixels of its image)
            NDArray perImage = l1.reshape(b, -1).sum(new int[] {1}).add(Scalars.times(p, config.perceptualWeight() * pixels));
            NDArray nll = vq ? Scalars.over(perImage.sum(), (double) b * pixels) : Scalars.over(perImage.sum(), b);
            collector.backward(nll);
            NDArray gradNll = y1.getGradient().duplicate();
            double g = Double.NaN;
            double dWeight = 0;
            NDArray gradY = gradNll;
            if (adversarial) {
                // 2. dg/dy, g = -mean D(x_rec), D frozen
                NDArray y2 = AdaptiveWeight.leaf(y);
                NDArray gLoss = HingeLoss.generatorLoss(discriminator.forward(autoencoder.decoder().activate(y2)));
                collector.backward(gLoss);
                NDArray gradG = y2.getGradient().duplicate();
                g = gLoss.getFloat();
                // 3. the adaptive weight from the two gradients at the last layer's weight
                NDArray w = aeNetwork.valueOn(autoencoder.decoder().lastLayer().getParameters().get("weight"), device);
                dWeight = AdaptiveWeight.of(AdaptiveWeight.lastLayerGradientNorm(r.features(), gradNll, w, collector),
                        AdaptiveWeight.lastLayerGradientNorm(r.features(), gradG, w, collector), config.discWeight());
                gradY = gradNll.add(Scalars.times(gradG, dWeight));
            }
            // 4. one backward pass through the autoencoder: sum(y * dL/dy) + regulariser
            // VQ: the scalar VQ loss; KL / NONE: the batch mean of the per-sample KL
            NDArray regularization = vq ? r.regularization() : r.regularization().mean();
            NDArray regularizer = Scalars.times(regularization, vq ? config.codebookWeight() : config.appliedKlWeight());
            collector.backward(y.mul(gradY.stopGradient()).sum().add(regularizer));
            reconstructionOut.add(xRec.stopGradient());
            double regValue = regularization.getFloat();
            return new double[] {l1.mean().getFloat(), p.mean().getFloat(), nll.getFloat(), regValue, g, dWeight};
        } finally {
            discriminator.setTrainable(true);
        }
    }

    /** Returns {hinge loss, mean D(x), mean D(x_rec)}; leaves the patch discriminator's gradients accumulated. */
    private double[] discriminatorStep(NDArray x, NDArray reconstruction) {
        aeNetwork.setTrainable(false);
        discriminator.setTrainable(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray real = discriminator.forward(x);
            NDArray fake = discriminator.forward(reconstruction);
            NDArray loss = HingeLoss.discriminatorLoss(real, fake);
            collector.backward(loss);
            return new double[] {loss.getFloat(), real.mean().getFloat(), fake.mean().getFloat()};
        } finally {
            aeNetwork.setTrainable(true);
        }
    }

    private void checkData() {
        var ae = config.autoencoder();
        if (data.channels() != ae.inChannels() || data.height() != ae.resolution() || data.width() != ae.resolution()) {
            throw new IllegalArgumentException("autoencoder training config '" + config.name() + "' trains on "
                    + ae.inChannels() + "x" + ae.resolution() + "x" + ae.resolution() + " images, but " + data.name()
                    + " holds " + data.channels() + "x" + data.height() + "x" + data.width());
        }
    }

    /** Frees the networks, the optimizer state and the perceptual loss. */
    @Override
    public void close() {
        aeNetwork.close();
        discriminator.close();
        perceptual.close();
        manager.close();
    }

    /** Options of an {@link AutoencoderTrainer}. */
    public static final class Builder extends TrainerBase.Options<Builder> {
        private final AutoencoderTrainingConfig config;
        private final ImageSet data;
        private Device device;
        private PerceptualLoss perceptual;

        private Builder(AutoencoderTrainingConfig config, ImageSet data) {
            this.config = Objects.requireNonNull(config, "config");
            this.data = Objects.requireNonNull(data, "data");
        }

        @Override
        Builder self() {
            return this;
        }

        /** The device (default: the engine's default device). */
        public Builder device(Device value) {
            this.device = value;
            return this;
        }

        /**
         * The perceptual loss (default: the one the configuration names, LPIPS from its configured file). It must
         * match the configuration's {@code perceptual} value; the trainer closes it.
         */
        public Builder perceptual(PerceptualLoss value) {
            this.perceptual = Objects.requireNonNull(value, "perceptual");
            return this;
        }

        /**
         * Builds the trainer: initialises the networks from the seed, or restores the newest checkpoint.
         *
         * @throws IOException when the LPIPS file or a checkpoint cannot be read or is corrupted (the message names it)
         * @throws IllegalArgumentException when the checkpoint belongs to another run or the data do not fit
         */
        public AutoencoderTrainer build() throws IOException {
            if (perceptual == null) {
                perceptual = PerceptualLoss.fromConfig(config.perceptual(),
                        device == null ? Engine.getInstance().defaultDevice() : device);
            }
            return new AutoencoderTrainer(this);
        }
    }
}
