package lddgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

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
        NDManager owner = input.getManager();
        try (NDManager scope = owner.newSubManager()) {
            input.tempAttach(scope);
            NDArray result = op.apply(input, scope);
            if (result != input) {
                result.attach(owner);
            }
            return result;
        }
    }
}
