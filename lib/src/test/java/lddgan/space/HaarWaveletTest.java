package lddgan.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The orthonormal Haar transform of REFERENCE-CODE.md section 5. */
class HaarWaveletTest {

    @Test
    void handComputedTwoByTwoBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            // a b / c d = 1 2 / 3 4
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray bands = HaarWavelet.dwt(x);
            assertEquals(new Shape(1, 4, 1, 1), bands.getShape());
            // LL = 10/2, LH = (1-2+3-4)/2, HL = (1+2-3-4)/2, HH = (1-2-3+4)/2
            assertArrayEquals(new float[] {5f, -1f, -2f, 0f}, bands.toFloatArray(), 0f);
            assertArrayEquals(x.toFloatArray(), HaarWavelet.idwt(bands).toFloatArray(), 0f);
        }
    }

    @Test
    void bandsAreOrderedBandMajorThenChannel() {
        try (NDManager m = NDManager.newBaseManager()) {
            // channel c holds the 2x2 block (c+1) * [1 2 / 3 4]; N = 1, C = 3, H = W = 2
            float[] data = new float[12];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 4; p++) {
                    data[4 * c + p] = (c + 1) * (p + 1);
                }
            }
            float[] bands = HaarWavelet.dwt(m.create(data, new Shape(1, 3, 2, 2))).toFloatArray();
            float[] perBand = {5f, -1f, -2f, 0f}; // LL, LH, HL, HH of [1 2 / 3 4]
            float[] expected = new float[12];
            for (int band = 0; band < 4; band++) {
                for (int c = 0; c < 3; c++) {
                    expected[band * 3 + c] = (c + 1) * perBand[band]; // channel band * C + c
                }
            }
            assertArrayEquals(expected, bands, 1e-6f);
        }
    }

    @Test
    void blocksAreIndependentAndPlacedAtTheirPosition() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 channel 2x4: two blocks, left [1 2 / 3 4], right [0 0 / 0 8]
            NDArray x = m.create(new float[] {1, 2, 0, 0, 3, 4, 0, 8}, new Shape(1, 1, 2, 4));
            float[] bands = HaarWavelet.dwt(x).toFloatArray(); // (1, 4, 1, 2)
            // right block: LL = 4, LH = -4, HL = -4, HH = 4
            assertArrayEquals(new float[] {5, 4, -1, -4, -2, -4, 0, 4}, bands, 0f);
        }
    }

    @Test
    void inverseIsExactAndEnergyIsPreserved() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(31);
            NDArray x = m.randomNormal(new Shape(5, 3, 32, 32));
            NDArray bands = HaarWavelet.dwt(x);
            assertEquals(new Shape(5, 12, 16, 16), bands.getShape());
            assertArrayEquals(x.toFloatArray(), HaarWavelet.idwt(bands).toFloatArray(), 1e-6f);
            double energy = x.square().sum().getFloat();
            assertEquals(energy, bands.square().sum().getFloat(), 1e-5 * energy);
            // and the other way round: bands -> pixels -> bands
            NDArray randomBands = m.randomNormal(new Shape(2, 8, 4, 4));
            assertArrayEquals(randomBands.toFloatArray(),
                    HaarWavelet.dwt(HaarWavelet.idwt(randomBands)).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void leavesOnlyTheResultAndRejectsOddSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 3, 8, 8));
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray bands = HaarWavelet.dwt(x);
            HaarWavelet.idwt(bands);
            assertEquals(before + 2, ((BaseNDManager) m).getManagedArrays().size());
            assertEquals(m, x.getManager());
            assertThrows(IllegalArgumentException.class, () -> HaarWavelet.dwt(m.ones(new Shape(1, 3, 7, 8))));
            assertThrows(IllegalArgumentException.class, () -> HaarWavelet.idwt(m.ones(new Shape(1, 3, 4, 4))));
        }
    }
}
