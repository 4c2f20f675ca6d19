package lddgan.generator;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training run needs to know of its generator x0' = G(x_{k+1}, k, z), whatever the backbone: the CNN U-Net
 * (NCSN++ with adaptive group norm, {@link GeneratorConfig}; LDDGAN Sec. 3, Table 8) or the U-ViT with adaptive layer
 * norms ({@link UViTConfig}; Appendix C, Tables 11-12). Both build a block with the same forward contract, so the
 * training loop and the sampler do not change with the backbone.
 *
 * <p>JSON: the backbone is deduced from the keys (an NCSN++ config has {@code nf}, a U-ViT config {@code embedDim}),
 * so configurations saved before the U-ViT existed still read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(GeneratorConfig.class), @JsonSubTypes.Type(UViTConfig.class)})
public sealed interface GeneratorSpec permits GeneratorConfig, UViTConfig {
    /** The preset name, used in messages and checkpoints. */
    String name();

    /** C of x. */
    int channels();

    /** H = W of x. */
    int resolution();

    /** The dimension of z. */
    int nz();

    /** The backbone's short name: "cnn" (NCSN++) or "vit" (U-ViT). */
    String backbone();

    /** Builds the generator block (uninitialised). */
    Generator build();

    /** A copy with another name. */
    GeneratorSpec withName(String name);

    /**
     * A copy for a smaller profile (README "Profiles"): the profile's base width {@code nf} replaces the paper's 128
     * (a U-ViT's token width shrinks by the same factor, its depth stays); {@code numResBlocks} applies to the CNN.
     */
    GeneratorSpec scaled(int nf, int numResBlocks);

    /** The shape (N, C, H, W) of x and of the output. */
    default Shape xShape(long batch) {
        return new Shape(batch, channels(), resolution(), resolution());
    }

    /** The three input shapes of the forward contract: x (N, C, H, W), t (N,), z (N, nz). */
    default Shape[] inputShapes(long batch) {
        return new Shape[] {xShape(batch), new Shape(batch), new Shape(batch, nz())};
    }

    /** Every preset name: the CNN presets ({@link GeneratorConfig#ALL}), then the U-ViT ones. */
    static List<String> presets() {
        List<String> all = new ArrayList<>(GeneratorConfig.ALL);
        all.addAll(UViTConfig.PRESETS);
        return all;
    }

    /**
     * Loads a CNN or U-ViT preset by name.
     *
     * @throws IllegalArgumentException listing every valid name when {@code name} is unknown
     */
    static GeneratorSpec preset(String name) {
        if (UViTConfig.PRESETS.contains(name)) {
            return UViTConfig.preset(name);
        }
        if (GeneratorConfig.ALL.contains(name)) {
            return GeneratorConfig.preset(name);
        }
        throw new IllegalArgumentException("Unknown generator preset '" + name + "'. Valid presets: "
                + String.join(", ", presets()));
    }
}
