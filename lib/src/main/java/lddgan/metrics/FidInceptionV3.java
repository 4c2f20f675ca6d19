package lddgan.metrics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import lddgan.nn.BilinearResize;

/**
 * The FID Inception-v3 of pytorch-fid ({@code pytorch_fid/inception.py}, as vendored by the LDDGAN code; Heusel et al.
 * 2017), the network behind the paper's FIDs: torchvision's Inception-v3 (Szegedy et al. 2016, "Rethinking the
 * Inception Architecture") with 1,008 classes and no auxiliary head, whose blocks Mixed_5b-5d, 6b-6e, 7b and 7c are
 * pytorch-fid's FID variants of the TensorFlow graph {@code inception-2015-12-05}: average pooling in the pool branches
 * excludes the padding ({@code count_include_pad=False}), and Mixed_7c's pool branch takes a 3x3 max pool.
 *
 * <p>Built from the state_dict of {@code pt_inception-2015-12-05-6726825d.pth} under its own key names
 * ({@code Conv2d_1a_3x3.conv.weight}, {@code Mixed_5b.branch_pool.bn.running_var}, {@code fc.weight} ...): every key
 * must be there with its shape, and no other ({@link #of} names what differs). Each BasicConv2d is a convolution
 * without bias, BatchNorm with eps 0.001 in eval mode, applied as PyTorch's CPU kernel does (alpha = gamma /
 * sqrt(var + eps), y = x alpha + (beta - mean alpha)), and ReLU. (Folding the BatchNorm into the convolution's weights
 * was measured to move the 299x299 features by 1.1e-4 of their largest value, at the parity tolerance; applied
 * separately they stay within 1e-4.)
 *
 * <p>Input as pytorch-fid takes it: images in [0, 1], resized to 299 x 299 bilinearly with {@code align_corners=False}
 * (always; the identity at 299), then scaled to [-1, 1] by 2x - 1. Outputs: pool3, the 2,048 averages of Mixed_7c
 * (the FID features), and the 1,008 logits fc(pool3). {@link #features} takes the project's images in [-1, 1] and
 * quantises them to 8 bits first, as the reference code scores PNG files.
 */
public final class FidInceptionV3 implements FeatureExtractor {
    /** Feature dimension (pool3). */
    public static final int DIMENSION = 2048;
    /** Classes of the logits (the 2015-12-05 graph has 1,008). */
    public static final int CLASSES = 1008;
    /** Side of the network's input. */
    public static final int SIZE = 299;
    /** BatchNorm's epsilon in every BasicConv2d. */
    public static final float BN_EPS = 0.001f;
    /** Images per forward pass in {@link #features}. */
    public static final int BATCH = 50;

    /** One BasicConv2d: its key prefix, channels, kernel, stride and padding. */
    record ConvSpec(String name, int in, int out, int kh, int kw, int stride, int ph, int pw) {
        long parameters() {
            return (long) out * in * kh * kw + 2L * out;
        }
    }

    /** The 94 BasicConv2d layers in state_dict order, and nothing else but fc. */
    static final List<ConvSpec> CONVS = architecture();

    /** A loaded BasicConv2d: its spec, the convolution's weight and BatchNorm's per-channel alpha and beta'. */
    private record Layer(ConvSpec spec, NDArray weight, NDArray alpha, NDArray beta) {
    }

    private final NDManager weights;
    private final Map<String, Layer> layers;
    private final NDArray fcWeight;
    private final NDArray fcBias;
    private final String id;
    private final String sha256;
    private final Device device;

    private FidInceptionV3(NDManager weights, Map<String, Layer> layers, NDArray fcWeight, NDArray fcBias, String id,
            String sha256, Device device) {
        this.weights = weights;
        this.layers = layers;
        this.fcWeight = fcWeight;
        this.fcBias = fcBias;
        this.id = id;
        this.sha256 = sha256;
        this.device = device;
    }

