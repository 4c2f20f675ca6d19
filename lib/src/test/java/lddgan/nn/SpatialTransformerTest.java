package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * LDM's cross-attention layers (Rombach et al. 2022, Sec. 3.3) against closed forms: attention over one context
 * token is that token's value for every query; scaled dot-product attention by hand; the spatial transformer starts
 * as the identity; parameter counts by formula.
 */
class SpatialTransformerTest {

    private static NDArray forward(ComposedBlock block, NDManager m, NDArray... inputs) {
        return block.forward(new ParameterStore(m, false), new NDList(inputs), false).singletonOrThrow();
    }

    /** The parameter of a direct child, e.g. "to_v_weight" (DJL prefixes a child's name with its number, "03"). */
    private static NDArray parameter(ComposedBlock block, String name) {
        return block.getParameters().stream().filter(p -> p.getKey().matches("\\d\\d" + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + block.getParameters().keys()))
                .getValue().getArray();
    }

    private static float[] weight(ComposedBlock block, String name) {
        return parameter(block, name).toFloatArray();
    }

    /** softmax over a single key is 1: every query receives W_out (W_V c) + b_out, whatever x is. */
    @Test
    void attentionToOneContextTokenGivesEveryQueryThatTokensValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            int d = 6;
            int dc = 5;
            CrossAttention attention = new CrossAttention(4, d, 1, dc, 2, 3);
            attention.initialize(m, 1);
            NDArray x = m.randomNormal(new Shape(1, 4, d));
            NDArray c = m.randomNormal(new Shape(1, 1, dc));
            float[] out = forward(attention, m, x, c).toFloatArray();
            float[] wv = weight(attention, "to_v_weight"); // (6, 5)
            float[] wo = weight(attention, "to_out_weight"); // (6, 6)
            float[] bo = weight(attention, "to_out_bias");
            float[] cc = c.toFloatArray();
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < dc; j++) {
                    v[i] += wv[i * dc + j] * cc[j];
                }
            }
            for (int q = 0; q < 4; q++) {
                for (int o = 0; o < d; o++) {
                    double e = bo[o];
                    for (int i = 0; i < 6; i++) {
                        e += wo[o * 6 + i] * v[i];
                    }
                    assertEquals(e, out[q * d + o], 1e-5, "query " + q + ", feature " + o);
                }
            }
        }
    }

    /** One head, two queries, two keys: softmax(q k^T / sqrt(d)) v by hand. */
    @Test
    void selfAttentionIsScaledDotProductAttentionByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            int d = 3;
            CrossAttention attention = new CrossAttention(2, d, 0, 0, 1, d);
            attention.initialize(m, 1);
            NDArray x = m.randomNormal(new Shape(1, 2, d));
            float[] out = forward(attention, m, x).toFloatArray();
            float[] xs = x.toFloatArray();
            double[][] q = project(weight(attention, "to_q_weight"), xs, d);
            double[][] k = project(weight(attention, "to_k_weight"), xs, d);
            double[][] v = project(weight(attention, "to_v_weight"), xs, d);
            float[] wo = weight(attention, "to_out_weight");
            float[] bo = weight(attention, "to_out_bias");
            for (int i = 0; i < 2; i++) {
                double[] s = new double[2];
                for (int j = 0; j < 2; j++) {
                    for (int f = 0; f < d; f++) {
                        s[j] += q[i][f] * k[j][f];
                    }
                    s[j] /= Math.sqrt(d);
                }
                double w0 = 1 / (1 + Math.exp(s[1] - s[0]));
                double[] h = new double[d];
                for (int f = 0; f < d; f++) {
                    h[f] = w0 * v[0][f] + (1 - w0) * v[1][f];
                }
                for (int o = 0; o < d; o++) {
                    double e = bo[o];
                    for (int f = 0; f < d; f++) {
                        e += wo[o * d + f] * h[f];
                    }
                    assertEquals(e, out[i * d + o], 1e-5, "token " + i + ", feature " + o);
                }
            }
        }
    }

    private static double[][] project(float[] w, float[] x, int d) {
        double[][] out = new double[2][d];
        for (int t = 0; t < 2; t++) {
            for (int o = 0; o < d; o++) {
                for (int i = 0; i < d; i++) {
                    out[t][o] += w[o * d + i] * x[t * d + i];
                }
            }
        }
        return out;
    }

    @Test
    void spatialTransformerStartsAsTheIdentityAndThenDependsOnTheContext() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            SpatialTransformer st = new SpatialTransformer(16, 4, 1, 12, 4);
            st.initialize(m, 2);
            NDArray x = m.randomNormal(new Shape(2, 16, 4, 4));
            NDArray c1 = m.randomNormal(new Shape(2, 1, 12));
            NDArray c2 = m.randomNormal(new Shape(2, 1, 12));
            assertArrayEquals(x.toFloatArray(), forward(st, m, x, c1).toFloatArray(), 0f, "zero-initialised proj_out");
            parameter(st, "proj_out_weight").set(m.randomNormal(new Shape(16, 16, 1, 1)).toFloatArray());
            NDArray y1 = forward(st, m, x, c1);
            NDArray y2 = forward(st, m, x, c2);
            assertTrue(y1.sub(x).abs().max().getFloat() > 1e-3, "the transformer branch contributes");
            assertTrue(y1.sub(y2).abs().max().getFloat() > 1e-3, "the context changes the output");
            assertThrows(IllegalArgumentException.class, () -> forward(st, m, x));
        }
    }

    /** Parameters of LDM's SpatialTransformer (depth 1), C = C' = 16, D_c = 12, by formula. */
    @Test
    void parameterCountFollowsTheLayers() {
        try (NDManager m = NDManager.newBaseManager()) {
            int c = 16;
            int dc = 12;
            SpatialTransformer st = new SpatialTransformer(c, 4, 1, dc, 4);
            st.initialize(m, 1);
            long norm = 2L * c;
            long projIn = (long) c * c + c;
            long layerNorms = 3 * 2L * c;
            long selfAttention = 4L * c * c + c; // q, k, v without bias, out with bias
            long crossAttention = (long) c * c + 2L * dc * c + (long) c * c + c;
            long feedForward = (long) c * 8 * c + 8L * c + 4L * c * c + c; // GEGLU in (D -> 2 * 4D), out (4D -> D)
            long projOut = (long) c * c + c;
            assertEquals(norm + projIn + layerNorms + selfAttention + crossAttention + feedForward + projOut,
                    NetworkStats.parameterCount(st));
        }
        assertThrows(IllegalArgumentException.class, () -> new SpatialTransformer(16, 4, 1, 12, 5));
        assertThrows(IllegalArgumentException.class, () -> new TransformerBlock(16, 8, 0, 4, 2, 4));
    }
}
