package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A network whose layout (channels and resolutions of every child) is fixed by its configuration when
 * it is built: each child is registered, in forward order, together with its per-sample input shapes,
 * and {@link #initializeChildBlocks} initialises it with those shapes and the actual batch size. The
 * constructor's walk over the layout is therefore the only place where shapes are worked out, as in
 * the reference's {@code __init__}.
 */
public abstract class ComposedBlock extends AbstractBlock {
    private final List<Shape[]> childInputShapes = new ArrayList<>();

    /**
     * Registers a child with its input shapes less the batch axis.
     *
     * @param name the child's name
     * @param block the child
     * @param perSampleShapes one shape per input, without the batch axis
     * @return the child
     */
    protected final <B extends Block> B addChild(String name, B block, Shape... perSampleShapes) {
        addChildBlock(name, block);
        childInputShapes.add(perSampleShapes);
        return block;
    }

    /** Prepends the batch size to per-sample shapes. */
    public static Shape[] withBatch(Shape[] perSampleShapes, long batch) {
        Shape[] shapes = new Shape[perSampleShapes.length];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = new Shape(batch).addAll(perSampleShapes[i]);
        }
        return shapes;
    }

    /**
     * Runs a single-output child on {@code inputs}: {@code block.forward(ps, new NDList(inputs), training)}'s array,
     * in a memory scope of its own (DEVELOPERS.md "DJL hygiene"; lib/PERFORMANCE.md). Every intermediate the child
     * creates is freed when it returns; only its output is attached to the first input's manager. Without the scope, a
     * whole forward pass kept every temporary of every block alive until its caller's manager closed (DDGAN, batch 100:
     * about 18 GB). Freeing a temporary's handle does not disturb autograd, which holds its own references to what the
     * backward pass needs.
     */
    public static NDArray run(Block block, ParameterStore ps, boolean training, NDArray... inputs) {
        return Scoped.apply(inputs, scope -> block.forward(ps, new NDList(inputs), training).singletonOrThrow());
    }

    /** Initialises the parameters (float32) for batches of {@code batch} samples. */
    public final void initialize(NDManager manager, int batch) {
        initialize(manager, DataType.FLOAT32, inputShapes(batch));
    }

    /** The shapes of the inputs of a batch of {@code batch} samples (the network's forward contract). */
    protected abstract Shape[] inputShapes(long batch);

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        int i = 0;
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, withBatch(childInputShapes.get(i++), batch));
        }
    }
}