    /**
     * The network from a state_dict.
     *
     * @param stateDict pytorch-fid's key names to float arrays (any manager; copied to {@code device})
     * @param source the file it came from, for messages
     * @param sha256 the SHA-256 of that file (recorded with every FID)
     * @throws IllegalArgumentException naming the source and the missing, unexpected and mis-shaped keys when the
     *     state_dict is not pytorch-fid's Inception-v3
     */
    public static FidInceptionV3 of(Map<String, NDArray> stateDict, String source, String sha256, Device device) {
        check(stateDict, source);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (ConvSpec c : CONVS) {
            String p = c.name() + ".";
            // BatchNorm in eval mode as PyTorch's CPU kernel applies it: alpha = gamma / sqrt(var + eps),
            // beta' = beta - mean alpha, y = conv(x) alpha + beta' (float32)
            NDArray alpha = stateDict.get(p + "bn.running_var").add(BN_EPS).sqrt().pow(-1).mul(stateDict.get(p + "bn.weight"));
            NDArray beta = stateDict.get(p + "bn.bias").sub(stateDict.get(p + "bn.running_mean").mul(alpha));
            Layer layer = new Layer(c, own(stateDict.get(p + "conv.weight"), device),
                    alpha.reshape(1, c.out(), 1, 1).toDevice(device, true), beta.reshape(1, c.out(), 1, 1).toDevice(device, true));
            for (NDArray a : List.of(layer.weight(), layer.alpha(), layer.beta())) {
                a.attach(manager);
            }
            layers.put(c.name(), layer);
        }
        NDArray fcW = own(stateDict.get("fc.weight"), device);
        NDArray fcB = own(stateDict.get("fc.bias"), device);
        fcW.attach(manager);
        fcB.attach(manager);
        String id = "pytorch-fid-inception-v3-pool3-sha" + sha256.substring(0, Math.min(8, sha256.length()));
        return new FidInceptionV3(manager, layers, fcW, fcB, id, sha256, device);
    }

    /**
     * A copy with its own storage on {@code device}: an array read from a file may view a Java buffer that is freed
     * with the reader's arrays ({@code toDevice(device, true)} on the same device shares the storage; measured: NaN
     * features in one run of two).
     */
    private static NDArray own(NDArray a, Device device) {
        return a.duplicate().toDevice(device, false);
    }

    /** The number of parameters (convolutions, BatchNorm affine terms, fc), as PyTorch counts them. */
    public static long parameterCount() {
        return CONVS.stream().mapToLong(ConvSpec::parameters).sum() + (long) CLASSES * DIMENSION + CLASSES;
    }

    /** Every key of the state_dict with its shape ({@code num_batches_tracked} is a scalar). */
    static Map<String, Shape> expectedKeys() {
        Map<String, Shape> keys = new LinkedHashMap<>();
        for (ConvSpec c : CONVS) {
            keys.put(c.name() + ".conv.weight", new Shape(c.out(), c.in(), c.kh(), c.kw()));
            for (String bn : List.of("weight", "bias", "running_mean", "running_var")) {
                keys.put(c.name() + ".bn." + bn, new Shape(c.out()));
            }
            keys.put(c.name() + ".bn.num_batches_tracked", new Shape());
        }
        keys.put("fc.weight", new Shape(CLASSES, DIMENSION));
        keys.put("fc.bias", new Shape(CLASSES));
        return keys;
    }

