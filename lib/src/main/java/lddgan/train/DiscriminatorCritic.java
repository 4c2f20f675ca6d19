package lddgan.train;

import ai.djl.ndarray.NDArray;
import lddgan.discriminator.Discriminator;
import lddgan.loss.R1Penalty;
import lddgan.nn.ActivationPattern;

/** The trained discriminator as the R1 penalty sees it ({@link R1Penalty.Critic}): logits with a LeakyReLU pattern. */
final class DiscriminatorCritic implements R1Penalty.Critic {
    private final Network network;
    private final Discriminator discriminator;

    /**
     * @param network a network whose block is a {@link Discriminator}
     * @throws IllegalArgumentException when it is not
     */
    DiscriminatorCritic(Network network) {
        if (!(network.block() instanceof Discriminator d)) {
            throw new IllegalArgumentException("R1 needs a Discriminator, got " + network.block().getClass().getSimpleName());
        }
        this.network = network;
        this.discriminator = d;
    }

    @Override
    public NDArray logits(NDArray xPrev, NDArray step, NDArray xt, ActivationPattern pattern) {
        return discriminator.forward(network.store(), xPrev, step, xt, true, pattern);
    }

    @Override
    public void setTrainable(boolean trainable) {
        network.setTrainable(trainable);
    }
}
