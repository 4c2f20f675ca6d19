package lddgan.experiment;

import java.util.List;
import lddgan.space.SpaceKind;

/**
 * One model whose weights the authors publish, as the reference code saves and loads it (issue 19; REFERENCE-CODE.md
 * sections 2, 5, 6 and 9): the EMA generator {@code netG_<epoch>.pth} that the test scripts load
 * ({@code torch.load(saved_info/.../netG_{epoch_id}.pth)}, keys prefixed {@code module.}), for LDDGAN with its first
 * stage (a PyTorch-Lightning {@code .ckpt} whose {@code state_dict} holds the LDM autoencoder), the library presets it
 * loads into, and the paper's numbers for it (Tables 1, 3, 4, 5).
 *
 * @param id our name ("lddgan-cifar10")
 * @param label the paper's model name ("LDDGAN")
 * @param publisher the GitHub repository that publishes the files
 * @param directory the sub-directory of {@link ReleasedCheckpoints#ENV} that holds its files ("lddgan/cifar10")
 * @param generatorFile the generator's file name as the reference's test script loads it
 * @param generatorPreset the {@code presets/generator} configuration it loads into
 * @param space the space the generator works in
 * @param numSteps T, the denoising steps of the released run
 * @param autoencoderFile the first stage's file name (LDDGAN only, else null)
 * @param autoencoderPreset the {@code presets/autoencoder} configuration it loads into (or null)
 * @param dataset the data set ("CIFAR-10", "CelebA-HQ 256", "LSUN Church 256")
 * @param paperTable where the paper prints its numbers ("Table 3")
 * @param paperFid the printed FID
 * @param paperRecall the printed recall
 * @param paperTimeSeconds the printed time of a batch of 100 (RTX A5000; LDDGAN with the decoder)
 * @param paperRfid the autoencoder's printed reconstruction FID (Table 1), NaN without one
 * @param provenance what is known about the file: where the authors link it, and what is not sure
 */
public record ReleasedModel(String id, String label, String publisher, String directory, String generatorFile,
                            String generatorPreset, SpaceKind space, int numSteps, String autoencoderFile,
                            String autoencoderPreset, String dataset, String paperTable, double paperFid,
                            double paperRecall, double paperTimeSeconds, double paperRfid, String provenance) {

    /** The authors' LDDGAN repository. */
    public static final String LDDGAN_REPOSITORY = "thanhluantrinh/LDDGAN";
    /** DDGAN's repository. */
    public static final String DDGAN_REPOSITORY = "NVlabs/denoising-diffusion-gan";
    /** WDDGAN's repository. */
    public static final String WDDGAN_REPOSITORY = "VinAIResearch/WaveDiff";

    /** LDDGAN CIFAR-10: its README links netG_950.pth and the f = 2 KL autoencoder 16x16x4_551.ckpt (run.sh test). */
    public static final ReleasedModel LDDGAN_CIFAR10 = new ReleasedModel("lddgan-cifar10", "LDDGAN", LDDGAN_REPOSITORY,
            "lddgan/cifar10", "netG_950.pth", "lddgan-cifar10", SpaceKind.LATENT, 4, "16x16x4_551.ckpt", "cifar10-f2",
            "CIFAR-10", "Table 3", 2.98, 0.58, 0.08, 1.32,
            "README 'Checkpoints' and 'Autoencoder Checkpoints' links (Dropbox); run.sh test: --epoch_id 950, "
                    + "autoencoder/weight/16x16x4_551.ckpt");
    /** LDDGAN CelebA-HQ 256: run.sh tests epoch 725 with CELEBA_weight.ckpt; the README links point to CIFAR files. */
    public static final ReleasedModel LDDGAN_CELEBAHQ = new ReleasedModel("lddgan-celebahq", "LDDGAN", LDDGAN_REPOSITORY,
            "lddgan/celeba_256", "netG_725.pth", "lddgan-celebahq", SpaceKind.LATENT, 2, "CELEBA_weight.ckpt",
            "celebahq-vq-f4", "CelebA-HQ 256", "Table 4", 5.21, 0.40, 0.55, 0.58,
            "not sure it is released: the README's CelebA-HQ links point to the CIFAR-10 files (REFERENCE-CODE.md "
                    + "section 9); names from run.sh test (--epoch_id 725, autoencoder/weight/CELEBA_weight.ckpt)");
    /** LDDGAN LSUN Church 256: run.sh tests epoch 625 with LSUN_weight.ckpt; the README links point to CIFAR files. */
    public static final ReleasedModel LDDGAN_LSUN = new ReleasedModel("lddgan-lsun", "LDDGAN", LDDGAN_REPOSITORY,
            "lddgan/lsun", "netG_625.pth", "lddgan-lsun", SpaceKind.LATENT, 4, "LSUN_weight.ckpt", "lsun-kl-f8",
            "LSUN Church 256", "Table 5", 4.67, 0.42, 1.02, 1.14,
            "not sure it is released: the README's LSUN links point to the CIFAR-10 files (REFERENCE-CODE.md "
                    + "section 9); names from run.sh test (--epoch_id 625, autoencoder/weight/LSUN_weight.ckpt)");
    /** DDGAN CIFAR-10: the README's Google Drive saved_info directory, --epoch_id 1200. */
    public static final ReleasedModel DDGAN_CIFAR10 = new ReleasedModel("ddgan-cifar10", "DDGAN", DDGAN_REPOSITORY,
            "ddgan/cifar10", "netG_1200.pth", "ddgan-cifar10", SpaceKind.PIXEL, 4, null, null, "CIFAR-10", "Table 3",
            3.75, 0.57, 0.21, Double.NaN,
            "README 'Pretrained Checkpoints' (Google Drive saved_info/dd_gan/cifar10/ddgan_cifar10_exp1/, "
                    + "--epoch_id 1200)");
    /** WDDGAN CIFAR-10: the README links netG_1300.pth (Dropbox). */
    public static final ReleasedModel WDDGAN_CIFAR10 = new ReleasedModel("wddgan-cifar10", "WDDGAN", WDDGAN_REPOSITORY,
            "wddgan/cifar10", "netG_1300.pth", "wddgan-cifar10", SpaceKind.WAVELET, 4, null, null, "CIFAR-10",
            "Table 3", 4.01, 0.55, 0.08, Double.NaN,
            "README 'Results' table links netG_1300.pth (Dropbox; saved_info/wdd_gan/cifar10/<exp>/)");

    /** Every released model, LDDGAN first. */
    public static final List<ReleasedModel> ALL = List.of(LDDGAN_CIFAR10, LDDGAN_CELEBAHQ, LDDGAN_LSUN, DDGAN_CIFAR10,
            WDDGAN_CIFAR10);

    public ReleasedModel {
        if ((space == SpaceKind.LATENT) != (autoencoderFile != null && autoencoderPreset != null)) {
            throw new IllegalArgumentException("released model " + id + ": a latent-space model needs an autoencoder "
                    + "file and preset, the others none");
        }
    }

    /**
     * The model called {@code id}.
     *
     * @throws IllegalArgumentException listing the known ids
     */
    public static ReleasedModel of(String id) {
        return ALL.stream().filter(m -> m.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no released model '" + id + "'; known: " + ALL.stream().map(ReleasedModel::id).toList()));
    }

    /** Whether it has a first stage (LDDGAN). */
    public boolean hasAutoencoder() {
        return autoencoderFile != null;
    }

    /** Whether CIFAR-10 is its data set (the only one this project evaluates FID and rFID on without downloads). */
    public boolean isCifar10() {
        return dataset.equals("CIFAR-10");
    }
}
