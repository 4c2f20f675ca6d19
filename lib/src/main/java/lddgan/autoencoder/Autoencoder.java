package lddgan.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import lddgan.nn.ComposedBlock;
import lddgan.nn.Layers;
import lddgan.nn.Scoped;
import lddgan.space.FirstStage;
import lddgan.space.Shapes;

/**
 * The LDM-style first stage of LDDGAN (Sec. 4.2, Table 1; REFERENCE-CODE.md section 6): {@link Encoder}, 1x1
 * {@code quant_conv}, the regulariser, 1x1 {@code post_quant_conv}, {@link Decoder}.
 *
 * <ul>
 *   <li>KL / NONE ({@code AutoencoderKL}): moments = quant_conv(E(x)); q(z|x) = {@link DiagonalGaussian}; the
 *       latent is a posterior sample; decode = D(post_quant_conv(z)).
 *   <li>VQ ({@code VQModelInterface}): the latent is quant_conv(E(x)), not quantised; decode quantises it with the
 *       {@link VectorQuantizer} first: D(post_quant_conv(VQ(h))).
 * </ul>
 *
 * <p>As a {@link FirstStage} it encodes and decodes without gradient (inference mode: no dropout), each call in its
 * own memory scope; {@link #reconstruct} is the training forward pass.
 */
public final class Autoencoder extends ComposedBlock implements FirstStage {
    private final AutoencoderConfig config;
    private final Encoder encoder;
    private final Conv2d quantConv;
    private final VectorQuantizer quantizer;
    private final Conv2d postQuantConv;
    private final Decoder decoder;
    private double scaleFactor;
    private AutoencoderIdentity identity;

    /**
     * One training forward pass.
     *
     * @param latent the latent the decoder got: a posterior sample (KL, NONE) or the pre-quantisation output (VQ)
     * @param regularization per-sample KL (N) for KL / NONE, the scalar VQ loss for VQ
     * @param features the decoder's last-layer input (for the adaptive weight)
     * @param preActivation conv_out's output, before tanh
     * @param reconstruction the decoded images
     * @param posterior the posterior (null for VQ)
     */
    public record Reconstruction(NDArray latent, NDArray regularization, NDArray features, NDArray preActivation,
                                 NDArray reconstruction, DiagonalGaussian posterior) {
    }

    /** Builds the autoencoder of {@code config}, with the preset's scale factor. */
    public Autoencoder(AutoencoderConfig config) {
        this.config = config;
        this.scaleFactor = config.scaleFactor();
        int r = config.latentResolution();
        int encoderOut = Encoder.outChannels(config);
        int moments = config.regularizer().gaussian() ? 2 * config.embedDim() : config.embedDim();
        encoder = addChild("encoder", new Encoder(config), new Shape(config.inChannels(), config.resolution(), config.resolution()));
        quantConv = addChild("quant_conv", Layers.torchConv(moments, encoderOut, 1, 1, 0), new Shape(encoderOut, r, r));
        quantizer = config.regularizer() == Regularizer.VQ
                ? addChild("quantize", new VectorQuantizer(config.nEmbed(), config.embedDim(), config.beta()),
                        new Shape(config.embedDim(), r, r))
                : null;
        postQuantConv = addChild("post_quant_conv", Layers.torchConv(config.zChannels(), config.embedDim(), 1, 1, 0),
                new Shape(config.embedDim(), r, r));
        decoder = addChild("decoder", new Decoder(config), new Shape(config.zChannels(), r, r));
    }

    /** A preset's autoencoder (not initialised). */
    public static Autoencoder preset(String name) {
        return new Autoencoder(AutoencoderConfig.preset(name));
    }

    /** The configuration. */
    public AutoencoderConfig config() {
        return config;
    }

    /** The encoder (plus quant_conv, which the parameter counts of Table 2 assign to it). */
    public Encoder encoder() {
        return encoder;
    }

    /** The decoder. */
    public Decoder decoder() {
        return decoder;
    }

    /** The 1x1 convolutions before (true) or after (false) the regulariser. */
    public Conv2d quantConv(boolean before) {
        return before ? quantConv : postQuantConv;
    }

    /** What encoding an image into the latent space runs: the encoder and quant_conv (the moments' 1x1 layer). */
    public List<Block> encodingBlocks() {
        return List.of(encoder, quantConv);
    }

    /**
     * What a sampler runs after the diffusion to turn x0' into an image (LDDGAN Algorithm 1; Table 2 counts it with
     * the generator): the codebook (VQ), post_quant_conv and the decoder.
     */
    public List<Block> decodingBlocks() {
        return quantizer == null ? List.of(postQuantConv, decoder) : List.of(quantizer, postQuantConv, decoder);
    }

    /** The VQ codebook, or null for KL / NONE. */
    public VectorQuantizer quantizer() {
        return quantizer;
    }

    /** The encoder's output before any sampling: posterior moments (KL, NONE) or the latent (VQ). */
    public NDArray moments(ParameterStore ps, NDArray images, boolean training) {
        NDList h = encoder.forward(ps, new NDList(images), training);
        return quantConv.forward(ps, h, training).singletonOrThrow();
    }

