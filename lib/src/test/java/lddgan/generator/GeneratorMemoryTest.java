package lddgan.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import lddgan.sampling.GanDenoiser;
import lddgan.sampling.PosteriorSampler;
import lddgan.sampling.SamplingLoop;
import lddgan.schedule.FewStepVpSchedule;
import org.junit.jupiter.api.Test;

/**
 * Sampling leaves nothing behind in the manager that owns the weights (DEVELOPERS.md "DJL hygiene"): a regression
 * test for views of affine GroupNorm parameters that used to stay attached to it, four arrays per step.
 */
class GeneratorMemoryTest {
    @Test
    void repeatedSamplingKeepsTheArrayCountFlat() {
        try (NDManager m = NDManager.newBaseManager()) {
            NcsnppGenerator g = new NcsnppGenerator(GeneratorConfig.preset(GeneratorConfig.LDDGAN_CIFAR10).withNf(8));
            g.initialize(m, 1);
            GanDenoiser denoiser = new GanDenoiser(g, g.config().nz());
            PosteriorSampler sampler = new PosteriorSampler(FewStepVpSchedule.of(4));
            NDArray xT = m.randomNormal(g.config().xShape(2));
            SamplingLoop.run(denoiser, sampler, xT).x0().close();
            int before = m.getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                SamplingLoop.run(denoiser, sampler, xT).x0().close();
            }
            assertEquals(before, m.getManagedArrays().size(), "arrays left in the weights' manager after 5 sampling passes");
        }
    }
}
