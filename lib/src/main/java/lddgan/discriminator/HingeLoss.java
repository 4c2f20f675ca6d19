package lddgan.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import lddgan.nn.Scalars;

/**
 * The hinge adversarial loss of the autoencoder's patch discriminator (Lim and Ye 2017, "Geometric GAN"; taming-
 * transformers {@code taming/modules/losses/vqperceptual.py} {@code hinge_d_loss}, used by LDM's {@code
 * LPIPSWithDiscriminator} with {@code disc_loss="hinge"}; REFERENCE-CODE.md section 6). Logits are those of
 * {@link PatchGanDiscriminator}, any shape (one per patch); means run over every element.
 *
 * <ul>
 *   <li>discriminator: L_D = 1/2 (mean relu(1 - D(x)) + mean relu(1 + D(x'))), x real, x' reconstructed;
 *   <li>generator (the autoencoder): L_G = -mean D(x').
 * </ul>
 *
 * Both are differentiable; constants are applied with {@link Scalars} or as additions (lib/TRAINING.md "DJL lessons").
 */
public final class HingeLoss {
    private HingeLoss() {
    }

    /**
     * L_D = 1/2 (mean relu(1 - logitsReal) + mean relu(1 + logitsFake)).
     *
     * @param logitsReal D's logits on real images
     * @param logitsFake D's logits on reconstructions (detach them from the autoencoder for the D step)
     * @return a scalar
     */
    public static NDArray discriminatorLoss(NDArray logitsReal, NDArray logitsFake) {
        NDArray real = Activation.relu(logitsReal.neg().add(1f)).mean();
        NDArray fake = Activation.relu(logitsFake.add(1f)).mean();
        return Scalars.times(real.add(fake), 0.5);
    }

    /**
     * L_G = -mean logitsFake.
     *
     * @param logitsFake D's logits on reconstructions
     * @return a scalar
     */
    public static NDArray generatorLoss(NDArray logitsFake) {
        return logitsFake.mean().neg();
    }
}