    private static void check(Map<String, NDArray> stateDict, String source) {
        Map<String, Shape> expected = expectedKeys();
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(stateDict.keySet());
        TreeSet<String> unexpected = new TreeSet<>(stateDict.keySet());
        unexpected.removeAll(expected.keySet());
        List<String> misshapen = new ArrayList<>();
        expected.forEach((k, shape) -> {
            NDArray a = stateDict.get(k);
            if (a != null && !a.getShape().equals(shape)) {
                misshapen.add(k + " " + a.getShape() + " (expected " + shape + ")");
            }
        });
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misshapen.isEmpty()) {
            throw new IllegalArgumentException(source + " is not pytorch-fid's Inception-v3 state_dict ("
                    + expected.size() + " keys expected, " + stateDict.size() + " found): " + listed("missing", missing)
                    + listed("unexpected", unexpected) + listed("mis-shaped", misshapen));
        }
    }

    private static String listed(String what, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> first = keys.stream().limit(10).toList();
        return keys.size() + " " + what + " " + first + (keys.size() > first.size() ? " ..." : "") + "; ";
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public boolean isProxy() {
        return false;
    }

    @Override
    public String weightsSha256() {
        return sha256;
    }

    @Override
    public String preprocessing() {
        return "pytorch-fid: uint8 quantisation round(127.5 (x + 1)) / 255 (as PNG files), bilinear resize to 299 "
                + "(align_corners=False), 2x - 1";
    }

    /**
     * Pool3 features of images in [-1, 1], quantised to 8 bits first, {@value #BATCH} images per pass.
     *
     * @return (N, 2048) float32 in the images' manager
     */
    @Override
    public NDArray features(NDArray images) {
        NDList parts = new NDList();
        long n = images.getShape().get(0);
        for (long from = 0; from < n; from += BATCH) {
            try (NDManager scope = NDManager.newBaseManager(device, "PyTorch")) {
                NDArray x = images.get(from + ":" + Math.min(n, from + BATCH)).toDevice(device, true);
                x.attach(scope);
                NDArray u8 = x.add(1f).muli(127.5f).addi(0.5f).floor().clip(0, 255).divi(255f);
                NDArray pool3 = pool3(u8);
                NDArray out = pool3.toDevice(images.getDevice(), true);
                out.attach(images.getManager());
                parts.add(out);
            }
        }
        NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        if (parts.size() > 1) {
            parts.close();
        }
        return all;
    }

    /** Softmax of the logits fc(pool3): the 1,008 class probabilities of the Inception Score. */
    @Override
    public Optional<NDArray> classProbabilities(NDArray features) {
        NDArray p = logits(features.toDevice(device, false)).softmax(1).toDevice(features.getDevice(), false);
        p.attach(features.getManager());
        return Optional.of(p);
    }

    /** The logits fc(pool3), (N, 1008), of pool3 features. */
    public NDArray logits(NDArray pool3) {
        return pool3.matMul(fcWeight.transpose()).add(fcBias);
    }

    /**
     * Pool3 features of images in [0, 1] (any size), exactly as pytorch-fid computes them: resize to 299, 2x - 1,
     * the blocks, adaptive average pooling. No quantisation.
     *
     * @return (N, 2048), in the input's manager
     */
    public NDArray pool3(NDArray images01) {
        NDArray x = BilinearResize.resize(images01, SIZE, SIZE).mul(2).sub(1);
        x = conv(x, "Conv2d_1a_3x3");
        x = conv(x, "Conv2d_2a_3x3");
        x = conv(x, "Conv2d_2b_3x3");
        x = maxPool3Stride2(x);
        x = conv(x, "Conv2d_3b_1x1");
        x = conv(x, "Conv2d_4a_3x3");
        x = maxPool3Stride2(x);
        for (String block : List.of("Mixed_5b", "Mixed_5c", "Mixed_5d")) {
            x = inceptionA(x, block);
        }
        x = inceptionB(x, "Mixed_6a");
        for (String block : List.of("Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e")) {
            x = inceptionC(x, block);
        }
        x = inceptionD(x, "Mixed_7a");
        x = inceptionE(x, "Mixed_7b", false);
        x = inceptionE(x, "Mixed_7c", true);
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2}); // adaptive average pooling to 1 x 1
    }

    /** The chain of BasicConv2d layers {@code block.names[0]}, {@code block.names[1]}, ... */
    private NDArray chain(NDArray x, String block, String... names) {
        for (String name : names) {
            x = conv(x, block + "." + name);
        }
        return x;
    }

    private NDArray conv(NDArray x, String name) {
        Layer l = layers.get(name);
        ConvSpec c = l.spec();
        NDArray y = Conv2d.conv2d(x, l.weight(), null, new Shape(c.stride(), c.stride()), new Shape(c.ph(), c.pw()))
                .singletonOrThrow();
        return Activation.relu(y.muli(l.alpha()).addi(l.beta()));
    }

    /**
     * The pool branch's 3x3 stride-1 average pool with padding 1, the padding excluded from the mean
     * ({@code count_include_pad=False}, pytorch-fid's FID blocks). DJL 0.36's {@code Pool.avgPool2d} ignores its
     * {@code countIncludePad} argument on the PyTorch engine (it always counts the padding: measured, corner of a 4x4
     * {@code arange} 1.11 instead of 2.5), so the padded mean is rescaled by 9 / (in-bounds taps) here.
     */
    static NDArray avgPool3(NDArray x) {
        int h = (int) x.getShape().get(2);
        int w = (int) x.getShape().get(3);
        float[] scale = new float[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                scale[i * w + j] = 9f / (taps(i, h) * taps(j, w));
            }
        }
        NDArray padded = Pool.avgPool2d(x, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, true);
        return padded.mul(x.getManager().create(scale, new Shape(1, 1, h, w)));
    }

    /** In-bounds taps of a 3-wide window centred at {@code i} on an axis of {@code n}. */
    private static int taps(int i, int n) {
        return 1 + (i > 0 ? 1 : 0) + (i < n - 1 ? 1 : 0);
    }

    private static NDArray maxPool3Stride2(NDArray x) {
        return Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
    }

    private NDArray inceptionA(NDArray x, String b) {
        return NDArrays.concat(new NDList(chain(x, b, "branch1x1"), chain(x, b, "branch5x5_1", "branch5x5_2"),
                chain(x, b, "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3"), chain(avgPool3(x), b, "branch_pool")), 1);
    }

    private NDArray inceptionB(NDArray x, String b) {
        return NDArrays.concat(new NDList(chain(x, b, "branch3x3"),
                chain(x, b, "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3"), maxPool3Stride2(x)), 1);
    }

    private NDArray inceptionC(NDArray x, String b) {
        return NDArrays.concat(new NDList(chain(x, b, "branch1x1"), chain(x, b, "branch7x7_1", "branch7x7_2", "branch7x7_3"),
                chain(x, b, "branch7x7dbl_1", "branch7x7dbl_2", "branch7x7dbl_3", "branch7x7dbl_4", "branch7x7dbl_5"),
                chain(avgPool3(x), b, "branch_pool")), 1);
    }

    private NDArray inceptionD(NDArray x, String b) {
        return NDArrays.concat(new NDList(chain(x, b, "branch3x3_1", "branch3x3_2"),
                chain(x, b, "branch7x7x3_1", "branch7x7x3_2", "branch7x7x3_3", "branch7x7x3_4"), maxPool3Stride2(x)), 1);
    }

    /** FIDInceptionE_1 (Mixed_7b: average pool) or FIDInceptionE_2 (Mixed_7c: max pool in the pool branch). */
    private NDArray inceptionE(NDArray x, String b, boolean maxPool) {
        NDArray a = chain(x, b, "branch3x3_1");
        NDArray d = chain(x, b, "branch3x3dbl_1", "branch3x3dbl_2");
        NDArray pooled = maxPool ? Pool.maxPool2d(x, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false) : avgPool3(x);
        return NDArrays.concat(new NDList(chain(x, b, "branch1x1"),
                chain(a, b, "branch3x3_2a"), chain(a, b, "branch3x3_2b"),
                chain(d, b, "branch3x3dbl_3a"), chain(d, b, "branch3x3dbl_3b"),
                chain(pooled, b, "branch_pool")), 1);
    }

    @Override
    public void close() {
        weights.close();
    }

    /** torchvision's Inception-v3 layer by layer (channels, kernels, strides, paddings). */
    private static List<ConvSpec> architecture() {
        List<ConvSpec> l = new ArrayList<>();
        l.add(new ConvSpec("Conv2d_1a_3x3", 3, 32, 3, 3, 2, 0, 0));
        l.add(new ConvSpec("Conv2d_2a_3x3", 32, 32, 3, 3, 1, 0, 0));
        l.add(new ConvSpec("Conv2d_2b_3x3", 32, 64, 3, 3, 1, 1, 1));
        l.add(new ConvSpec("Conv2d_3b_1x1", 64, 80, 1, 1, 1, 0, 0));
        l.add(new ConvSpec("Conv2d_4a_3x3", 80, 192, 3, 3, 1, 0, 0));
        int[][] a = {{192, 32}, {256, 64}, {288, 64}};
        String[] aNames = {"Mixed_5b", "Mixed_5c", "Mixed_5d"};
        for (int i = 0; i < 3; i++) {
            String b = aNames[i] + ".";
            int in = a[i][0];
            l.add(new ConvSpec(b + "branch1x1", in, 64, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch5x5_1", in, 48, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch5x5_2", 48, 64, 5, 5, 1, 2, 2));
            l.add(new ConvSpec(b + "branch3x3dbl_1", in, 64, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch3x3dbl_2", 64, 96, 3, 3, 1, 1, 1));
            l.add(new ConvSpec(b + "branch3x3dbl_3", 96, 96, 3, 3, 1, 1, 1));
            l.add(new ConvSpec(b + "branch_pool", in, a[i][1], 1, 1, 1, 0, 0));
        }
        l.add(new ConvSpec("Mixed_6a.branch3x3", 288, 384, 3, 3, 2, 0, 0));
        l.add(new ConvSpec("Mixed_6a.branch3x3dbl_1", 288, 64, 1, 1, 1, 0, 0));
        l.add(new ConvSpec("Mixed_6a.branch3x3dbl_2", 64, 96, 3, 3, 1, 1, 1));
        l.add(new ConvSpec("Mixed_6a.branch3x3dbl_3", 96, 96, 3, 3, 2, 0, 0));
        int[] c7s = {128, 160, 160, 192};
        String[] cNames = {"Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e"};
        for (int i = 0; i < 4; i++) {
            String b = cNames[i] + ".";
            int c7 = c7s[i];
            l.add(new ConvSpec(b + "branch1x1", 768, 192, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch7x7_1", 768, c7, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch7x7_2", c7, c7, 1, 7, 1, 0, 3));
            l.add(new ConvSpec(b + "branch7x7_3", c7, 192, 7, 1, 1, 3, 0));
            l.add(new ConvSpec(b + "branch7x7dbl_1", 768, c7, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch7x7dbl_2", c7, c7, 7, 1, 1, 3, 0));
            l.add(new ConvSpec(b + "branch7x7dbl_3", c7, c7, 1, 7, 1, 0, 3));
            l.add(new ConvSpec(b + "branch7x7dbl_4", c7, c7, 7, 1, 1, 3, 0));
            l.add(new ConvSpec(b + "branch7x7dbl_5", c7, 192, 1, 7, 1, 0, 3));
            l.add(new ConvSpec(b + "branch_pool", 768, 192, 1, 1, 1, 0, 0));
        }
        l.add(new ConvSpec("Mixed_7a.branch3x3_1", 768, 192, 1, 1, 1, 0, 0));
        l.add(new ConvSpec("Mixed_7a.branch3x3_2", 192, 320, 3, 3, 2, 0, 0));
        l.add(new ConvSpec("Mixed_7a.branch7x7x3_1", 768, 192, 1, 1, 1, 0, 0));
        l.add(new ConvSpec("Mixed_7a.branch7x7x3_2", 192, 192, 1, 7, 1, 0, 3));
        l.add(new ConvSpec("Mixed_7a.branch7x7x3_3", 192, 192, 7, 1, 1, 3, 0));
        l.add(new ConvSpec("Mixed_7a.branch7x7x3_4", 192, 192, 3, 3, 2, 0, 0));
        for (String[] e : new String[][] {{"Mixed_7b", "1280"}, {"Mixed_7c", "2048"}}) {
            String b = e[0] + ".";
            int in = Integer.parseInt(e[1]);
            l.add(new ConvSpec(b + "branch1x1", in, 320, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch3x3_1", in, 384, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch3x3_2a", 384, 384, 1, 3, 1, 0, 1));
            l.add(new ConvSpec(b + "branch3x3_2b", 384, 384, 3, 1, 1, 1, 0));
            l.add(new ConvSpec(b + "branch3x3dbl_1", in, 448, 1, 1, 1, 0, 0));
            l.add(new ConvSpec(b + "branch3x3dbl_2", 448, 384, 3, 3, 1, 1, 1));
            l.add(new ConvSpec(b + "branch3x3dbl_3a", 384, 384, 1, 3, 1, 0, 1));
            l.add(new ConvSpec(b + "branch3x3dbl_3b", 384, 384, 3, 1, 1, 1, 0));
            l.add(new ConvSpec(b + "branch_pool", in, 192, 1, 1, 1, 0, 0));
        }
        return List.copyOf(l);
    }
}
