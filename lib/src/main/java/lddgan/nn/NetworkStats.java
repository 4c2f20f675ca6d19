package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Size and cost of a built network: parameter counts and analytic multiply-accumulates (MACs).
 *
 * <p>Convention: one MAC = one multiplication plus one addition; FLOPs = 2 x MACs. Counted per
 * sample, for one forward pass, from the shapes recorded at initialisation (so initialise with the
 * input shapes of interest, batch 1 or more; the count is divided by the batch):
 *
 * <ul>
 *   <li>{@link Conv2d}: output elements x (in channels x kernel area);
 *   <li>{@link Linear}: rows x in x out;
 *   <li>blocks implementing {@link OwnCost}: their own matrix products (attention: q^T k and the
 *       weighted sum of v, 2 x C x (HW)^2), and separately the FIR filtering (16 taps per output
 *       element), reported only when asked for;
 *   <li>not counted: normalisations, nonlinearities, additions of residuals and biases, softmax.
 * </ul>
 *
 * The paper's Table 2 "FLOPs" are MACs in this sense with the FIR taps included: DDGAN CIFAR-10
 * 7.047 G (printed 7.05), WDDGAN CIFAR-10 1.670 G (1.67), DDGAN CelebA-HQ 70.72 G (70.82). Counting
 * 2 x MACs would double them.
 */
public final class NetworkStats {
    private NetworkStats() {
    }

    /** A block that does work outside its child Conv2d/Linear blocks. */
    public interface OwnCost {
        /** MACs of this block's own matrix products (not its children's), for the given input shapes. */
        default long ownMultiplyAccumulates(Shape[] inputShapes) {
            return 0;
        }

        /** MACs of this block's own FIR filtering (not its children's), for the given input shapes. */
        default long firMultiplyAccumulates(Shape[] inputShapes) {
            return 0;
        }
    }

    /** The number of scalar parameters (shapes must be known, e.g. after initialisation). */
    public static long parameterCount(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Shape shape = p.getValue().getShape();
            if (shape == null) {
                throw new IllegalStateException("parameter " + p.getKey() + " has no shape yet: initialise the block first");
            }
            total += shape.size();
        }
        return total;
    }

    /**
     * MACs of one sample's forward pass of an initialised block.
     *
     * @param block an initialised block
     * @param includeFir whether FIR resampling taps are counted
     * @return multiply-accumulates per sample (FLOPs = 2 x this)
     */
    public static long multiplyAccumulates(Block block, boolean includeFir) {
        Shape[] in = block.getInputShapes();
        long batch = in[0].get(0);
        return total(block, includeFir) / batch;
    }

    private static long total(Block block, boolean includeFir) {
        Shape[] in = block.getInputShapes();
        long macs = 0;
        if (block instanceof Conv2d) {
            Shape weight = block.getParameters().get("weight").getShape();
            Shape out = block.getOutputShapes(in)[0];
            macs += out.size() * (weight.size() / weight.get(0));
        } else if (block instanceof Linear) {
            Shape weight = block.getParameters().get("weight").getShape();
            long rows = in[0].size() / in[0].get(in[0].dimension() - 1);
            macs += rows * weight.size();
        }
        if (block instanceof OwnCost own) {
            macs += own.ownMultiplyAccumulates(in);
            if (includeFir) {
                macs += own.firMultiplyAccumulates(in);
            }
        }
        for (Block child : block.getChildren().values()) {
            macs += total(child, includeFir);
        }
        return macs;
    }

    /** The arrays of a block's parameters, in the block's parameter order. */
    public static List<NDArray> parameterArrays(Block block) {
        List<NDArray> arrays = new ArrayList<>();
        for (var p : block.getParameters()) {
            arrays.add(p.getValue().getArray());
        }
        return arrays;
    }
}
