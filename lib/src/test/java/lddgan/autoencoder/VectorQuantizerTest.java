package lddgan.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorQuantizer#nearestCodes}, whole and in blocks of rows (the blocks bound the distances held at once for
 * the CelebA-HQ first stage's 64x64 latent): every row gets the code it was made from.
 */
class VectorQuantizerTest {

    @Test
    void everyRowGetsTheCodeItWasMadeFrom() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            int nEmbed = 50;
            int dim = 3;
            int rows = 101;
            // codes on a grid 1 apart in the first channel, so a perturbation of at most 0.1 keeps each row nearest to its own
            float[] codes = new float[nEmbed * dim];
            for (int j = 0; j < nEmbed; j++) {
                codes[j * dim] = j;
                codes[j * dim + 1] = (j % 5) * 0.5f;
                codes[j * dim + 2] = -0.25f * (j % 3);
            }
            NDArray e = m.create(codes, new Shape(nEmbed, dim));
            long[] chosen = new long[rows];
            for (int i = 0; i < rows; i++) {
                chosen[i] = (i * 37L) % nEmbed;
            }
            NDArray index = m.create(chosen);
            NDArray flat = e.get(index).add(m.randomUniform(-0.1f, 0.1f, new Shape(rows, dim)));
            NDArray eT = e.transpose();
            NDArray eSquared = e.square().sum(new int[] {1});
            // whole; blocks of 4 rows (the last of 1); blocks of one row
            for (long chunk : new long[] {Long.MAX_VALUE, 4L * nEmbed, 1}) {
                assertArrayEquals(chosen, VectorQuantizer.nearestCodes(flat, eT, eSquared, chunk).toLongArray(),
                        "chunk " + chunk);
            }
        }
    }
}
