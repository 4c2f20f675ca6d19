package lddgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@link AttentionBlock#attend} against closed forms, whole and in blocks of query positions (the blocks bound the
 * weights held at once for the 64x64 middle attention of the 256x256 first stages).
 */
class AttentionBlockTest {
    private static final long WHOLE = Long.MAX_VALUE;

    /** Keys all zero: every logit is 0, the softmax uniform, so every position attends to the mean of the values. */
    @Test
    void zeroKeysAttendToTheMeanOfTheValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            long n = 2;
            long c = 3;
            long hw = 10;
            NDArray[] qkv = randomQkv(m, 3, n, c, hw);
            NDArray q = qkv[0];
            NDArray k = m.zeros(new Shape(n, c, hw));
            NDArray v = qkv[2];
            float[] expected = v.mean(new int[] {2}, true).broadcast(new Shape(n, c, hw)).toFloatArray();
            // whole; blocks of 3 query positions (the last of 1); blocks of one position
            for (long chunk : new long[] {WHOLE, n * hw * 3, 1}) {
                NDArray attended = AttentionBlock.attend(q, k, v, 1 / Math.sqrt(c), chunk);
                assertEquals(new Shape(n, c, hw), attended.getShape());
                assertArrayEquals(expected, attended.toFloatArray(), 1e-6f, "chunk " + chunk);
            }
        }
    }

    /** One dominant key per query (q_i = 40 k_{pi(i)}, unit orthogonal keys): position i receives v_{pi(i)}. */
    @Test
    void aDominantKeySelectsItsValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            int c = 4;
            int hw = 4;
            int[] pi = {2, 0, 3, 1};
            float[] keys = new float[c * hw];
            float[] queries = new float[c * hw];
            for (int j = 0; j < hw; j++) {
                keys[j * hw + j] = 1;          // k_j = unit vector j (channel j at position j)
            }
            for (int i = 0; i < hw; i++) {
                queries[pi[i] * hw + i] = 40;  // q_i = 40 e_{pi(i)}: logit 40 / sqrt(C) = 20 for key pi(i), 0 else
            }
            NDArray q = m.create(queries, new Shape(1, c, hw));
            NDArray k = m.create(keys, new Shape(1, c, hw));
            NDArray v = m.arange(0f, c * hw).reshape(1, c, hw);
            float[] vs = v.toFloatArray();
            float[] expected = new float[c * hw];
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < hw; i++) {
                    expected[ch * hw + i] = vs[ch * hw + pi[i]];
                }
            }
            for (long chunk : new long[] {WHOLE, 2 * hw, 3 * hw}) {
                // weight of the others: 3 e^-20 = 6e-9 of values up to 15
                assertArrayEquals(expected, AttentionBlock.attend(q, k, v, 1 / Math.sqrt(c), chunk).toFloatArray(),
                        1e-6f, "chunk " + chunk);
            }
        }
    }

    /** Random inputs: the blocks give the whole computation's numbers to float rounding. */
    @Test
    void blocksAgreeWithTheWholeComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            long n = 3;
            long c = 8;
            long hw = 64;
            NDArray[] qkv = randomQkv(m, 5, n, c, hw);
            NDArray q = qkv[0];
            NDArray k = qkv[1];
            NDArray v = qkv[2];
            float[] whole = AttentionBlock.attend(q, k, v, 1 / Math.sqrt(c), WHOLE).toFloatArray();
            float[] blocks = AttentionBlock.attend(q, k, v, 1 / Math.sqrt(c), n * hw * 7).toFloatArray();
            assertArrayEquals(whole, blocks, 1e-6f);
        }
    }

    /** Standard normal q, k, v of shape (n, c, hw) from {@code seed}. */
    private static NDArray[] randomQkv(NDManager m, int seed, long n, long c, long hw) {
        Engine.getInstance().setRandomSeed(seed);
        Shape shape = new Shape(n, c, hw);
        return new NDArray[] {m.randomNormal(shape), m.randomNormal(shape), m.randomNormal(shape)};
    }
}
