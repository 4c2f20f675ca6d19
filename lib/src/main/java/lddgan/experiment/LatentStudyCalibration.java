package lddgan.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lddgan.autoencoder.Autoencoder;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.space.DataSpace;
import lddgan.train.AutoencoderTrainingConfig;
import lddgan.train.DiffusionTrainingConfig;
import lddgan.train.TrainingConfig;

/**
 * Calibrates notebook 07's matched budgets ({@link MatchedBudget}): measures each GAN of the compression study on its
 * own latent and each epsilon network of the conditioning comparison on the f = 2 latent, and prints the step counts
 * that train each for the target time: {@code make calibrate-study PROFILE=cpu SECONDS=90 DIFFUSION_SECONDS=150}. The first stages are
 * untrained autoencoders of the study's presets (a step costs the same: the GAN encodes every batch with the same
 * network), so the calibration runs before notebook 07 has trained anything. Run it on a quiet machine and write the
 * counts into {@code presets/experiments/07-latent-diffusion-study.json}.
 */
public final class LatentStudyCalibration {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatentStudyCalibration() {
    }

    /** The data space of a factor with an untrained first stage of its preset at {@code profile} (pixels for f = 1). */
    static DataSpace untrainedSpace(CompressionStudy.Factor factor, TrainingConfig config, Profile profile,
            NDManager manager) throws IOException {
        return TrainingSetup.space(config, () -> {
            Autoencoder ae = new Autoencoder(AutoencoderTrainingConfig.preset(factor.autoencoder(), profile).autoencoder());
            ae.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            return ae;
        });
    }

    /**
     * Arguments: GAN seconds [epsilon-network seconds (default: the GANs')] [warm-up steps] [timed steps];
     * LDDGAN_PROFILE selects the profile.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LatentStudyCalibration GAN_SECONDS [DIFFUSION_SECONDS] [WARMUP_STEPS] [TIMED_STEPS]");
            System.exit(2);
        }
        double seconds = Double.parseDouble(args[0]);
        double diffusionSeconds = args.length > 1 ? Double.parseDouble(args[1]) : seconds;
        long warmup = MatchedBudget.argument(args, 2, MatchedBudget.WARMUP_STEPS);
        long timed = MatchedBudget.argument(args, 3, MatchedBudget.TIMED_STEPS);
        Profile profile = Profile.current();
        LatentStudyBudget budget = Experiment.load(LatentStudyBudget.EXPERIMENT, profile, LatentStudyBudget.class).budget();
        ImageSet train = TrainingSetup.cifar10Train(profile, 512);
        List<MatchedBudget.Rate> gans = new ArrayList<>();
        List<MatchedBudget.Rate> diffusion = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (CompressionStudy.Factor factor : CompressionStudy.FACTORS) {
                TrainingConfig config = ModelRun.sized(TrainingConfig.preset(factor.gan(), profile),
                        budget.ganSteps(factor.gan()), train.size());
                try (NDManager scope = manager.newSubManager()) {
                    MatchedBudget.Rate r = MatchedBudget.measure(config, untrainedSpace(factor, config, profile, scope),
                            train, 0, warmup, timed);
                    gans.add(new MatchedBudget.Rate(factor.gan(), r.steps(), r.seconds()));
                    print(factor.label() + " " + factor.gan(), r);
                }
            }
            CompressionStudy.Factor f2 = CompressionStudy.FACTORS.get(1);
            TrainingConfig latent = TrainingConfig.preset(f2.gan(), profile);
            for (String preset : DiffusionStudy.CONDITIONING) {
                try (NDManager scope = manager.newSubManager()) {
                    MatchedBudget.Rate r = MatchedBudget.measure(DiffusionTrainingConfig.preset(preset, profile),
                            untrainedSpace(f2, latent, profile, scope), train, 0, warmup, timed);
                    diffusion.add(new MatchedBudget.Rate(preset, r.steps(), r.seconds()));
                    print(preset, r);
                }
            }
        }
        System.out.println("profile " + profile.id() + ", GANs " + seconds + " s, epsilon networks " + diffusionSeconds
                + " s each: \"ganSteps\": " + JSON.writeValueAsString(MatchedBudget.stepsFor(seconds, gans))
                + ", \"diffusionSteps\": " + JSON.writeValueAsString(MatchedBudget.stepsFor(diffusionSeconds, diffusion)));
    }

    private static void print(String what, MatchedBudget.Rate r) {
        System.out.printf(Locale.ROOT, "%s: %d steps in %.2f s = %.3f steps/s%n", what, r.steps(), r.seconds(),
                r.stepsPerSecond());
    }
}
