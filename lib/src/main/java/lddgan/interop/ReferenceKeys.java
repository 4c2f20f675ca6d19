package lddgan.interop;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lddgan.autoencoder.Autoencoder;
import lddgan.discriminator.Discriminator;
import lddgan.generator.NcsnppGenerator;

/**
 * The reference code's state_dict key of every parameter of our networks (issue 19), so that a released checkpoint
 * loads into them and ours export under the reference's names:
 *
 * <ul>
 *   <li>{@link NcsnppGenerator} = DDGAN/LDDGAN {@code ncsnpp_generator_adagn.NCSNpp}: the time MLP is
 *       {@code all_modules.0}, {@code .1}; every further block takes the next index of {@code all_modules} in
 *       construction order (stem, per level the ResBlocks with their attention, the downsampling ResBlock and the
 *       pyramid conv, middle, up path, head norm, head conv), which is our registration order. ResBlock children:
 *       {@code GroupNorm_0.style}, {@code Conv_0}, {@code Dense_0}, {@code GroupNorm_1.style}, {@code Conv_1},
 *       {@code Conv_2} (the 1x1 shortcut); attention: {@code GroupNorm_0}, {@code NIN_0..3} (q, k, v, out); pyramid:
 *       {@code Conv2d_0}; the z mapping is {@code z_transform.(2i+1)} (PixelNorm and the SiLUs hold the even indices).
 *   <li>{@link Discriminator} = {@code Discriminator_small} / {@code Discriminator_large}: {@code t_embed.main.0/2},
 *       {@code start_conv}, {@code conv1..convN} with {@code conv1.0}, {@code conv2.0}, {@code dense_t1},
 *       {@code skip.0}, then {@code final_conv}, {@code end_linear}.
 *   <li>{@link Autoencoder} = LDM {@code AutoencoderKL} / {@code VQModel}: {@code encoder.down.<level>.block.<i>},
 *       {@code .attn.<i>}, {@code .downsample}, {@code encoder.mid.block_1/attn_1/block_2}, {@code decoder.up.<level>...},
 *       {@code quant_conv}, {@code post_quant_conv}, {@code quantize.embedding}; ResnetBlock
 *       {@code norm1, conv1, norm2, conv2, nin_shortcut}; AttnBlock {@code norm, q, k, v, proj_out}.
 * </ul>
 * GroupNorm affine parameters are our {@code gamma}/{@code beta}, the reference's {@code weight}/{@code bias}. NCSN++'s
 * {@code NIN} stores W as (in, out) and computes x W: our 1x1 convolution weight (out, in, 1, 1) is its transpose
 * ({@link Transform#NIN}). Everything else has the same layout (Linear (out, in), Conv2d (out, in, kh, kw)).
 */
public final class ReferenceKeys {
    private ReferenceKeys() {
    }

    /** How a reference tensor becomes our parameter's array. */
    public enum Transform {
        /** The same shape and element order. */
        IDENTITY,
        /** Reference NIN W (in, out) = transpose of our 1x1 convolution weight (out, in, 1, 1). */
        NIN;

        /** The reference's shape of a parameter of our shape {@code ours}. */
        public long[] referenceShape(long[] ours) {
            return this == NIN ? new long[] {ours[1], ours[0]} : ours.clone();
        }

        /** Our elements (row-major) from the reference's (row-major) elements; {@code ours} is our shape. */
        public float[] toOurs(float[] reference, long[] ours) {
            return this == NIN ? transpose(reference, (int) ours[1], (int) ours[0]) : reference;
        }

        /** The reference's elements from ours. */
        public float[] toReference(float[] values, long[] ours) {
            return this == NIN ? transpose(values, (int) ours[0], (int) ours[1]) : values;
        }

