package lddgan.metrics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Architecture and training of the {@link OfflineClassifierFeatures} CNN. Every field is part of the extractor's
 * id, so a changed configuration is a different extractor (and a different cache entry).
 *
 * @param widths channels of the 3x3 convolution stages (each conv, BatchNorm, ReLU; 2x2 max-pool between stages)
 * @param featureDimension width of the penultimate dense layer, whose pre-activations are the features
 * @param epochs passes over the training split
 * @param batchSize images per step
 * @param learningRate Adam's learning rate
 * @param seed seed of the initialisation and of the per-epoch data order
 */
public record ClassifierConfig(List<Integer> widths, int featureDimension, int epochs, int batchSize, double learningRate,
                               long seed) {
    /** Bumped whenever the network or the training procedure changes, so that old caches are never reused. */
    public static final int ARCHITECTURE_VERSION = 1;

    public ClassifierConfig {
        widths = List.copyOf(widths);
        if (widths.isEmpty() || widths.stream().anyMatch(w -> w <= 0) || featureDimension <= 0 || epochs <= 0
                || batchSize <= 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("invalid classifier config: widths " + widths + ", features " + featureDimension
                    + ", epochs " + epochs + ", batch " + batchSize + ", lr " + learningRate);
        }
    }

    /**
     * The project's default: 32-64-128 channels, 256 features, 3 epochs of batch 128, Adam 2e-3, seed 0 (about a
     * minute on 2 CPU cores for the 5,170-image subset; batches of 128 keep the per-step overhead low).
     */
    public static ClassifierConfig standard() {
        return new ClassifierConfig(List.of(32, 64, 128), 256, 3, 128, 2e-3, 0);
    }

    /** A copy with another number of epochs. */
    public ClassifierConfig withEpochs(int n) {
        return new ClassifierConfig(widths, featureDimension, n, batchSize, learningRate, seed);
    }

    /** A copy with another seed. */
    public ClassifierConfig withSeed(long s) {
        return new ClassifierConfig(widths, featureDimension, epochs, batchSize, learningRate, s);
    }

    /** The configuration part of the extractor id, e.g. {@code cnn-v1-w32.64.128-f256-e3-b128-lr0.002-s0}. */
    public String idText() {
        return "cnn-v" + ARCHITECTURE_VERSION + "-w" + widths.stream().map(String::valueOf).collect(Collectors.joining("."))
                + "-f" + featureDimension + "-e" + epochs + "-b" + batchSize + "-lr" + learningRate + "-s" + seed;
    }
}
