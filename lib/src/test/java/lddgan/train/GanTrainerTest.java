package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lddgan.config.Profile;
import lddgan.data.ImageSet;
import lddgan.data.SyntheticImages;
import lddgan.space.DataSpace;
import lddgan.space.HaarStandInFirstStage;
import lddgan.space.LatentSpace;
import lddgan.space.PixelSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop's guarantees: exact resume (2n steps = n + resume + n, weights to 1e-6), refusal of foreign or
 * corrupted checkpoints without overwriting anything, a NaN stop that keeps the last good checkpoint.
 */
class GanTrainerTest {
    /** 32 synthetic images, batch 8: 4 steps per epoch; R1 every 2 steps. */
    static final ImageSet DATA = SyntheticImages.generate(32, 32, 5);
    static final TrainingConfig CONFIG = TrainingConfig.preset("ddgan-cifar10", Profile.SMOKE).withLazyReg(2);

    @TempDir
    Path tmp;

    @Test
    void resumingContinuesExactly() throws IOException {
        int n = 3;
        Map<String, float[]> straight;
        try (GanTrainer t = trainer(tmp.resolve("straight"))) {
            t.train(TrainingBudget.steps(2L * n));
            straight = state(t);
        }
        Path split = tmp.resolve("split");
        double firstCall;
        try (GanTrainer t = trainer(split)) {
            firstCall = t.train(TrainingBudget.steps(n)).wallSeconds();
            assertEquals(firstCall, t.trainingSeconds(), 1e-9, "one call: its wall time");
        }
        Map<String, float[]> resumed;
        try (GanTrainer t = trainer(split)) {
            assertEquals(n, t.step(), "resumed at the checkpoint's step");
            // the seconds recorded when the checkpoint was written, within the first call
            double atCheckpoint = t.trainingSeconds();
            assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(t.lastCheckpoint()
                    .resolve(lddgan.checkpoint.CheckpointManifest.FILE).toFile()).get("trainingSeconds").asDouble(),
                    atCheckpoint, 0, "the manifest's training seconds");
            assertTrue(atCheckpoint > 0 && atCheckpoint <= firstCall, atCheckpoint + " s of a " + firstCall + " s call");
            double secondCall = t.train(TrainingBudget.steps(2L * n)).wallSeconds();
            assertEquals(atCheckpoint + secondCall, t.trainingSeconds(), 1e-9, "the earlier seconds go on counting");
            resumed = state(t);
        }
        assertEquals(straight.keySet(), resumed.keySet());
        double maxDiff = 0;
        for (String key : straight.keySet()) {
            float[] a = straight.get(key);
            float[] b = resumed.get(key);
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
        }
        System.out.println("resume: max |difference| over G, D, EMA weights and Adam moments = " + maxDiff);
        assertTrue(maxDiff <= 1e-6, "max difference " + maxDiff);
    }

    @Test
    void trainingInTurnsWithAnotherModelEqualsTrainingAtOnce() throws IOException {
        // SeededComparison's turns: two runs alternate train() calls of a few steps; each step draws from (seed, step),
        // so neither run depends on the split nor on the other's steps in between
        Map<String, float[]> atOnce;
        try (GanTrainer t = trainer(tmp.resolve("once"))) {
            t.train(TrainingBudget.steps(3));
            atOnce = state(t);
        }
        Map<String, float[]> inTurns;
        try (GanTrainer a = trainer(tmp.resolve("a"));
             GanTrainer other = GanTrainer.builder(CONFIG, new PixelSpace(), DATA).seed(9).build()) {
            for (long target : new long[] {1, 3}) {
                a.train(TrainingBudget.steps(target));
                other.train(TrainingBudget.steps(other.step() + 1));
            }
            inTurns = state(a);
        }
        assertEquals(atOnce.keySet(), inTurns.keySet());
        for (String key : atOnce.keySet()) {
            assertArrayEquals(atOnce.get(key), inTurns.get(key), key);
        }
    }

    @Test
    void trainingChangesTheWeightsAndTheEmaLags() throws IOException {
        try (GanTrainer t = trainer(null)) {
            Map<String, float[]> before = state(t);
            t.train(TrainingBudget.steps(2));
            Map<String, float[]> after = state(t);
            String gKey = before.keySet().stream().filter(k -> k.startsWith("G/")).findFirst().orElseThrow();
            assertFalse(java.util.Arrays.equals(before.get(gKey), after.get(gKey)), "G changed");
            // ema = d ema + (1 - d) theta: with d = 0.9 the EMA moved by 10 % of the way at most
            String eKey = "EMA/" + gKey.substring(2);
            assertFalse(java.util.Arrays.equals(before.get(eKey), after.get(eKey)), "EMA changed");
        }
    }

    @Test
    void anotherPresetOrACorruptedFileIsRefusedAndNothingIsOverwritten() throws IOException {
        Path dir = tmp.resolve("run");
        try (GanTrainer t = trainer(dir)) {
            t.train(TrainingBudget.steps(1));
        }
        Map<Path, String> before = snapshot(dir);
        // another preset
        TrainingConfig other = TrainingConfig.preset("wddgan-cifar10", Profile.SMOKE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanTrainer.builder(other,
                new lddgan.space.WaveletSpace(), DATA).checkpoints(dir, 0).build().close());
        assertTrue(e.getMessage().contains("ddgan-cifar10@smoke") && e.getMessage().contains("wddgan-cifar10@smoke"),
                e.getMessage());
        // another configuration of the same preset
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> GanTrainer.builder(
                CONFIG.withLazyReg(3), new PixelSpace(), DATA).checkpoints(dir, 0).build().close());
        assertTrue(c.getMessage().contains("lazyReg"), c.getMessage());
        // a fresh run into a directory with checkpoints
        assertThrows(IllegalStateException.class,
                () -> GanTrainer.builder(CONFIG, new PixelSpace(), DATA).checkpoints(dir, 0).resume(false).build().close());
        assertEquals(before, snapshot(dir), "nothing was written");
        // a corrupted file
        Path checkpoint;
        try (Stream<Path> s = Files.list(dir)) {
            checkpoint = s.filter(p -> p.getFileName().toString().startsWith("step-")).findFirst().orElseThrow();
        }
        Path params = checkpoint.resolve("generator.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(params, bytes);
        Map<Path, String> corrupted = snapshot(dir);
        IOException io = assertThrows(IOException.class, () -> trainer(dir).close());
        assertTrue(io.getMessage().contains("generator.params") && io.getMessage().contains("corrupted"), io.getMessage());
        assertEquals(corrupted, snapshot(dir), "nothing was written");
    }

    @Test
    void aNanLossStopsTrainingAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path dir = tmp.resolve("nan");
        DataSpace poisoned = new PoisonedSpace(3);
        try (GanTrainer t = GanTrainer.builder(CONFIG, poisoned, DATA).checkpoints(dir, 1).build()) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> t.train(TrainingBudget.steps(10)));
            assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("step 3"), e.getMessage());
            // D's update of step 3 may already be applied in memory: the message must not claim otherwise
            assertTrue(e.getMessage().contains("nothing of this step was written to disk")
                    && e.getMessage().contains("resume from a checkpoint")
                    && !e.getMessage().contains("before this step's update"), e.getMessage());
            assertNotNull(e.lastCheckpoint());
            assertTrue(e.lastCheckpoint().endsWith("step-0000000002"), e.lastCheckpoint().toString());
            assertEquals(2, t.step());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("step-0000000001", "step-0000000002"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aRunThatFailsWritingReportsWhyInItsSummary() throws IOException {
        Path blocker = tmp.resolve("blocker");
        Files.writeString(blocker, "a file where the checkpoint folder should be");
        List<TrainingSummary> ends = new java.util.ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(StepMetrics record) {
            }

            @Override
            public void onEnd(TrainingSummary summary) {
                ends.add(summary);
            }
        };
        try (GanTrainer t = GanTrainer.builder(CONFIG, new PixelSpace(), DATA).checkpoints(blocker.resolve("ckpt"), 1)
                .listener(listener).build()) {
            IOException e = assertThrows(IOException.class, () -> t.train(TrainingBudget.steps(2)));
            assertEquals(1, ends.size());
            String reason = ends.get(0).reason();
            assertNotNull(reason, "the summary says why the run stopped");
            assertTrue(reason.contains("failed at step 1") && reason.contains(e.getMessage()), reason);
        }
    }

    @Test
    void aCheckpointIsNeverResumedWithAnotherFirstStage() throws IOException {
        Path dir = tmp.resolve("latent");
        TrainingConfig lddgan = TrainingConfig.preset("lddgan-cifar10", Profile.SMOKE);
        try (GanTrainer t = GanTrainer.builder(lddgan, latentOf("run A"), DATA).checkpoints(dir, 1).build()) {
            t.train(TrainingBudget.steps(1));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GanTrainer.builder(lddgan, latentOf("run B"), DATA).checkpoints(dir, 1).build().close());
        assertTrue(e.getMessage().contains("run A") && e.getMessage().contains("run B")
                && e.getMessage().contains("Start over: delete " + dir), e.getMessage());
        try (GanTrainer t = GanTrainer.builder(lddgan, latentOf("run A"), DATA).checkpoints(dir, 1).build()) {
            assertEquals(1, t.step(), "the same first stage resumes");
        }
    }

    @Test
    void weightedLearningFollowsTheRunsStepsWhenGivenItsLengthAndTheEpochOtherwise() throws IOException {
        // N = 2 epochs of 4 steps; a run of 6 steps: lambda = 1 / (1 + exp(-6 + 12 s / 6)) at step s, else per epoch
        TrainingConfig lddgan = TrainingConfig.preset("lddgan-cifar10", Profile.SMOKE).withEpochs(2);
        for (long runSteps : new long[] {6, 0}) {
            List<Double> weights = new ArrayList<>();
            TrainingListener record = m -> weights.add(((StepRecord) m).recWeight());
            try (GanTrainer t = GanTrainer.builder(lddgan, latentOf("wl"), DATA).runSteps(runSteps).listener(record).build()) {
                t.train(TrainingBudget.steps(6));
            }
            for (int s = 0; s < 6; s++) {
                double phi = runSteps > 0 ? -6 + 12.0 * s / 6 : -6 + 12.0 * (s / 4) / 2;
                assertEquals(1 / (1 + Math.exp(phi)), weights.get(s), 1e-12, "w at step " + s + ", runSteps " + runSteps);
            }
        }
    }

    /** The Haar stand-in latent, its weights' identity named {@code identity}. */
    private static DataSpace latentOf(String identity) {
        return new LatentSpace(new HaarStandInFirstStage(identity));
    }

    @Test
    void samplesComeFromTheEmaGeneratorInImageSpace() throws IOException {
        try (GanTrainer t = trainer(null); NDManager m = NDManager.newBaseManager()) {
            NDArray a = t.sample(m, 6, 4, 7);
            NDArray b = t.sample(m, 6, 4, 7);
            assertEquals(new Shape(6, 3, 32, 32), a.getShape());
            assertTrue(a.max().getFloat() <= 1f && a.min().getFloat() >= -1f);
            assertEquals(0f, a.sub(b).abs().max().getFloat(), "same seed, same samples");
        }
    }

    private static GanTrainer trainer(Path dir) throws IOException {
        GanTrainer.Builder b = GanTrainer.builder(CONFIG, new PixelSpace(), DATA).seed(11);
        if (dir != null) {
            b.checkpoints(dir, 0);
        }
        return b.build();
    }

    /** Every weight of G, D and the EMA and both optimizers' moments, by name. */
    static Map<String, float[]> state(GanTrainer t) {
        Map<String, float[]> out = new TreeMap<>();
        put(out, "G/", t.generator());
        put(out, "D/", t.discriminator());
        put(out, "EMA/", t.emaGenerator());
        out.putAll(t.optimizerMoments());
        return out;
    }

    private static void put(Map<String, float[]> out, String prefix, Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(prefix + p.getKey(), p.getValue().getArray().toFloatArray());
        }
    }

    static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p), lddgan.data.Download.sha256(p));
            }
        }
        return out;
    }

    /** Pixel space whose n-th encode returns NaN (a stand-in for a diverging run). */
    private static final class PoisonedSpace implements DataSpace {
        private final PixelSpace pixels = new PixelSpace();
        private final int poisonedCall;
        private int calls;

        PoisonedSpace(int poisonedCall) {
            this.poisonedCall = poisonedCall;
        }

        @Override
        public NDArray encode(NDArray images) {
            NDArray x = pixels.encode(images);
            return ++calls == poisonedCall ? x.mul(Float.NaN) : x;
        }

        @Override
        public NDArray decode(NDArray x) {
            return pixels.decode(x);
        }

        @Override
        public Shape spaceShape(Shape imageShape) {
            return pixels.spaceShape(imageShape);
        }

        @Override
        public String name() {
            return pixels.name();
        }

        @Override
        public double scaleFactor() {
            return 1;
        }
    }

    @SuppressWarnings("unused")
    private static List<String> names(List<Path> paths) {
        List<String> out = new ArrayList<>();
        paths.forEach(p -> out.add(p.getFileName().toString()));
        return out;
    }
}
