package lddgan.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lddgan.schedule.FewStepVpSchedule;
import org.junit.jupiter.api.Test;

/** The loop of LDDGAN Algorithm 1 with recording fake denoisers and generators. */
class SamplingLoopTest {
    private static final Shape SHAPE = new Shape(2, 4, 16, 16);
    private static final Sampler SAMPLER = new PosteriorSampler(FewStepVpSchedule.of(4));

    /** x0' = 10 + step, a different constant at every step; records steps and live-array counts. */
    private static final class RecordingDenoiser implements Denoiser {
        final List<Integer> steps = new ArrayList<>();
        final List<Integer> liveArrays = new ArrayList<>();
        final BaseNDManager root;

        RecordingDenoiser(NDManager root) {
            this.root = (BaseNDManager) root;
        }

        @Override
        public NDArray predict(NDArray xt, int step) {
            steps.add(step);
            liveArrays.add(root.getManagedArrays().size());
            return xt.getManager().full(xt.getShape(), 10f + step);
        }
    }

    @Test
    void callsTheDenoiserOncePerStepAndReturnsTheLastX0() {
        try (NDManager m = NDManager.newBaseManager()) {
            RecordingDenoiser denoiser = new RecordingDenoiser(m);
            NDArray xT = m.randomNormal(SHAPE);
            float[] xTBefore = xT.toFloatArray();
            SamplingResult result = SamplingLoop.run(denoiser, SAMPLER, xT);
            assertEquals(List.of(3, 2, 1, 0), denoiser.steps);
            assertEquals(4, result.nfe());
            // the last step (0) has no noise and returns its x0' = 10 + 0 exactly
            float[] x0 = result.x0().toFloatArray();
            for (float v : x0) {
                assertEquals(10f, v, 0f);
            }
            assertArrayEquals(xTBefore, xT.toFloatArray(), 0f, "x_T is left untouched");
            assertEquals(m, xT.getManager());
            assertEquals(m, result.x0().getManager());
        }
    }

    @Test
    void memoryStaysFlatAcrossSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            RecordingDenoiser denoiser = new RecordingDenoiser(m);
            NDArray xT = m.randomNormal(SHAPE);
            int before = ((BaseNDManager) m).getManagedArrays().size();
            SamplingLoop.run(denoiser, SAMPLER, xT);
            // at the first step x_t is the caller's x_T; from then on x_T and one current x_t are live
            List<Integer> live = denoiser.liveArrays;
            assertEquals(List.of(before, before + 1, before + 1, before + 1), live, "live arrays per step");
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size(), "only the sample remains");
        }
    }

    @Test
    void ganDenoiserDrivesTheGeneratorContract() {
        List<int[]> receivedT = new ArrayList<>();
        List<float[]> receivedZ = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        // a fake generator: checks the inputs, returns x0' = tanh(x_t)
        LambdaBlock generator = new LambdaBlock(inputs -> {
            NDArray x = inputs.get(0);
            NDArray t = inputs.get(1);
            NDArray z = inputs.get(2);
            assertEquals(DataType.FLOAT32, x.getDataType());
            assertEquals(DataType.INT32, t.getDataType());
            assertEquals(DataType.FLOAT32, z.getDataType());
            receivedT.add(t.toIntArray());
            receivedZ.add(z.toFloatArray());
            shapes.add(z.getShape());
            return new NDList(x.tanh());
        });
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(17);
            GanDenoiser denoiser = new GanDenoiser(generator, 50);
            int before = ((BaseNDManager) m).getManagedArrays().size();
            SamplingResult result = SamplingLoop.run(denoiser, SAMPLER, m, SHAPE);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size());
            assertEquals(4, result.nfe());
            assertEquals(SHAPE, result.x0().getShape());
            assertEquals(4, receivedT.size());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(new int[] {3 - i, 3 - i}, receivedT.get(i), "t = step for every sample");
                assertEquals(new Shape(2, 50), shapes.get(i));
            }
            Set<String> distinctZ = new HashSet<>();
            receivedZ.forEach(z -> distinctZ.add(java.util.Arrays.toString(z)));
            assertEquals(4, distinctZ.size(), "a fresh z per call");
            // x0' of the last step is tanh(x), so the sample lies in (-1, 1)
            for (float v : result.x0().toFloatArray()) {
                assertTrue(v > -1f && v < 1f);
            }
        }
    }

    @Test
    void ganDenoiserPredictLeavesOnlyX0() {
        LambdaBlock generator = new LambdaBlock(inputs -> new NDList(inputs.get(0).mul(2)));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xt = m.ones(new Shape(3, 2, 4, 4));
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray x0 = new GanDenoiser(generator, 8).predict(xt, 1);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size());
            assertEquals(m, xt.getManager());
            assertArrayEquals(m.full(xt.getShape(), 2f).toFloatArray(), x0.toFloatArray(), 0f);
        }
    }
}
