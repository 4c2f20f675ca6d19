package lddgan.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import lddgan.schedule.FewStepVpSchedule;
import lddgan.schedule.Posterior;
import org.junit.jupiter.api.Test;

/** LDDGAN Algorithm 1's step: the contract plus its own properties. */
class PosteriorSamplerTest extends SamplerContractTest {
    private static final FewStepVpSchedule SCHEDULE = FewStepVpSchedule.of(4);

    @Override
    Sampler createSampler() {
        return new PosteriorSampler(SCHEDULE);
    }

    @Override
    int expectedNumSteps() {
        return 4;
    }

    @Test
    void visitsEveryStepFromTMinusOneDownToZero() {
        assertArrayEquals(new int[] {3, 2, 1, 0}, createSampler().timesteps());
        assertArrayEquals(new int[] {1, 0}, new PosteriorSampler(FewStepVpSchedule.of(2)).timesteps());
    }

    @Test
    void stepZeroReturnsTheModelOutputExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xt = m.randomNormal(SHAPE);
            NDArray x0 = m.randomUniform(-1, 1, SHAPE);
            StepResult r = createSampler().step(x0, 0, xt);
            assertArrayEquals(x0.toFloatArray(), r.xPrev().toFloatArray(), 0f);
            assertSame(x0, r.predictedX0());
        }
    }

    @Test
    void stepDrawsFromThePosterior() {
        Posterior p = SCHEDULE.posterior();
        Shape big = new Shape(50_000, 1, 2, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9);
            NDArray xt = m.full(big, 1f);
            NDArray x0 = m.full(big, -0.5f);
            NDArray xPrev = createSampler().step(x0, 3, xt).xPrev();
            float mean = xPrev.mean().getFloat();
            float var = xPrev.sub(mean).square().mean().getFloat();
            assertEquals(p.coef1(3) * -0.5 + p.coef2(3), mean, 0.01);
            assertEquals(p.variance(3), var, 0.02);
        }
    }

    @Test
    void rejectsStepsOutsideTheSchedule() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(SHAPE);
            assertThrows(IllegalArgumentException.class, () -> createSampler().step(x, 4, x));
        }
    }
}
