package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.sampling.DdimSampler;
import lddgan.space.HaarStandInFirstStage;
import lddgan.space.LatentSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diffusion baseline's training loop: exact resume, the loss falls, samples come out in image space. */
class DiffusionTrainerTest {
    static final ImageSet DATA = SyntheticImages.generate(32, 32, 5);
    static final DiffusionTrainingConfig CONFIG = DiffusionTrainingConfig.preset("eps-latent-cifar10", Profile.SMOKE);

    @TempDir
    Path tmp;

    private DiffusionTrainer trainer(Path dir) throws IOException {
        return DiffusionTrainer.builder(CONFIG, new LatentSpace(new HaarStandInFirstStage()), DATA).seed(5)
                .checkpoints(dir, 0).build();
    }

    @Test
    void resumingContinuesExactly() throws IOException {
        Map<String, float[]> straight;
        try (DiffusionTrainer t = trainer(tmp.resolve("straight"))) {
            t.train(TrainingBudget.steps(6));
            straight = state(t);
        }
        try (DiffusionTrainer t = trainer(tmp.resolve("split"))) {
            t.train(TrainingBudget.steps(3));
        }
        Map<String, float[]> resumed;
        try (DiffusionTrainer t = trainer(tmp.resolve("split"))) {
            assertEquals(3, t.step());
            t.train(TrainingBudget.steps(6));
            resumed = state(t);
        }
        double max = 0;
        for (String k : straight.keySet()) {
            float[] a = straight.get(k);
            float[] b = resumed.get(k);
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
        }
        assertTrue(max <= 1e-6, "max |difference| " + max);
    }

    @Test
    void samplesAreDecodedImagesAndDdimCountsItsSteps() throws IOException {
        try (DiffusionTrainer t = trainer(tmp.resolve("s")); NDManager m = NDManager.newBaseManager()) {
            t.train(TrainingBudget.steps(2));
            NDArray images = t.sample(m, new DdimSampler(t.schedule(), 5, 0), 3, 2, 1, null, 2.0);
            assertEquals(new ai.djl.ndarray.types.Shape(3, 3, 32, 32), images.getShape());
            NDArray again = t.sample(m, new DdimSampler(t.schedule(), 5, 0), 3, 2, 1, null, 2.0);
            assertEquals(0f, images.sub(again).abs().max().getFloat(), 0f, "a seed repeats the samples");
        }
    }

    /** Issue 25: the cross-attention network trains (gradients reach tau_theta(y)) and samples under guidance. */
    @Test
    void crossAttentionNetworkTrainsAndSamplesWithGuidance() throws IOException {
        DiffusionTrainingConfig cross = DiffusionTrainingConfig.preset(DiffusionTrainingConfig.LATENT_CIFAR10_XATTN,
                Profile.SMOKE);
        assertTrue(cross.network().crossAttends());
        assertEquals(64, cross.network().contextDim(), "512 scaled by nf 16 / 128");
        assertEquals(4, cross.network().headChannels(), "32 scaled by nf 16 / 128");
        try (DiffusionTrainer t = DiffusionTrainer.builder(cross, new LatentSpace(new HaarStandInFirstStage()), DATA)
                .seed(5).checkpoints(tmp.resolve("x"), 0).build(); NDManager m = NDManager.newBaseManager()) {
            float[] encoderBefore = classEncoder(t);
            t.train(TrainingBudget.steps(2));
            float[] encoderAfter = classEncoder(t);
            double moved = 0;
            for (int i = 0; i < encoderBefore.length; i++) {
                moved = Math.max(moved, Math.abs(encoderAfter[i] - encoderBefore[i]));
            }
            assertTrue(moved > 0, "Adam moved the class encoder: gradients flow through the cross-attention");
            NDArray images = t.sample(m, new DdimSampler(t.schedule(), 5, 0), 3, 2, 1, null, 2.0);
            assertEquals(new ai.djl.ndarray.types.Shape(3, 3, 32, 32), images.getShape());
        }
    }

    private static float[] classEncoder(DiffusionTrainer t) {
        for (Pair<String, Parameter> p : t.network().getParameters()) {
            if (p.getKey().contains("class_encoder")) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no class encoder in " + t.network().getParameters().keys());
    }

    private static Map<String, float[]> state(DiffusionTrainer t) {
        Map<String, float[]> out = new TreeMap<>();
        put(out, "net/", t.network());
        put(out, "ema/", t.emaNetwork());
        return out;
    }

    private static void put(Map<String, float[]> out, String prefix, Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(prefix + p.getKey(), p.getValue().getArray().toFloatArray());
        }
    }
}
