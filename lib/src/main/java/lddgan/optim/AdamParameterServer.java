package lddgan.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) as a DJL {@link ParameterServer}, with the data-parallel reduction across devices
 * (REFERENCE-CODE.md section 4: Adam betas (0.5, 0.9), no weight decay; PyTorch's {@code torch.optim.Adam}
 * update with eps 1e-8 and bias correction).
 *
 * <p>DJL's {@link ai.djl.training.ParameterStore} keeps one copy of each parameter per device and hands this
 * server the copies with their gradients. Each device's loss is already weighted by its share of the global batch,
 * so the reduction is a sum: g = sum_d grad_d, on the first device. Adam updates the first copy in place and
 * copies it to the others; every gradient is then zeroed (PyTorch accumulates into {@code .grad}).
 *
 * <p>The moments live here, keyed by parameter id and named after the parameters, so that a checkpoint can
 * save and restore them exactly ({@link #moments}, {@link #restoreMoments}).
 */
public final class AdamParameterServer implements ParameterServer {
    /** PyTorch's default epsilon. */
    public static final double EPSILON = 1e-8;

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private double learningRate;
    private long steps;

    /**
     * A server whose moments live in {@code manager}.
     *
     * @param beta1 Adam beta1 (0.5 in DDGAN/WDDGAN/LDDGAN)
     * @param beta2 Adam beta2 (0.9)
     */
    public AdamParameterServer(NDManager manager, double beta1, double beta2) {
        this.manager = manager;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    /** Sets the learning rate of the next updates. */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Starts an optimisation step: the bias corrections use the number of steps including this one. */
    public void beginStep() {
        steps++;
    }

    /** Optimisation steps taken (Adam's t). */
    public long steps() {
        return steps;
    }

    /** {@inheritDoc} */
    @Override
    public void init(String parameterId, NDArray[] value) {
        NDArray m = manager.zeros(value[0].getShape(), value[0].getDataType(), value[0].getDevice());
        NDArray v = manager.zeros(value[0].getShape(), value[0].getDataType(), value[0].getDevice());
        moments.put(parameterId, new NDArray[] {m, v});
    }

    /**
     * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps),
     * with g the sum of the devices' gradients; then copies p to every device and zeroes the gradients.
     */
    @Override
    public void update(String parameterId, NDArray[] grads, NDArray[] params) {
        NDArray[] mv = moments.get(parameterId);
        if (mv == null) {
            throw new IllegalStateException("parameter " + parameterId + " was never initialised on this server");
        }
        if (steps < 1) {
            throw new IllegalStateException("call beginStep() before updating");
        }
        NDArray target = params[0];
        try (NDManager scope = manager.newSubManager(target.getDevice())) {
            for (NDArray grad : grads) {
                grad.tempAttach(scope);
            }
            NDArray g = DataParallel.sumOnFirst(grads);
            double correction1 = 1 - Math.pow(beta1, steps);
            double correction2 = 1 - Math.pow(beta2, steps);
            mv[0].muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            mv[1].muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            NDArray denominator = mv[1].sqrt().divi((float) Math.sqrt(correction2)).addi((float) EPSILON);
            NDArray delta = mv[0].div(denominator).muli((float) (learningRate / correction1));
            delta.attach(scope);
            denominator.attach(scope);
            target.subi(delta);
        }
        for (int i = 1; i < params.length; i++) {
            target.copyTo(params[i]);
        }
        for (NDArray grad : grads) {
            grad.subi(grad);
        }
    }

    /**
     * The moments of the given parameters, in their order, named "m:name" and "v:name" (for a checkpoint).
     *
     * @param ids parameter ids in a fixed order
     * @param names the matching parameter names
     */
    public NDList moments(List<String> ids, List<String> names) {
        NDList list = new NDList();
        for (int i = 0; i < ids.size(); i++) {
            NDArray[] mv = require(ids.get(i), names.get(i));
            list.add(named(mv[0], "m:" + names.get(i)));
            list.add(named(mv[1], "v:" + names.get(i)));
        }
        return list;
    }

    /**
     * Copies saved moments back, checking that the names match parameter by parameter.
     *
     * @throws IllegalArgumentException naming the first mismatch
     */
    public void restoreMoments(NDList saved, List<String> ids, List<String> names, long savedSteps) {
        if (saved.size() != 2 * ids.size()) {
            throw new IllegalArgumentException("optimizer state has " + saved.size() + " arrays, expected "
                    + 2 * ids.size() + " (m and v of " + ids.size() + " parameters)");
        }
        for (int i = 0; i < ids.size(); i++) {
            NDArray[] mv = require(ids.get(i), names.get(i));
            for (int j = 0; j < 2; j++) {
                NDArray source = saved.get(2 * i + j);
                String expected = (j == 0 ? "m:" : "v:") + names.get(i);
                if (!expected.equals(source.getName()) || !source.getShape().equals(mv[j].getShape())) {
                    throw new IllegalArgumentException("optimizer state entry " + (2 * i + j) + " is '" + source.getName()
                            + "' " + source.getShape() + ", expected '" + expected + "' " + mv[j].getShape());
                }
                source.copyTo(mv[j]);
            }
        }
        this.steps = savedSteps;
    }

    private NDArray[] require(String id, String name) {
        NDArray[] mv = moments.get(id);
        if (mv == null) {
            throw new IllegalStateException("no optimizer state for parameter " + name);
        }
        return mv;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        for (NDArray[] mv : moments.values()) {
            mv[0].close();
            mv[1].close();
        }
        moments.clear();
    }
}
