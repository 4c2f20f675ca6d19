package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs an NDArray computation in its own memory scope (DEVELOPERS.md "DJL hygiene"): the input is borrowed into a
 * sub-manager of its own manager, every intermediate lands there and is freed on return, and only the result is
 * attached to the input's manager.
 */
public final class Scoped {
    /** A computation on {@code input}; {@code scope} is where any array it creates explicitly belongs. */
    @FunctionalInterface
    public interface Operation {
        NDArray apply(NDArray input, NDManager scope);
    }

    private Scoped() {
    }

    /** {@code op(input)}, attached to {@code input}'s manager; the intermediates are closed. */
    public static NDArray apply(NDArray input, Operation op) {
        return apply(new NDArray[] {input}, scope -> op.apply(input, scope));
    }

    /**
     * {@code op()} on borrowed {@code inputs}: each input is attached to a sub-manager of the first input's manager
     * for the call (and returned to its own manager after), so every array {@code op} creates from them lands there
     * and is freed on return; the result is attached to the first input's manager (left alone when it is one of the
     * inputs).
     */
    public static NDArray apply(NDArray[] inputs, Function<NDManager, NDArray> op) {
        NDManager owner = inputs[0].getManager();
        try (NDManager scope = owner.newSubManager()) {
            // NDArray.equals compares contents: the inputs are told apart by identity
            Set<NDArray> borrowed = Collections.newSetFromMap(new IdentityHashMap<>());
            borrowed.addAll(Arrays.asList(inputs));
            new NDList(borrowed).tempAttach(scope);
            NDArray result = op.apply(scope);
            if (!borrowed.contains(result)) {
                result.attach(owner);
            }
            return result;
        }
    }
}
