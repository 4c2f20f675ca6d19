package lddgan.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import lddgan.nn.MicroBatch;
import lddgan.nn.MicroBatchSetting;
import lddgan.sampling.GanDenoiser;
import lddgan.sampling.PosteriorSampler;
import lddgan.sampling.SamplingLoop;
import lddgan.schedule.FewStepVpSchedule;
import org.junit.jupiter.api.Test;

/**
 * Algorithm 1 with the generator run in micro-batches ({@link MicroBatch}) draws the samples of whole batches: the
 * same x_T, z and posterior noise, every sample computed on its own, so only the float rounding of the engine's
 * convolution algorithm for a batch size may differ.
 */
class MicroBatchSamplingTest {
    private static float[] sample(NcsnppGenerator g, NDManager m, String microBatch) {
        return MicroBatchSetting.with(microBatch, () -> {
            Engine.getInstance().setRandomSeed(5);
            NDArray xT = m.randomNormal(g.config().xShape(7));
            return SamplingLoop.run(new GanDenoiser(g, g.config().nz()), new PosteriorSampler(FewStepVpSchedule.of(4)), xT)
                    .x0().toFloatArray();
        });
    }

    @Test
    void microBatchesOfThreeDrawTheSamplesOfOneBatchOfSeven() {
        try (NDManager m = NDManager.newBaseManager()) {
            NcsnppGenerator g = new NcsnppGenerator(GeneratorConfig.preset(GeneratorConfig.DDGAN_CIFAR10).withNf(8));
            // every weight drawn, so that x0' is O(1) (the reference init makes the output layer's weights 1e-10)
            g.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            g.initialize(m, 1);
            float[] whole = sample(g, m, "0");
            float[] split = sample(g, m, "3");
            assertEquals(whole.length, split.length);
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < whole.length; i++) {
                worst = Math.max(worst, Math.abs(whole[i] - split[i]));
                scale = Math.max(scale, Math.abs(whole[i]));
            }
            assertTrue(scale > 0.1, "the samples are not trivially zero: max |x0| " + scale);
            assertTrue(worst <= 1e-4 * Math.max(1, scale), "max |whole - micro-batched| = " + worst + " of " + scale);
        }
    }
}
