package lddgan.bench;

import java.util.Locale;
import java.util.Set;

/**
 * What an operator of a PyTorch profiler trace does, in the groups lib/PERFORMANCE.md reports (issue 22, item 1):
 * convolutions (3x3, 1x1 and the FIR's depthwise ones), normalisation (GroupNorm, AdaGN's norm), activations,
 * element-wise arithmetic and reductions, matrix products (attention, dense layers), copies and layout, random numbers,
 * gradient accumulation, and the rest. A backward node ({@code MulBackward0}) belongs to the group of its forward
 * operator ({@code aten::mul}).
 */
public enum OperatorKind {
    CONVOLUTION("convolutions"),
    NORMALIZATION("normalisation (GroupNorm)"),
    ACTIVATION("activations (SiLU, sigmoid, leaky ReLU, softplus, softmax)"),
    ELEMENTWISE("element-wise arithmetic and reductions"),
    MATMUL("matrix products (attention, dense layers)"),
    COPY_LAYOUT("copies, layout, allocation"),
    RANDOM("random numbers"),
    GRADIENT_ACCUMULATION("gradient accumulation"),
    OTHER("other operators");

    private static final Set<String> ACTIVATIONS = Set.of("silu", "sigmoid", "leakyrelu", "gelu", "tanh", "softmax",
            "logsoftmax", "softplus", "relu", "elu");
    private static final Set<String> MATMULS = Set.of("mm", "bmm", "addmm", "matmul", "linear", "baddbmm", "einsum");
    private static final Set<String> COPIES = Set.of("copy", "to", "tocopy", "clone", "contiguous", "cat", "stack",
            "reshape", "view", "unsafeview", "permute", "transpose", "t", "expand", "slice", "select", "narrow", "index",
            "indexselect", "squeeze", "unsqueeze", "flatten", "empty", "emptystrided", "emptylike", "zeros", "zeroslike",
            "ones", "oneslike", "fill", "zero", "asstrided", "resize", "detach", "split", "chunk", "repeat", "pad",
            "constantpadnd", "flip", "alias", "lift", "liftfresh", "full", "fulllike", "unfold", "setdata", "scalartensor");
    private static final Set<String> ARITHMETIC = Set.of("add", "sub", "rsub", "mul", "div", "pow", "sqrt", "rsqrt",
            "neg", "exp", "log", "sum", "mean", "var", "std", "varmean", "addcmul", "addcdiv", "lerp", "clamp",
            "clampmin", "clampmax", "abs", "sign", "sgn", "where", "maximum", "minimum", "max", "min", "square",
            "reciprocal", "cos", "sin", "norm", "linalgvectornorm", "eq", "ne", "gt", "lt", "ge", "le", "floor", "round",
            "cumsum", "cumprod", "prod", "amax", "amin", "logsumexp", "mseloss", "isnan", "isinf", "any", "all");

    private final String label;

    OperatorKind(String label) {
        this.label = label;
    }

    /** How lib/PERFORMANCE.md and the profile's tables name the group. */
    public String label() {
        return label;
    }

    /**
     * The group of an operator named as the profiler names it: {@code aten::native_group_norm},
     * {@code NativeGroupNormBackward0}, {@code torch::autograd::AccumulateGrad}.
     */
    public static OperatorKind of(String name) {
        String key = key(name);
        if (name.contains("AccumulateGrad")) {
            return GRADIENT_ACCUMULATION;
        }
        if (key.contains("conv")) {
            return CONVOLUTION;
        }
        if (key.contains("groupnorm") || key.contains("layernorm") || key.contains("batchnorm")) {
            return NORMALIZATION;
        }
        if (ACTIVATIONS.contains(key)) {
            return ACTIVATION;
        }
        if (MATMULS.contains(key)) {
            return MATMUL;
        }
        if (key.contains("normal") || key.startsWith("rand") || key.contains("uniform") || key.contains("bernoulli")) {
            return RANDOM;
        }
        if (COPIES.contains(key)) {
            return COPY_LAYOUT;
        }
        if (ARITHMETIC.contains(key)) {
            return ELEMENTWISE;
        }
        return OTHER;
    }

    /**
     * The operator's name reduced to compare forward and backward spellings: namespace, underscores (in-place and
     * private variants) and a trailing {@code Backward<n>} removed, lower case. {@code aten::_to_copy} -> "tocopy",
     * {@code NativeGroupNormBackward0} -> "nativegroupnorm".
     */
    static String key(String name) {
        String s = name.substring(name.lastIndexOf(':') + 1).replaceFirst("Backward\\d*$", "");
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
