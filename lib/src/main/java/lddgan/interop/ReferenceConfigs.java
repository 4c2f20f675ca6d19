package lddgan.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lddgan.autoencoder.AutoencoderConfig;
import lddgan.autoencoder.Regularizer;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.generator.GeneratorConfig;

/**
 * The reference code's constructor arguments (its argparse names, as in a parity case's {@code config.json}) as our
 * configurations. Generator: {@code num_channels_dae} = nf, {@code ch_mult}, {@code num_res_blocks},
 * {@code attn_resolutions}, {@code image_size}, {@code num_channels}, {@code nz}, {@code z_emb_dim}, {@code n_mlp},
 * {@code dropout}; the reference choices our NCSN++ fixes (BigGAN blocks, FIR [1, 3, 3, 1], skip rescale, positional
 * embedding, residual input pyramid, no output pyramid, centred data, tanh) are checked and anything else is refused.
 * Discriminator: {@code nc} (= 2 C), {@code ngf}, {@code t_emb_dim}, {@code num_layers}. Autoencoder: LDM's
 * {@code ddconfig} plus {@code embed_dim}.
 */
public final class ReferenceConfigs {
    private ReferenceConfigs() {
    }

    /** What the reference generator must have for our NCSN++ to compute its function. */
    private static final Map<String, String> FIXED_GENERATOR_CHOICES = Map.of(
            "resblock_type", "biggan", "progressive", "none", "progressive_input", "residual",
            "progressive_combine", "sum", "embedding_type", "positional", "fir", "true", "skip_rescale", "true",
            "centered", "true", "not_use_tanh", "false", "fir_kernel", "[1,3,3,1]");

    /**
     * Our generator configuration of the reference arguments {@code c}.
     *
     * @throws IllegalArgumentException naming the argument our network does not support
     */
    public static GeneratorConfig generator(String name, JsonNode c) {
        for (Map.Entry<String, String> fixed : FIXED_GENERATOR_CHOICES.entrySet()) {
            JsonNode v = c.get(fixed.getKey());
            if (v != null && !v.toString().replace("\"", "").equals(fixed.getValue())) {
                throw new IllegalArgumentException("reference generator '" + name + "': " + fixed.getKey() + " = " + v
                        + " is not supported (our NCSN++ has " + fixed.getValue() + ")");
            }
        }
        if (c.has("patch_size") && c.get("patch_size").asInt() != 1) {
            throw new IllegalArgumentException("reference generator '" + name + "': patch_size " + c.get("patch_size")
                    + " is not supported (1)");
        }
        int resolution = c.get("image_size").asInt();
        List<Integer> chMult = ints(c.get("ch_mult"));
        // the reference attends where h.shape[-1] is listed: a listed size that is no level's never applies
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < chMult.size(); i++) {
            levels.add(resolution >> i);
        }
        List<Integer> attn = new ArrayList<>(ints(c.get("attn_resolutions")));
        attn.retainAll(levels);
        return new GeneratorConfig(name, "reference arguments", c.get("num_channels").asInt(), resolution,
                c.get("num_channels_dae").asInt(), chMult, c.get("num_res_blocks").asInt(), attn, c.get("nz").asInt(),
                c.get("z_emb_dim").asInt(), c.get("n_mlp").asInt(), c.path("dropout").asDouble(0));
    }

    /**
     * Our discriminator configuration: {@code kind} {@code Dsmall} / {@code Dlarge}, the input's side
     * {@code resolution}.
     */
    public static DiscriminatorConfig discriminator(String name, String kind, JsonNode c, int resolution) {
        DiscriminatorConfig.Variant variant = switch (kind) {
            case "Dsmall" -> DiscriminatorConfig.Variant.SMALL;
            case "Dlarge" -> DiscriminatorConfig.Variant.LARGE;
            default -> throw new IllegalArgumentException("reference discriminator '" + name + "': unknown kind " + kind);
        };
        int nc = c.get("nc").asInt();
        if (nc % 2 != 0) {
            throw new IllegalArgumentException("reference discriminator '" + name + "': nc " + nc
                    + " must be 2 C (x_k and x_{k+1} concatenated)");
        }
        return new DiscriminatorConfig(name, "reference arguments", nc / 2, resolution, variant,
                c.get("num_layers").asInt(), c.get("ngf").asInt(), c.get("t_emb_dim").asInt());
    }

    /** Our autoencoder configuration of LDM's ddconfig + embed_dim (KL when double_z, else VQ needs n_embed). */
    public static AutoencoderConfig autoencoder(String name, JsonNode c) {
        boolean doubleZ = c.path("double_z").asBoolean(false);
        int nEmbed = c.path("n_embed").asInt(0);
        Regularizer reg = doubleZ ? Regularizer.KL : Regularizer.VQ;
        return new AutoencoderConfig(name, "reference arguments", reg, c.get("resolution").asInt(),
                c.get("in_channels").asInt(), c.get("out_ch").asInt(), c.get("ch").asInt(), ints(c.get("ch_mult")),
                c.get("num_res_blocks").asInt(), ints(c.get("attn_resolutions")), c.path("dropout").asDouble(0),
                c.get("z_channels").asInt(), doubleZ, c.get("embed_dim").asInt(), doubleZ ? 0 : nEmbed,
                doubleZ ? 0 : c.path("beta").asDouble(0.25), c.path("tanh_out").asBoolean(false), 1.0);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
