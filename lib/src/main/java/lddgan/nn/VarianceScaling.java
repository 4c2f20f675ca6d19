package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Uniform variance-scaling initialisation of the reference code (REFERENCE-CODE.md section 2,
 * "Init"): weights drawn from U(-b, b) with b = sqrt(3 scale / fan), scale 0 replaced by 1e-10.
 *
 * <p>Two fans occur in the reference:
 *
 * <ul>
 *   <li>{@link Fan#AVERAGE}: {@code layers.default_init} (DDPM), fan = (fan_in + fan_out) / 2; used by
 *       the generator's convolutions, time-embedding MLP, per-channel Dense and attention NINs.
 *   <li>{@link Fan#OUT}: {@code dense_layer.variance_scaling_init_}, which asks for "fan_avg" but
 *       gets fan_out through {@code _calculate_correct_fan}; used by the AdaGN style layers, the z
 *       mapping network and all of the discriminator. There the fan is clamped below by 1.
 *   <li>{@link Fan#IN}: PyTorch's default for {@code nn.Conv2d} / {@code nn.Linear}, {@code kaiming_uniform_(a =
 *       sqrt(5))}, is b = 1 / sqrt(fan_in), i.e. scale 1/3 over fan_in ({@link #torchDefault()}); used by the
 *       LDM autoencoder (REFERENCE-CODE.md section 6).
 * </ul>
 *
 * Fans of a weight of shape (out, in, k...) are fan_in = in * prod(k), fan_out = out * prod(k), as
 * in PyTorch; DJL's Conv2d and Linear store their weights in the same layout.
 *
 * @param scale the reference's {@code init_scale} (0 means 1e-10, i.e. effectively zero)
 * @param fan which fan divides the scale
 */
public record VarianceScaling(double scale, Fan fan) implements Initializer {

    /** Which fan the variance is divided by. */
    public enum Fan {
        /** (fan_in + fan_out) / 2: {@code layers.default_init}. */
        AVERAGE,
        /** fan_out, clamped to at least 1: {@code dense_layer}'s initialisation. */
        OUT,
        /** fan_in: PyTorch's default layer initialisation. */
        IN
    }

    /** Validates the scale. */
    public VarianceScaling {
        if (!(scale >= 0) || fan == null) {
            throw new IllegalArgumentException("VarianceScaling needs scale >= 0 and a fan, got " + scale + ", " + fan);
        }
    }

    /** {@code default_init(scale)}: fan_avg, used by the generator. */
    public static VarianceScaling fanAverage(double scale) {
        return new VarianceScaling(scale, Fan.AVERAGE);
    }

    /** {@code dense_layer} initialisation with gain {@code scale}: fan_out. */
    public static VarianceScaling fanOut(double scale) {
        return new VarianceScaling(scale, Fan.OUT);
    }

    /** PyTorch's default weight initialisation of convolutions and dense layers: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    public static VarianceScaling torchDefault() {
        return new VarianceScaling(1.0 / 3.0, Fan.IN);
    }

    /** The bound b of U(-b, b) for a weight of the given shape. */
    public double bound(Shape shape) {
        long receptive = 1;
        for (int i = 2; i < shape.dimension(); i++) {
            receptive *= shape.get(i);
        }
        double fanOut = (double) shape.get(0) * receptive;
        double fanIn = shape.dimension() > 1 ? (double) shape.get(1) * receptive : 1.0;
        double effectiveScale = scale == 0 ? 1e-10 : scale;
        double denominator = switch (fan) {
            case AVERAGE -> (fanIn + fanOut) / 2.0;
            case OUT -> Math.max(1.0, fanOut);
            case IN -> fanIn;
        };
        return Math.sqrt(3.0 * effectiveScale / denominator);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float b = (float) bound(shape);
        return manager.randomUniform(-b, b, shape, dataType);
    }
}