        private static float[] transpose(float[] a, int rows, int cols) {
            float[] out = new float[a.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[c * rows + r] = a[r * cols + c];
                }
            }
            return out;
        }
    }

    /**
     * One parameter: the reference's key, our parameter, our dotted path to it and the layout transform.
     *
     * @param key the reference state_dict key (without the {@code module.} prefix)
     * @param parameter our parameter
     * @param path our path, child names without DJL's ordinal prefixes ({@code down0_block0.norm0.style.weight})
     * @param transform how the reference tensor maps onto ours
     */
    public record Entry(String key, Parameter parameter, String path, Transform transform) {
    }

    /**
     * The reference key of every parameter of {@code network}, in our parameter order.
     *
     * @throws IllegalArgumentException for a network type without a mapping, or a parameter no rule covers
     */
    public static List<Entry> of(Block network) {
        List<Pair<String, Parameter>> params = paths(network);
        List<Entry> out = new ArrayList<>();
        if (network instanceof NcsnppGenerator) {
            generator(network, out);
        } else if (network instanceof Discriminator) {
            for (Pair<String, Parameter> p : params) {
                out.add(discriminator(p));
            }
        } else if (network instanceof Autoencoder) {
            for (Pair<String, Parameter> p : params) {
                out.add(autoencoder(p));
            }
        } else {
            throw new IllegalArgumentException("no reference key mapping for " + network.getClass().getName()
                    + " (known: NcsnppGenerator, Discriminator, Autoencoder)");
        }
        return out;
    }

    /** Our parameters with dotted paths of child names, DJL's ordinal prefixes ({@code 04}) removed. */
    public static List<Pair<String, Parameter>> paths(Block block) {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        collect(block, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, List<Pair<String, Parameter>> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.add(new Pair<>(prefix + p.getKey(), p.getValue()));
        }
        for (Pair<String, Block> c : block.getChildren()) {
            collect(c.getValue(), prefix + childName(c.getKey()) + ".", out);
        }
    }

    /** A child's name without DJL's ordinal prefix ({@code 04down0_block0} -&gt; {@code down0_block0}). */
    static String childName(String djlName) {
        return djlName.replaceFirst("^\\d+", "");
    }

    private static Entry entry(String key, Pair<String, Parameter> p, Transform t) {
        return new Entry(key, p.getValue(), p.getKey(), t);
    }

    private static IllegalArgumentException unmapped(String network, String path) {
        return new IllegalArgumentException("no reference key for " + network + " parameter '" + path + "'");
    }

    // ---------------------------------------------------------------- generator

    private static final String[][] RES_BLOCK = {
        {"norm0.style.", "GroupNorm_0.style."}, {"conv0.", "Conv_0."}, {"dense0.", "Dense_0."},
        {"norm1.style.", "GroupNorm_1.style."}, {"conv1.", "Conv_1."}, {"skip.", "Conv_2."},
        // plain group norms (a ResBlock without z)
        {"norm0.gamma", "GroupNorm_0.weight"}, {"norm0.beta", "GroupNorm_0.bias"},
        {"norm1.gamma", "GroupNorm_1.weight"}, {"norm1.beta", "GroupNorm_1.bias"}};
    private static final String[][] ATTENTION = {
        {"norm.gamma", "GroupNorm_0.weight"}, {"norm.beta", "GroupNorm_0.bias"},
        {"nin_q.weight", "NIN_0.W"}, {"nin_q.bias", "NIN_0.b"}, {"nin_k.weight", "NIN_1.W"}, {"nin_k.bias", "NIN_1.b"},
        {"nin_v.weight", "NIN_2.W"}, {"nin_v.bias", "NIN_2.b"}, {"nin_out.weight", "NIN_3.W"}, {"nin_out.bias", "NIN_3.b"}};
    private static final String[][] PLAIN = {
        {"weight", "weight"}, {"bias", "bias"}, {"gamma", "weight"}, {"beta", "bias"}, {"conv.", "Conv2d_0."}};

    private static void generator(Block g, List<Entry> out) {
        int index = 2;
        for (Pair<String, Block> child : g.getChildren()) {
            String name = childName(child.getKey());
            List<Pair<String, Parameter>> params = paths(child.getValue());
            if (name.equals("time_embedding")) {
                for (Pair<String, Parameter> p : params) {
                    Matcher m = Pattern.compile("dense([01])\\.(weight|bias)").matcher(p.getKey());
                    if (!m.matches()) {
                        throw unmapped("generator", name + "." + p.getKey());
                    }
                    out.add(new Entry("all_modules." + m.group(1) + "." + m.group(2), p.getValue(),
                            name + "." + p.getKey(), Transform.IDENTITY));
                }
                continue;
            }
            if (name.equals("z_mapping")) {
                for (Pair<String, Parameter> p : params) {
                    Matcher m = Pattern.compile("dense(\\d+)\\.(weight|bias)").matcher(p.getKey());
                    if (!m.matches()) {
                        throw unmapped("generator", name + "." + p.getKey());
                    }
                    out.add(new Entry("z_transform." + (2 * Integer.parseInt(m.group(1)) + 1) + "." + m.group(2),
                            p.getValue(), name + "." + p.getKey(), Transform.IDENTITY));
                }
                continue;
            }
            String[][] rules = name.contains("_attn") ? ATTENTION
                    : name.contains("_block") || name.endsWith("_downsample") || name.endsWith("_upsample") ? RES_BLOCK
                    : PLAIN;
            for (Pair<String, Parameter> p : params) {
                String local = p.getKey();
                String key = null;
                for (String[] rule : rules) {
                    if (rule[0].endsWith(".") ? local.startsWith(rule[0]) : local.equals(rule[0])) {
                        key = rule[1] + local.substring(rule[0].length());
                        break;
                    }
                }
                if (key == null) {
                    throw unmapped("generator", name + "." + local);
                }
                Transform t = key.startsWith("NIN_") && key.endsWith(".W") ? Transform.NIN : Transform.IDENTITY;
                out.add(new Entry("all_modules." + index + "." + key, p.getValue(), name + "." + local, t));
            }
            index++;
        }
    }

    // ---------------------------------------------------------------- discriminator

    private static final Pattern D_BLOCK = Pattern.compile("block(\\d+)\\.(conv1|conv2|dense_t1|skip)\\.(weight|bias)");

    private static Entry discriminator(Pair<String, Parameter> p) {
        String path = p.getKey();
        Matcher t = Pattern.compile("time_embedding\\.dense([01])\\.(weight|bias)").matcher(path);
        if (t.matches()) {
            return entry("t_embed.main." + 2 * Integer.parseInt(t.group(1)) + "." + t.group(2), p, Transform.IDENTITY);
        }
        Matcher b = D_BLOCK.matcher(path);
        if (b.matches()) {
            String layer = b.group(2).equals("dense_t1") ? "dense_t1" : b.group(2) + ".0";
            return entry("conv" + (Integer.parseInt(b.group(1)) + 1) + "." + layer + "." + b.group(3), p,
                    Transform.IDENTITY);
        }
        if (path.matches("(start_conv|final_conv|end_linear)\\.(weight|bias)")) {
            return entry(path, p, Transform.IDENTITY);
        }
        throw unmapped("discriminator", path);
    }

    // ---------------------------------------------------------------- autoencoder

    private static final Pattern AE_LEVEL = Pattern.compile(
            "(encoder|decoder)\\.(down|up)(\\d+)_(block|attn|downsample|upsample)(\\d*)\\.(.+)");
    private static final Pattern AE_MID = Pattern.compile("(encoder|decoder)\\.mid_(block_1|attn_1|block_2)\\.(.+)");

    private static Entry autoencoder(Pair<String, Parameter> p) {
        String path = p.getKey();
        String key;
        Matcher m = AE_LEVEL.matcher(path);
        Matcher mid = AE_MID.matcher(path);
        if (m.matches()) {
            String part = m.group(4);
            key = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + part
                    + (part.equals("block") || part.equals("attn") ? "." + m.group(5) : "") + "." + m.group(6);
        } else if (mid.matches()) {
            key = mid.group(1) + ".mid." + mid.group(2) + "." + mid.group(3);
        } else if (path.equals("quantize.embedding")) {
            key = "quantize.embedding.weight";
        } else {
            key = path;
        }
        key = key.replaceAll("\\.gamma$", ".weight").replaceAll("\\.beta$", ".bias");
        if (!key.matches("(encoder|decoder|quant_conv|post_quant_conv|quantize)\\..*(weight|bias)")) {
            throw unmapped("autoencoder", path);
        }
        return entry(key, p, Transform.IDENTITY);
    }
}
