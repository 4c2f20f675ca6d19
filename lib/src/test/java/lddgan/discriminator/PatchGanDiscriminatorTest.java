package lddgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import lddgan.nn.NetworkStats;
import org.junit.jupiter.api.Test;

/** taming-transformers' NLayerDiscriminator: size, output shapes, initialisation and BatchNorm's two modes. */
class PatchGanDiscriminatorTest {

    private static long trainedParameters(PatchGanDiscriminator d) {
        long total = 0;
        for (Pair<String, Parameter> p : d.getParameters()) {
            if (p.getValue().requiresGradient()) {
                total += p.getValue().getArray().size();
            }
        }
        return total;
    }

    /**
     * The reference (3 input channels, ndf 64, 3 layers), by hand:
     * conv 3->64 4x4 with bias 3*64*16 + 64 = 3,136;
     * conv 64->128 no bias 131,072 + BN(128) gamma and beta 256 = 131,328;
     * conv 128->256 524,288 + BN(256) 512 = 524,800;
     * conv 256->512 (stride 1) 2,097,152 + BN(512) 1,024 = 2,098,176;
     * conv 512->1 with bias 8,192 + 1 = 8,193.
     * Total 2,765,633. BatchNorm's running mean and variance (2 x (128 + 256 + 512) = 1,792 values) are DJL
     * parameters but not trained, so NetworkStats (which counts every parameter) reports 2,767,425.
     */
    @Test
    void parameterCountIsTheClosedForm() {
        PatchGanDiscriminator d = new PatchGanDiscriminator();
        try (NDManager m = NDManager.newBaseManager()) {
            d.initialize(m, 1, 32);
            assertEquals(2_765_633L, PatchGanDiscriminator.Config.REFERENCE.parameterCount());
            assertEquals(2_765_633L, trainedParameters(d));
            assertEquals(1_792L, PatchGanDiscriminator.Config.REFERENCE.runningStatisticCount());
            assertEquals(2_767_425L, NetworkStats.parameterCount(d));
        }
        for (PatchGanDiscriminator.Config c : new PatchGanDiscriminator.Config[] {
                new PatchGanDiscriminator.Config(3, 16, 2), new PatchGanDiscriminator.Config(3, 8, 5),
                new PatchGanDiscriminator.Config(1, 4, 1)}) {
            PatchGanDiscriminator small = new PatchGanDiscriminator(c);
            try (NDManager m = NDManager.newBaseManager()) {
                small.initialize(m, 1, 3 << c.layers());
                assertEquals(c.parameterCount(), trainedParameters(small), c.toString());
                assertEquals(c.parameterCount() + c.runningStatisticCount(), NetworkStats.parameterCount(small), c.toString());
            }
        }
    }

    @Test
    void outputIsOneLogitPerPatch() {
        PatchGanDiscriminator d = new PatchGanDiscriminator();
        try (NDManager m = NDManager.newBaseManager()) {
            d.initialize(m, 2, 32);
            ParameterStore ps = new ParameterStore(m, false);
            for (int size : new int[] {32, 256}) {
                NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, size, size));
                int patches = size == 32 ? 2 : 30;
                Shape expected = new Shape(2, 1, patches, patches);
                assertEquals(expected, d.getOutputShapes(new Shape[] {x.getShape()})[0]);
                for (boolean training : new boolean[] {true, false}) {
                    NDArray logits = d.forward(ps, new NDList(x), training).singletonOrThrow();
                    assertEquals(expected, logits.getShape(), size + "x" + size + ", training " + training);
                    assertTrue(Float.isFinite(logits.abs().sum().getFloat()));
                }
            }
            assertEquals(new Shape(4, 1, 1, 1), d.outputShape(new Shape(4, 3, 24, 24)));
            assertEquals(new Shape(1, 1, 6, 14), d.outputShape(new Shape(1, 3, 64, 128)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.outputShape(new Shape(1, 3, 16, 16)));
            assertTrue(e.getMessage().contains("at least 24"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.outputShape(new Shape(1, 4, 32, 32)));
            assertThrows(IllegalArgumentException.class, () -> new PatchGanDiscriminator.Config(3, 64, 0));
        }
    }