    /** The decoder input after the regulariser: post_quant_conv of z (KL, NONE) or of VQ(z). */
    private NDArray decoderInput(ParameterStore ps, NDArray latent, boolean training) {
        NDArray z = quantizer == null ? latent : quantizer.quantize(ps, latent, training).latent();
        return postQuantConv.forward(ps, new NDList(z), training).singletonOrThrow();
    }

    /**
     * The training forward pass: encode, regularise, decode, keeping what the losses need (the KL term, the VQ loss,
     * the decoder's last-layer input and output).
     */
    public Reconstruction reconstruct(ParameterStore ps, NDArray images, boolean training) {
        NDArray moments = moments(ps, images, training);
        NDArray latent;
        NDArray regularization;
        NDArray z;
        DiagonalGaussian posterior = null;
        if (quantizer == null) {
            posterior = new DiagonalGaussian(moments);
            latent = posterior.sample();
            regularization = posterior.kl();
            z = latent;
        } else {
            latent = moments;
            VectorQuantizer.Quantized q = quantizer.quantize(ps, latent, training);
            regularization = q.loss();
            z = q.latent();
        }
        NDArray decoderIn = postQuantConv.forward(ps, new NDList(z), training).singletonOrThrow();
        NDArray features = decoder.features(ps, decoderIn, training);
        NDArray y = decoder.lastLayer().forward(ps, new NDList(features), training).singletonOrThrow();
        return new Reconstruction(latent, regularization, features, y, decoder.activate(y), posterior);
    }

    /** {@inheritDoc} The training forward pass's reconstruction. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(reconstruct(ps, inputs.singletonOrThrow(), training).reconstruction());
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return new Shape[] {config.imageShape(batch)};
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.outChannels(), config.resolution(), config.resolution())};
    }

    // ---------------------------------------------------------------- FirstStage

    /**
     * {@inheritDoc} KL / NONE: a posterior sample (random numbers from the engine); VQ: quant_conv(E(x)).
     * Inference mode, no gradient.
     */
    @Override
    public NDArray encode(NDArray images) {
        return encode(images, true);
    }

    /** The posterior mean (KL, NONE) or the pre-quantisation output (VQ): a deterministic encoding. */
    public NDArray encodeMode(NDArray images) {
        return encode(images, false);
    }

    /** Inference-mode encoding of (N, C, H, W) images: a posterior sample ({@code sample}) or mean; VQ: moments. */
    private NDArray encode(NDArray images, boolean sample) {
        Shapes.checkImages(images.getShape());
        latentShape(images.getShape());
        return Scoped.apply(images, (in, scope) -> {
            NDArray moments = moments(new ParameterStore(scope, false), in, false);
            if (quantizer != null) {
                return moments;
            }
            DiagonalGaussian posterior = new DiagonalGaussian(moments);
            return sample ? posterior.sample() : posterior.mean();
        });
    }

    /** {@inheritDoc} VQ quantises first; tanh when the preset has it. Inference mode, no gradient. */
    @Override
    public NDArray decode(NDArray latent) {
        Shape s = latent.getShape();
        Shape expected = config.latentShape(s.get(0));
        if (!s.equals(expected)) {
            throw new IllegalArgumentException("autoencoder '" + config.name() + "' decodes latents of shape " + expected
                    + ", got " + s);
        }
        return Scoped.apply(latent, (in, scope) -> {
            ParameterStore ps = new ParameterStore(scope, false);
            return decoder.forward(ps, new NDList(decoderInput(ps, in, false)), false).singletonOrThrow();
        });
    }

    /** {@inheritDoc} */
    @Override
    public Shape latentShape(Shape imageShape) {
        int c = Shapes.channelsHeightWidth(imageShape);
        Shape expected = new Shape(config.inChannels(), config.resolution(), config.resolution());
        Shape actual = imageShape.slice(c);
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("autoencoder '" + config.name() + "' encodes images of shape " + expected
                    + ", got " + imageShape);
        }
        Shape latent = config.latentShape(1).slice(1);
        return c == 0 ? latent : new Shape(imageShape.get(0)).addAll(latent);
    }

    /** {@inheritDoc} True for KL and NONE (a posterior sample), false for VQ. */
    @Override
    public boolean isStochastic() {
        return quantizer == null;
    }

    /** {@inheritDoc} The preset's name. */
    @Override
    public String name() {
        return config.name();
    }

    /** {@inheritDoc} The preset's divisor unless {@link #setScaleFactor} replaced it (e.g. by a latent cache's). */
    @Override
    public double scaleFactor() {
        return scaleFactor;
    }

    /** {@inheritDoc} The checkpoint it was loaded from ({@link #setIdentity}), else "NAME untrained". */
    @Override
    public String weightsIdentity() {
        return identity == null ? name() + " untrained" : "SHA-256 " + identity.sha256();
    }

    /** The checkpoint these weights came from, or null when they were not loaded from one. */
    public AutoencoderIdentity identity() {
        return identity;
    }

    /** Records the checkpoint the weights were loaded from ({@code lddgan.train.AutoencoderTrainer#load} does). */
    public void setIdentity(AutoencoderIdentity value) {
        this.identity = value;
    }

    /** Replaces the scale factor (e.g. with the one a {@code LatentCache} measured). */
    public void setScaleFactor(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("scale factor must be finite and > 0, got " + value);
        }
        this.scaleFactor = value;
    }
}
