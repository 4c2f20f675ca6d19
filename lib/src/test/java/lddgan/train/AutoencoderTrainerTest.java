package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import lddgan.nn.NetworkStats;
import lddgan.autoencoder.Autoencoder;
import lddgan.autoencoder.PerceptualLoss;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-stage training loop (REFERENCE-CODE.md section 6): exact resume across the start of the adversarial
 * terms, the adaptive weight, reloading for inference, refusal of corrupted checkpoints.
 */
class AutoencoderTrainerTest {
    static final ImageSet DATA = SyntheticImages.generate(16, 32, 7);
    /** The smoke preset: ch 32, batch 4, patch GAN from step 2, no LPIPS file here. */
    static final AutoencoderTrainingConfig CONFIG = AutoencoderTrainingConfig.preset("cifar10-f2", Profile.SMOKE);

    @TempDir
    Path dir;

    private AutoencoderTrainer trainer(Path checkpoints, List<TrainingListener> listeners) throws IOException {
        AutoencoderTrainer.Builder b = AutoencoderTrainer.builder(CONFIG, DATA).seed(3).checkpoints(checkpoints, 0)
                .perceptual(PerceptualLoss.NONE);
        listeners.forEach(b::listener);
        return b.build();
    }

    private static List<float[]> state(AutoencoderTrainer t) {
        List<float[]> out = new ArrayList<>();
        for (NDArray a : NetworkStats.parameterArrays(t.autoencoder())) {
            out.add(a.toFloatArray());
        }
        return out;
    }

    @Test
    void resumedRunEqualsStraightRunAndAdversarialTermsStartAtDiscStart() throws IOException {
        assertEquals(2, CONFIG.discStart());
        List<AutoencoderStepRecord> records = new ArrayList<>();
        TrainingListener collect = r -> records.add((AutoencoderStepRecord) r);
        List<float[]> straight;
        try (AutoencoderTrainer t = trainer(dir.resolve("straight"), List.of(collect))) {
            t.train(TrainingBudget.steps(4));
            straight = state(t);
        }
        // before discStart: no adversarial term, no discriminator step
        assertTrue(Double.isNaN(records.get(1).generatorAdversarial()) && Double.isNaN(records.get(1).discriminatorLoss()));
        assertEquals(0.0, records.get(1).adaptiveWeight());
        // from discStart: d_weight = 0.5 clamp(||grad nll|| / (||grad g|| + 1e-4)) is positive and finite
        AutoencoderStepRecord third = records.get(2);
        assertTrue(third.adaptiveWeight() > 0 && third.adaptiveWeight() <= 0.5e4, "d_weight " + third.adaptiveWeight());
        assertTrue(Double.isFinite(third.discriminatorLoss()) && Double.isFinite(third.generatorAdversarial()));
        assertEquals(0.0, third.perceptual(), "perceptual: none");

        Path resumed = dir.resolve("resumed");
        try (AutoencoderTrainer t = trainer(resumed, List.of())) {
            t.train(TrainingBudget.steps(3));
        }
        List<float[]> after;
        try (AutoencoderTrainer t = trainer(resumed, List.of())) {
            assertEquals(3, t.step());
            t.train(TrainingBudget.steps(4));
            after = state(t);
        }
        double maxDiff = 0;
        for (int i = 0; i < straight.size(); i++) {
            for (int j = 0; j < straight.get(i).length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(straight.get(i)[j] - after.get(i)[j]));
            }
        }
        assertEquals(0.0, maxDiff, "3 steps + resume + 1 step vs 4 steps");

        // the checkpoint reloads for inference and encodes to the 4x16x16 latent
        try (NDManager m = NDManager.newBaseManager()) {
            Autoencoder ae = AutoencoderTrainer.load(AutoencoderTrainer.lastOf(resumed), m);
            NDArray z = ae.encodeMode(DATA.batch(m, 0, 2));
            assertEquals(new ai.djl.ndarray.types.Shape(2, 4, 16, 16), z.getShape());
        }
    }

    @Test
    void corruptedCheckpointIsRefusedNamingTheFile() throws IOException {
        Path ckpt = dir.resolve("c");
        try (AutoencoderTrainer t = trainer(ckpt, List.of())) {
            t.train(TrainingBudget.steps(1));
        }
        Path step = AutoencoderTrainer.lastOf(ckpt);
        Path params = step.resolve(AutoencoderTrainer.AUTOENCODER_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(params, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> AutoencoderTrainer.load(step, m));
            assertTrue(e.getMessage().contains(AutoencoderTrainer.AUTOENCODER_FILE), e.getMessage());
        }
        IOException e = assertThrows(IOException.class, () -> trainer(ckpt, List.of()));
        assertTrue(e.getMessage().contains(AutoencoderTrainer.AUTOENCODER_FILE), e.getMessage());
    }

    @Test
    void wrongPerceptualLossIsRefused() {
        AutoencoderTrainingConfig lpips = AutoencoderTrainingConfig.preset("cifar10-f2", Profile.PAPER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                AutoencoderTrainer.builder(lpips, SyntheticImages.generate(32, 32, 7)).perceptual(PerceptualLoss.NONE).build());
        assertTrue(e.getMessage().contains("perceptual"), e.getMessage());
    }
}
