package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** GroupNorm against a hand computation; AdaptiveGroupNorm at initialisation equals plain GroupNorm. */
class GroupNormTest {

    @Test
    void groupNormMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one sample, 4 channels, 1x2 pixels, 2 groups: group 0 = {1, 2, 3, 4}, group 1 = {10, 10, 10, 14}
            NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 10, 10, 14}, new Shape(1, 4, 1, 2));
            GroupNorm norm = new GroupNorm(4, 2, 1e-6f, true);
            norm.initialize(m, DataType.FLOAT32, x.getShape());
            float[] y = norm.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            // group 0: mean 2.5, biased var 1.25; group 1: mean 11, var 3
            double s0 = Math.sqrt(1.25 + 1e-6);
            double s1 = Math.sqrt(3 + 1e-6);
            float[] expected = {(float) (-1.5 / s0), (float) (-0.5 / s0), (float) (0.5 / s0), (float) (1.5 / s0),
                (float) (-1 / s1), (float) (-1 / s1), (float) (-1 / s1), (float) (3 / s1)};
            assertArrayEquals(expected, y, 1e-5f);
        }
    }

    @Test
    void affineParametersScaleAndShiftPerChannel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 10, 10, 14}, new Shape(1, 4, 1, 2));
            GroupNorm norm = new GroupNorm(4, 2, 1e-6f, true);
            norm.initialize(m, DataType.FLOAT32, x.getShape());
            norm.getParameters().get("gamma").getArray().set(new float[] {2, 2, 1, 1});
            norm.getParameters().get("beta").getArray().set(new float[] {0, 1, 0, 0});
            float[] plain = GroupNorm.normalize(x, 2, 1e-6f).toFloatArray();
            float[] y = norm.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            float[] expected = {2 * plain[0], 2 * plain[1], 2 * plain[2] + 1, 2 * plain[3] + 1, plain[4], plain[5], plain[6], plain[7]};
            assertArrayEquals(expected, y, 1e-5f);
        }
    }

    @Test
    void ncsnppGroupsAreMinQuarterAnd32() {
        org.junit.jupiter.api.Assertions.assertEquals(32, GroupNorm.ncsnppGroups(128));
        org.junit.jupiter.api.Assertions.assertEquals(32, GroupNorm.ncsnppGroups(512));
        org.junit.jupiter.api.Assertions.assertEquals(16, GroupNorm.ncsnppGroups(64));
        org.junit.jupiter.api.Assertions.assertEquals(2, GroupNorm.ncsnppGroups(8));
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(10, 4, 1e-6f, true));
    }

    @Test
    void adaptiveGroupNormAtInitialisationIsPlainGroupNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(3, 16, 4, 4));
            NDArray zemb = m.randomNormal(new Shape(3, 256));
            AdaptiveGroupNorm ada = new AdaptiveGroupNorm(16);
            ada.initialize(m, DataType.FLOAT32, x.getShape(), zemb.getShape());
            // the style layer's bias is [1 x C, 0 x C]; with its weights zeroed gamma = 1 and beta = 0 exactly
            float[] bias = param(ada, "style_bias").getArray().toFloatArray();
            float[] expectedBias = new float[32];
            java.util.Arrays.fill(expectedBias, 0, 16, 1f);
            assertArrayEquals(expectedBias, bias, 0f);
            param(ada, "style_weight").getArray().muli(0);
            float[] y = ada.forward(new ParameterStore(m, false), new NDList(x, zemb), false).singletonOrThrow().toFloatArray();
            GroupNorm plain = new GroupNorm(16, 4, 1e-6f, true);
            plain.initialize(m, DataType.FLOAT32, x.getShape());
            float[] expected = plain.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(expected, y, 1e-6f);
        }
    }

    /** The parameter whose name ends with {@code suffix} (DJL prefixes child names with their index). */
    static ai.djl.nn.Parameter param(ai.djl.nn.Block block, String suffix) {
        return block.getParameters().stream().filter(p -> p.getKey().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + suffix + " in " + block.getParameters().keys()))
                .getValue();
    }
}
