package lddgan.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import lddgan.schedule.DiscreteSchedule;
import org.junit.jupiter.api.Test;

/** DDPM ancestral and DDIM samplers against their definitions (DDPM Algorithm 2; DDIM Eq. (12)). */
class DiscreteSamplersTest {
    private static final DiscreteSchedule LINEAR = DiscreteSchedule.of(DiscreteSchedule.Kind.LINEAR, 1000);
    /** A fixed "network": eps = 0.3 x_t + 0.1. */
    private static final Denoiser AFFINE = (xt, step) -> xt.mul(0.3f).add(0.1f);

    @Test
    void timestepsAreAllStepsForDdpmAndEvenlySpacedForDdim() {
        int[] ddpm = new DdpmSampler(LINEAR).timesteps();
        assertEquals(1000, ddpm.length);
        assertEquals(999, ddpm[0]);
        assertEquals(0, ddpm[999]);
        int[] ddim = new DdimSampler(LINEAR, 50, 0).timesteps();
        assertEquals(50, ddim.length);
        assertEquals(980, ddim[0]);
        assertEquals(960, ddim[1]);
        assertEquals(0, ddim[49]);
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(LINEAR, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(LINEAR, 10, 1.5));
    }

    @Test
    void ddimWithEtaZeroIsDeterministicAndCountsItsEvaluations() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xT = m.randomNormal(new Shape(2, 4, 4, 4));
            Engine.getInstance().setRandomSeed(1);
            SamplingResult a = SamplingLoop.run(AFFINE, new DdimSampler(LINEAR, 20, 0), xT);
            Engine.getInstance().setRandomSeed(2);
            SamplingResult b = SamplingLoop.run(AFFINE, new DdimSampler(LINEAR, 20, 0), xT);
            assertEquals(20, a.nfe());
            assertArrayEquals(a.x0().toFloatArray(), b.x0().toFloatArray(), 0f);
            Engine.getInstance().setRandomSeed(1);
            SamplingResult c = SamplingLoop.run(AFFINE, new DdimSampler(LINEAR, 20, 1), xT);
            Engine.getInstance().setRandomSeed(2);
            SamplingResult d = SamplingLoop.run(AFFINE, new DdimSampler(LINEAR, 20, 1), xT);
            assertTrue(c.x0().sub(d.x0()).abs().max().getFloat() > 0, "eta = 1 draws noise");
        }
    }

    @Test
    void ddimWithEveryStepAndEtaOneIsDdpmsAncestralStep() {
        DdimSampler ddim = new DdimSampler(LINEAR, 1000, 1);
        DdpmSampler ddpm = new DdpmSampler(LINEAR);
        // the posterior's float32 tables lose digits in 1 - alphaBar near t = 0 (relative error ~1e-5 per term)
        for (int t : new int[] {999, 500, 10, 1}) {
            assertEquals(LINEAR.posterior().variance(t), ddim.sigma(t) * ddim.sigma(t), 2e-4 * LINEAR.posterior().variance(t) + 1e-12,
                    "sigma^2 = beta-tilde at " + t);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xt = m.randomNormal(new Shape(3, 4, 2, 2));
            for (int t : new int[] {999, 500, 10, 1, 0}) {
                NDArray eps = AFFINE.predict(xt, t);
                Engine.getInstance().setRandomSeed(7);
                NDArray a = ddim.step(eps, t, xt).xPrev();
                Engine.getInstance().setRandomSeed(7);
                NDArray b = ddpm.step(eps, t, xt).xPrev();
                assertTrue(a.sub(b).abs().max().getFloat() < 2e-4, "step " + t + ": " + a.sub(b).abs().max().getFloat());
            }
            // the deterministic mean of DDIM(eta = 0) differs from DDPM's: it keeps the whole noise direction
            NDArray eps = AFFINE.predict(xt, 500);
            NDArray ddim0 = new DdimSampler(LINEAR, 1000, 0).step(eps, 500, xt).xPrev();
            NDArray mean = LINEAR.posterior().posteriorMean(LINEAR.predictX0(xt, eps, 500), xt, 500);
            assertTrue(ddim0.sub(mean).abs().max().getFloat() > 1e-4);
        }
    }
}
