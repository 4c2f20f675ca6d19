package lddgan.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Sampler} passes (the diffusers common scheduler test): timesteps,
 * shapes, manager hygiene and determinism under a fixed seed. Subclasses name the sampler.
 */
abstract class SamplerContractTest {
    static final Shape SHAPE = new Shape(3, 4, 8, 8);

    /** The sampler under test. */
    abstract Sampler createSampler();

    /** The number of steps the sampler should visit. */
    abstract int expectedNumSteps();

    /** A deterministic stand-in network: a fixed contraction of x_t. */
    static final Denoiser CONTRACTION = (xt, step) -> xt.mul(0.5f);

    @Test
    void timestepsAreDistinctDecreasingAndEndAtZero() {
        Sampler sampler = createSampler();
        int[] steps = sampler.timesteps();
        assertEquals(expectedNumSteps(), steps.length);
        for (int i = 1; i < steps.length; i++) {
            assertTrue(steps[i] < steps[i - 1], "timesteps must decrease: " + Arrays.toString(steps));
        }
        assertEquals(0, steps[steps.length - 1]);
        steps[0] = -99;
        assertTrue(sampler.timesteps()[0] >= 0, "timesteps() must return a copy");
    }

    @Test
    void stepKeepsShapesAndLeavesOnlyItsResultsBehind() {
        Sampler sampler = createSampler();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xt = m.randomNormal(SHAPE);
            NDArray modelOutput = m.randomNormal(SHAPE);
            for (int step : sampler.timesteps()) {
                int before = ((BaseNDManager) m).getManagedArrays().size();
                StepResult r = sampler.step(modelOutput, step, xt);
                assertEquals(SHAPE, r.xPrev().getShape());
                assertEquals(SHAPE, r.predictedX0().getShape());
                assertTrue(((BaseNDManager) m).getManagedArrays().size() <= before + 2, "a step leaks arrays");
            }
        }
    }

    @Test
    void sameSeedSameSamples() {
        Sampler sampler = createSampler();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2024);
            SamplingResult first = SamplingLoop.run(CONTRACTION, sampler, m, SHAPE);
            Engine.getInstance().setRandomSeed(2024);
            SamplingResult second = SamplingLoop.run(CONTRACTION, sampler, m, SHAPE);
            assertEquals(SHAPE, first.x0().getShape());
            assertEquals(expectedNumSteps(), first.nfe());
            assertArrayEquals(first.x0().toFloatArray(), second.x0().toFloatArray(), 0f);
            Engine.getInstance().setRandomSeed(2025);
            SamplingResult third = SamplingLoop.run(CONTRACTION, sampler, m, SHAPE);
            assertTrue(!Arrays.equals(first.x0().toFloatArray(), third.x0().toFloatArray()),
                    "another seed gives other samples");
        }
    }
}
