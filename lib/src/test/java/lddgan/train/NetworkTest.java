package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import lddgan.discriminator.Discriminator;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.generator.GeneratorConfig;
import lddgan.generator.NcsnppGenerator;
import lddgan.loss.GanLosses;
import lddgan.optim.DataParallel;
import org.junit.jupiter.api.Test;

/** A trained network's data-parallel gradients and its freezing. */
class NetworkTest {

    @Test
    void weightedShardGradientsAddUpToTheFullBatchGradient() {
        // the generator has no cross-sample layer: shard losses weighted by size / batch sum to the batch mean
        GeneratorConfig config = GeneratorConfig.preset("lddgan-cifar10").withNf(8).withChMult(List.of(1, 2)).withNumResBlocks(1);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NcsnppGenerator g = new NcsnppGenerator(config);
            g.initialize(m, 4);
            Network net = new Network("generator", g, m, List.of(Device.cpu()), 0.5, 0.9);
            int batch = 12;
            NDArray x = m.randomNormal(config.xShape(batch));
            NDArray t = m.randomInteger(0, 4, new Shape(batch), ai.djl.ndarray.types.DataType.INT32);
            NDArray z = m.randomNormal(new Shape(batch, config.nz()));
            NDArray target = m.randomNormal(config.xShape(batch));
            float[] full = gradient(net, List.of(new DataParallel.Shard(Device.cpu(), 0, batch)), x, t, z, target, batch);
            List<DataParallel.Shard> shards = DataParallel.split(batch, List.of(Device.cpu(), Device.cpu()));
            assertEquals(List.of(8, 4), shards.stream().map(DataParallel.Shard::size).toList());
            float[] split = gradient(net, shards, x, t, z, target, batch);
            for (int i = 0; i < full.length; i++) {
                assertEquals(full[i], split[i], 1e-5 + 1e-4 * Math.abs(full[i]), "gradient element " + i);
            }
        }
    }

    @Test
    void aFrozenNetworkCollectsNoGradientButPassesOneThrough() {
        DiscriminatorConfig config = DiscriminatorConfig.preset("lddgan-cifar10").withNgf(4).withResolution(8);
        try (NDManager m = NDManager.newBaseManager()) {
            Discriminator block = new Discriminator(config);
            block.initialize(m, 4);
            Network d = new Network("discriminator", block, m, List.of(Device.cpu()), 0.5, 0.9);
            NDArray x = m.randomNormal(config.xShape(4));
            x.setRequiresGradient(true);
            d.setTrainable(false);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(d.forward(x, m.create(new int[] {0, 1, 2, 3}), m.randomNormal(config.xShape(4))).sum());
            }
            d.setTrainable(true);
            for (NDArray a : d.arrays()) {
                assertEquals(0f, a.getGradient().abs().sum().getFloat(), "no gradient on a frozen parameter");
            }
            assertTrue(x.getGradient().abs().sum().getFloat() > 0, "the input still gets a gradient");
        }
    }

    private static float[] gradient(Network net, List<DataParallel.Shard> shards, NDArray x, NDArray t, NDArray z,
            NDArray target, int batch) {
        for (NDArray a : net.arrays()) {
            NDArray g = a.getGradient();
            g.subi(g);
        }
        try (NDManager scope = x.getManager().newSubManager();
             GradientCollector c = Engine.getInstance().newGradientCollector()) {
            for (DataParallel.Shard s : shards) {
                NDArray out = net.forward(s.of(x, scope), s.of(t, scope), s.of(z, scope));
                c.backward(GanLosses.reconstructionLoss(out, s.of(target, scope), batch));
            }
        }
        NDList grads = new NDList();
        int total = 0;
        for (NDArray a : net.arrays()) {
            grads.add(a.getGradient());
            total += (int) a.size();
        }
        float[] out = new float[total];
        int at = 0;
        for (NDArray g : grads) {
            float[] v = g.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }
}
