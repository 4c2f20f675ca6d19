package lddgan.experiment;

import java.util.List;
import lddgan.metrics.TimingProtocol;

/**
 * Notebook 06's budget (the authors' checkpoints: Tables 1, 3, 4, 5 from released weights),
 * {@code presets/experiments/06-released-checkpoints.json}.
 *
 * @param models the released models evaluated ({@link ReleasedModel#id()})
 * @param samples generated images per FID / precision / recall (CIFAR-10 models)
 * @param gridSamples images in each sample grid
 * @param timing the time of a batch (Sec. 5.1.2: batch of 100, decoder or inverse DWT included) at 32x32; at smoke
 *     the FID's own batch of 100 is the timed one ({@link TimingProtocol#evaluationBatches()})
 * @param largeImageTiming the same for the 256x256 models (CelebA-HQ, LSUN); below the paper profile a smaller batch:
 *     the VQ first stage's nearest-code search of one 64x64 latent over 8,192 codes takes ~0.5 GB
 * @param reconstructionImages CIFAR-10 test images the autoencoder reconstructs (Table 1's rFID)
 * @param standIn the sizes of the stand-ins exported when the released files are absent
 * @param seed the seed of the stand-ins' initialisation and of the sampling
 */
public record ReleasedCheckpointsBudget(List<String> models, int samples, int gridSamples, TimingProtocol timing,
                                        TimingProtocol largeImageTiming, int reconstructionImages, StandIn standIn,
                                        long seed) {
    public ReleasedCheckpointsBudget {
        models = List.copyOf(models);
        models.forEach(ReleasedModel::of);
        if (models.isEmpty() || samples < 2 || gridSamples < 1 || reconstructionImages < 2) {
            throw new IllegalArgumentException("need at least one model, samples >= 2, gridSamples >= 1 and "
                    + "reconstructionImages >= 2, got " + models + ", " + samples + ", " + gridSamples + ", "
                    + reconstructionImages);
        }
    }

    /**
     * How the stand-in networks shrink: the released configurations with the generator's base width {@code nf} and
     * {@code numResBlocks} per level, the autoencoder's base width {@code autoencoderCh} (everything else as released).
     */
    public record StandIn(int nf, int numResBlocks, int autoencoderCh) {
        public StandIn {
            if (nf < 4 || nf % 4 != 0 || numResBlocks < 1 || autoencoderCh < 1) {
                throw new IllegalArgumentException("stand-in sizes: nf a positive multiple of 4, numResBlocks >= 1, "
                        + "autoencoderCh >= 1, got " + nf + ", " + numResBlocks + ", " + autoencoderCh);
            }
        }
    }

    /** The models, in the preset's order. */
    public List<ReleasedModel> releasedModels() {
        return models.stream().map(ReleasedModel::of).toList();
    }

    /** The timing protocol of a model with images of side {@code imageSide}. */
    public TimingProtocol timingFor(long imageSide) {
        return imageSide > 64 ? largeImageTiming : timing;
    }
}
