package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import lddgan.generator.Generator;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.UViTConfig;
import lddgan.nn.NetworkStats;
import lddgan.train.TrainingConfig;

/** The generator backbone of a training preset (LDDGAN Appendix C: the NCSN++ CNN or a U-ViT; notebook 04). */
public final class Backbone {
    private Backbone() {
    }

    /**
     * One line naming the generator of {@code config} at its profile: preset, width (CNN: nf; U-ViT: D, depth, MLP
     * ratio) and parameter count, counted on a network initialised in a sub-manager of {@code manager}.
     */
    public static String describe(TrainingConfig config, NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            Generator g = config.generator().build();
            g.initialize(m, 1);
            return String.format("%s (%s), %,d parameters at this profile", config.generator().name(),
                    config.generator() instanceof UViTConfig v
                            ? "D " + v.embedDim() + ", depth " + v.depth() + ", MLP ratio " + v.mlpRatio()
                            : "nf " + ((GeneratorConfig) config.generator()).nf(),
                    NetworkStats.parameterCount(g));
        }
    }
}
