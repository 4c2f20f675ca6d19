package lddgan.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam against its closed form, the data-parallel split and gradient reduction. */
class OptimizerAndParallelTest {

    @Test
    void adamMatchesPyTorchsUpdateForTwoSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            AdamParameterServer adam = new AdamParameterServer(m, 0.5, 0.9);
            adam.setLearningRate(0.1);
            NDArray p = m.create(new float[] {1f, -2f});
            adam.init("p", new NDArray[] {p});
            float[] g1 = {0.5f, -4f};
            float[] g2 = {-1f, 2f};
            adam.beginStep();
            adam.update("p", new NDArray[] {m.create(g1)}, new NDArray[] {p});
            adam.beginStep();
            adam.update("p", new NDArray[] {m.create(g2)}, new NDArray[] {p});
            // closed form of torch.optim.Adam(betas=(0.5, 0.9), eps=1e-8), step by step in double
            double[] expected = {1, -2};
            double[] mom = new double[2];
            double[] vel = new double[2];
            float[][] grads = {g1, g2};
            for (int t = 1; t <= 2; t++) {
                for (int i = 0; i < 2; i++) {
                    double g = grads[t - 1][i];
                    mom[i] = 0.5 * mom[i] + 0.5 * g;
                    vel[i] = 0.9 * vel[i] + 0.1 * g * g;
                    double denom = Math.sqrt(vel[i]) / Math.sqrt(1 - Math.pow(0.9, t)) + 1e-8;
                    expected[i] -= 0.1 / (1 - Math.pow(0.5, t)) * mom[i] / denom;
                }
            }
            float[] actual = p.toFloatArray();
            assertEquals(expected[0], actual[0], 1e-6);
            assertEquals(expected[1], actual[1], 1e-6);
            // first step of Adam moves each weight by lr * sign(g)
            assertEquals(2, adam.steps());
        }
    }

    @Test
    void reductionSumsTheDevicesGradientsAndCopiesTheUpdate() {
        try (NDManager m = NDManager.newBaseManager()) {
            AdamParameterServer adam = new AdamParameterServer(m, 0.5, 0.9);
            adam.setLearningRate(0.01);
            NDArray p0 = m.create(new float[] {1f, 1f});
            NDArray p1 = p0.duplicate();
            adam.init("p", new NDArray[] {p0});
            NDArray g0 = m.create(new float[] {1f, -3f});
            NDArray g1 = m.create(new float[] {2f, 1f});
            adam.beginStep();
            adam.update("p", new NDArray[] {g0, g1}, new NDArray[] {p0, p1});
            // the summed gradient (3, -2): a first Adam step moves by lr * sign
            assertArrayEquals(new float[] {0.99f, 1.01f}, p0.toFloatArray(), 1e-6f);
            assertArrayEquals(p0.toFloatArray(), p1.toFloatArray(), 0f, "the other device gets the update");
            assertArrayEquals(new float[] {0f, 0f}, g0.toFloatArray(), 0f, "gradients zeroed");
            assertArrayEquals(new float[] {0f, 0f}, g1.toFloatArray(), 0f, "gradients zeroed");
        }
    }

    @Test
    void splitKeepsMinibatchStdGroupsWhole() {
        List<Device> two = List.of(Device.cpu(), Device.cpu());
        assertEquals(List.of(12, 8), DataParallel.split(20, two).stream().map(DataParallel.Shard::size).toList());
        assertEquals(List.of(0, 12), DataParallel.split(20, two).stream().map(DataParallel.Shard::from).toList());
        assertEquals(1, DataParallel.split(4, two).size(), "one group of 4 is not split");
        assertEquals(List.of(2, 1), DataParallel.split(3, two).stream().map(DataParallel.Shard::size).toList());
        assertThrows(IllegalArgumentException.class, () -> DataParallel.split(0, two));
    }
}
