package lddgan.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import lddgan.nn.Scoped;

/**
 * Test code: a fixed-weight stand-in for the paper's CIFAR-10 KL-f2 autoencoder (REFERENCE-CODE.md section 6) for
 * tests of the latent space and the loops that need a cheap, closed-form first stage: same downsampling f = 2 and 4
 * latent channels (3x32x32 -&gt; 4x16x16), no learned weights. Production code trains in the latent of a trained
 * autoencoder ({@code lddgan.experiment.FirstStageRuns}).
 *
 * <p>Encode: a one-level Haar DWT ({@link HaarWavelet}: 12 band channels {@code band * 3 + colour}
 * for RGB) followed, at each position, by a fixed projection P (4 x 12) with orthonormal rows:
 * the LL bands of R, G and B, and the luminance-like mean (1/sqrt(3) each) of the three colours'
 * first detail band LH. When stochastic, a Gaussian N(0, posteriorStd^2) is added to the mean P
 * DWT(x), like a KL encoder's reparameterised posterior sample (REFERENCE-CODE.md section 6).
 *
 * <p>Decode: IDWT(P^T latent), the pseudo-inverse. Lossy: the other 8 detail directions are dropped,
 * so decode(encode(x)) = x only for images whose HL and HH bands vanish and whose LH band is the same
 * in all colours (e.g. images constant on each 2x2 block). The scale factor is 2, as for
 * {@link WaveletSpace}: the LL band of images in [-1, 1] lies in [-2, 2].
 */
public final class HaarStandInFirstStage implements FirstStage {
    /** Spatial downsampling factor. */
    public static final int FACTOR = 2;
    /** Latent channels. */
    public static final int LATENT_CHANNELS = 4;
    /** The divisor that maps the LL band of images in [-1, 1] to [-1, 1]. */
    public static final double SCALE = 2.0;

    private static final int COLOURS = 3;
    private static final int BAND_CHANNELS = 4 * COLOURS;
    private static final float INV_SQRT3 = (float) (1 / Math.sqrt(3));
    /** P: rows LL(R), LL(G), LL(B), mean of LH(R, G, B); columns the DWT channels band * 3 + colour. */
    private static final float[] PROJECTION = {
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, INV_SQRT3, INV_SQRT3, INV_SQRT3, 0, 0, 0, 0, 0, 0,
    };

    private final boolean stochastic;
    private final double posteriorStd;
    private final String weightsIdentity;

    /** A deterministic stand-in (like a VQ encoder's pre-quantisation output). */
    public HaarStandInFirstStage() {
        this(false, 0);
    }

    /** A deterministic stand-in whose {@link #weightsIdentity()} is {@code weightsIdentity} (two "trained" stages). */
    public HaarStandInFirstStage(String weightsIdentity) {
        this(false, 0, weightsIdentity);
    }

    /**
     * @param stochastic whether {@link #encode} adds a posterior sample, like a KL encoder
     * @param posteriorStd the fixed standard deviation of that sample (e.g. 0.01); ignored when not
     *     stochastic
     * @throws IllegalArgumentException when {@code posteriorStd} is negative or not finite
     */
    public HaarStandInFirstStage(boolean stochastic, double posteriorStd) {
        this(stochastic, posteriorStd, "haar-stand-in");
    }

    private HaarStandInFirstStage(boolean stochastic, double posteriorStd, String weightsIdentity) {
        if (!(posteriorStd >= 0) || Double.isInfinite(posteriorStd)) {
            throw new IllegalArgumentException("posteriorStd must be finite and >= 0, got " + posteriorStd);
        }
        this.stochastic = stochastic;
        this.posteriorStd = posteriorStd;
        this.weightsIdentity = weightsIdentity;
    }

    @Override
    public String weightsIdentity() {
        return weightsIdentity;
    }

    /** P (4 x 12), in {@code manager}. */
    static NDArray projection(NDManager manager) {
        return manager.create(PROJECTION, new Shape(LATENT_CHANNELS, BAND_CHANNELS));
    }

    /**
     * P DWT(images), plus N(0, posteriorStd^2) noise when stochastic.
     *
     * @throws IllegalArgumentException when the images are not (N, 3, H, W) with even H and W
     */
    @Override
    public NDArray encode(NDArray images) {
        Shapes.checkImages(images.getShape());
        latentShape(images.getShape());
        return Scoped.apply(images, (in, scope) -> {
            NDArray mean = mixChannels(projection(scope), HaarWavelet.dwt(in));
            if (!stochastic) {
                return mean;
            }
            return mean.add(scope.randomNormal(0f, (float) posteriorStd, mean.getShape(), DataType.FLOAT32));
        });
    }

    /**
     * IDWT(P^T latent), not clamped.
     *
     * @throws IllegalArgumentException when the latent is not (N, 4, h, w)
     */
    @Override
    public NDArray decode(NDArray latent) {
        Shape s = latent.getShape();
        Shapes.checkImages(s);
        if (s.get(1) != LATENT_CHANNELS) {
            throw new IllegalArgumentException("expected a latent with " + LATENT_CHANNELS + " channels, got " + s);
        }
        return Scoped.apply(latent, (in, scope) ->
                HaarWavelet.idwt(mixChannels(projection(scope).transpose(), in)));
    }

    /**
     * {@code matrix} (C', C) applied to the channels of {@code x} (N, C, h, w) at every position, like a
     * 1x1 convolution: (N, C', h, w).
     */
    private static NDArray mixChannels(NDArray matrix, NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        return matrix.matMul(x.reshape(n, s.get(1), h * w)).reshape(n, matrix.getShape().get(0), h, w);
    }

    /** (3, H, W) -&gt; (4, H/2, W/2), keeping a leading batch dimension. */
    @Override
    public Shape latentShape(Shape imageShape) {
        int c = Shapes.channelsHeightWidth(imageShape);
        if (imageShape.get(c) != COLOURS) {
            throw new IllegalArgumentException("the Haar stand-in encodes RGB images (3 channels), got " + imageShape);
        }
        long h = imageShape.get(c + 1);
        long w = imageShape.get(c + 2);
        if (h % FACTOR != 0 || w % FACTOR != 0) {
            throw new IllegalArgumentException("the Haar stand-in needs even H and W, got " + imageShape);
        }
        Shape latent = new Shape(LATENT_CHANNELS, h / FACTOR, w / FACTOR);
        return c == 0 ? latent : new Shape(imageShape.get(0)).addAll(latent);
    }

    /** Whether a posterior sample is added (the constructor's flag). */
    @Override
    public boolean isStochastic() {
        return stochastic;
    }

    /** The posterior sample's standard deviation (used only when stochastic). */
    public double posteriorStd() {
        return posteriorStd;
    }

    @Override
    public String name() {
        return "haar-stand-in";
    }

    /** {@link #SCALE}. */
    @Override
    public double scaleFactor() {
        return SCALE;
    }

    @Override
    public String toString() {
        return "HaarStandInFirstStage(" + (stochastic ? "stochastic, std " + posteriorStd : "deterministic") + ")";
    }
}
