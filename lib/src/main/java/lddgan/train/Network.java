package lddgan.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import lddgan.nn.NetworkStats;
import lddgan.optim.AdamParameterServer;

/**
 * One trained network (G or D) with its DJL multi-device {@link ParameterStore} and its {@link AdamParameterServer}:
 * forward on a device, freeze and unfreeze, take an optimisation step. Parameter copies for every device are made
 * when the network is built, so the optimizer state exists (and can be restored) before the first step.
 */
final class Network implements AutoCloseable {
    private final String role;
    private final Block block;
    private final List<Device> devices;
    private final ParameterStore store;
    private final AdamParameterServer optimizer;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private boolean trainable = true;

    Network(String role, Block block, NDManager manager, List<Device> devices, double beta1, double beta2) {
        this.role = role;
        this.block = block;
        this.devices = List.copyOf(devices);
        this.optimizer = new AdamParameterServer(manager, beta1, beta2);
        this.store = new ParameterStore(manager, false);
        store.setParameterServer(optimizer, devices.toArray(new Device[0]));
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.add(p.getValue());
            names.add(p.getKey());
            for (Device device : devices) {
                store.getValue(p.getValue(), device, true);
            }
        }
    }

    String role() {
        return role;
    }

    Block block() {
        return block;
    }

    /** The parameter store the forward passes read (for networks with several entry points). */
    ParameterStore store() {
        return store;
    }

    /** The network's output for {@code inputs}, all on one device. */
    NDArray forward(NDArray... inputs) {
        return block.forward(store, new NDList(inputs), true).singletonOrThrow();
    }

    /**
     * Sets whether the parameters collect gradients (the reference's {@code p.requires_grad = flag}); a frozen
     * network still passes gradients through to its inputs.
     */
    void setTrainable(boolean value) {
        if (value == trainable) {
            return;
        }
        for (Parameter p : parameters) {
            if (!p.requiresGradient()) {
                continue; // running statistics (BatchNorm) never take gradients
            }
            for (Device device : devices) {
                store.getValue(p, device, true).setRequiresGradient(value);
            }
        }
        trainable = value;
    }

    /** One Adam step at {@code learningRate} from the accumulated gradients (outside any gradient collector). */
    void step(double learningRate) {
        optimizer.setLearningRate(learningRate);
        optimizer.beginStep();
        store.updateAllParameters();
    }

    /** The optimizer state, in parameter order (for a checkpoint). */
    NDList optimizerState() {
        return optimizer.moments(ids(), names);
    }

    /** Restores the optimizer state saved by {@link #optimizerState()} after {@code steps} steps. */
    void restoreOptimizerState(NDList saved, long steps) {
        optimizer.restoreMoments(saved, ids(), names, steps);
    }

    /** Adam steps taken. */
    long optimizerSteps() {
        return optimizer.steps();
    }

    /** The parameter arrays on the first device, in order. */
    List<NDArray> arrays() {
        return NetworkStats.parameterArrays(block);
    }

    /** The parameters, in order. */
    List<Parameter> parameters() {
        return parameters;
    }

    /** A parameter's array on a device (the device copy the forward pass uses). */
    NDArray valueOn(Parameter parameter, Device device) {
        return store.getValue(parameter, device, true);
    }

    /** The parameter names, in order. */
    List<String> names() {
        return names;
    }

    private List<String> ids() {
        return parameters.stream().map(Parameter::getId).toList();
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