    /** taming's weights_init: conv weights N(0, 0.02), BN gamma N(1, 0.02), beta 0; conv biases PyTorch's U(+-1/sqrt(fan_in)). */
    @Test
    void initialisationIsTamingsWeightsInit() {
        Engine.getInstance().setRandomSeed(5);
        PatchGanDiscriminator d = new PatchGanDiscriminator();
        try (NDManager m = NDManager.newBaseManager()) {
            d.initialize(m, 1, 32);
            int convWeights = 0;
            int gammas = 0;
            for (Pair<String, Parameter> p : d.getParameters()) {
                NDArray a = p.getValue().getArray();
                String name = p.getKey();
                switch (p.getValue().getType()) {
                    case WEIGHT -> {
                        convWeights++;
                        if (a.size() > 100_000) {
                            assertEquals(0.0, a.mean().getFloat(), 1e-3, name);
                            assertEquals(0.02, std(a), 5e-4, name);
                        }
                    }
                    case GAMMA -> {
                        gammas++;
                        assertEquals(1.0, a.mean().getFloat(), 0.01, name);
                        assertEquals(0.02, std(a), 0.006, name);
                    }
                    case BETA, RUNNING_MEAN -> assertEquals(0f, a.abs().max().getFloat(), 0f, name);
                    case RUNNING_VAR -> assertEquals(1f, a.min().getFloat(), 0f, name);
                    case BIAS -> {
                        long in = name.contains("main0") ? 3 : 512;
                        float bound = (float) (1 / Math.sqrt(in * 16.0));
                        assertTrue(a.abs().max().getFloat() <= bound, name);
                        if (in == 3) {
                            assertTrue(a.abs().max().getFloat() > bound / 4, name + ": not left at zero");
                        }
                    }
                    default -> throw new AssertionError("unexpected parameter " + name);
                }
            }
            assertEquals(5, convWeights);
            assertEquals(3, gammas);
        }
    }

    private static double std(NDArray a) {
        NDArray centred = a.sub(a.mean());
        return Math.sqrt(centred.mul(centred).mean().getFloat());
    }

    /**
     * DJL's BatchNorm on the PyTorch engine is torch.batch_norm with PyTorch's defaults: training = true normalises with
     * the batch's mean and biased variance and moves the running statistics by 0.1 (running variance unbiased);
     * training = false normalises with the running statistics and leaves them alone.
     */
    @Test
    void batchNormFollowsTheTrainingFlag() {
        Engine.getInstance().setRandomSeed(6);
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm bn = PatchGanDiscriminator.batchNorm();
            Shape s = new Shape(4, 2, 3, 5);
            bn.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, s);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray gamma = bn.getParameters().get("gamma").getArray();
            NDArray runningMean = bn.getParameters().get("runningMean").getArray();
            NDArray runningVar = bn.getParameters().get("runningVar").getArray();
            NDArray x = m.randomNormal(s).mul(3f).add(2f);
            // batch statistics per channel
            NDArray perChannel = x.transpose(1, 0, 2, 3).reshape(2, -1);
            NDArray mean = perChannel.mean(new int[] {1});
            NDArray centred = perChannel.sub(mean.reshape(2, 1));
            long count = perChannel.getShape().get(1);
            NDArray biasedVar = centred.mul(centred).sum(new int[] {1}).div((float) count);
            NDArray unbiasedVar = biasedVar.mul((float) count / (count - 1));

            NDArray train = bn.forward(ps, new NDList(x), true).singletonOrThrow();
            NDArray expectedTrain = x.sub(mean.reshape(1, 2, 1, 1)).div(biasedVar.add(1e-5f).sqrt().reshape(1, 2, 1, 1))
                    .mul(gamma.reshape(1, 2, 1, 1));
            assertTrue(train.allClose(expectedTrain, 1e-4, 1e-4, false), "training: batch statistics");
            assertTrue(runningMean.allClose(mean.mul(0.1f), 1e-5, 1e-5, false), "running mean moved by 0.1");
            assertTrue(runningVar.allClose(unbiasedVar.mul(0.1f).add(0.9f), 1e-5, 1e-5, false), "running var, unbiased");

            NDArray meanBefore = runningMean.duplicate();
            NDArray varBefore = runningVar.duplicate();
            NDArray eval = bn.forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray expectedEval = x.sub(meanBefore.reshape(1, 2, 1, 1)).div(varBefore.add(1e-5f).sqrt().reshape(1, 2, 1, 1))
                    .mul(gamma.reshape(1, 2, 1, 1));
            assertTrue(eval.allClose(expectedEval, 1e-4, 1e-4, false), "inference: running statistics");
            assertTrue(runningMean.contentEquals(meanBefore) && runningVar.contentEquals(varBefore), "inference leaves them");
        }
    }

    /** In training mode a sample's logits depend on the rest of its batch (batch statistics); in inference they do not. */
    @Test
    void batchCouplingOnlyInTraining() {
        Engine.getInstance().setRandomSeed(7);
        PatchGanDiscriminator d = new PatchGanDiscriminator(PatchGanDiscriminator.Config.REFERENCE.withNdf(8));
        try (NDManager m = NDManager.newBaseManager()) {
            d.initialize(m, 2, 32);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray batch = m.randomUniform(-1f, 1f, new Shape(4, 3, 32, 32));
            NDArray firstTwo = batch.get("0:2");
            NDArray inferenceAll = d.forward(ps, new NDList(batch), false).singletonOrThrow().get("0:2");
            NDArray inferenceTwo = d.forward(ps, new NDList(firstTwo), false).singletonOrThrow();
            assertTrue(inferenceAll.allClose(inferenceTwo, 1e-5, 1e-5, false));
            NDArray trainingAll = d.forward(ps, new NDList(batch), true).singletonOrThrow().get("0:2");
            NDArray trainingTwo = d.forward(ps, new NDList(firstTwo), true).singletonOrThrow();
            assertFalse(trainingAll.allClose(trainingTwo, 1e-3, 1e-3, false));
        }
    }
}
