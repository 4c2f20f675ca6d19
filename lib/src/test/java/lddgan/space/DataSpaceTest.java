package lddgan.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Pixel (DDGAN) and wavelet (WDDGAN, REFERENCE-CODE.md section 5) spaces. */
class DataSpaceTest {
    private static final Shape CIFAR = new Shape(3, 32, 32);

    @Test
    void waveletSpaceShapesFollowCifar() {
        WaveletSpace space = new WaveletSpace();
        assertEquals(new Shape(12, 16, 16), space.spaceShape(CIFAR));
        assertEquals(new Shape(8, 12, 16, 16), space.spaceShape(new Shape(8, 3, 32, 32)));
        assertEquals(new Shape(12, 128, 128), space.spaceShape(new Shape(3, 256, 256)));
        assertThrows(IllegalArgumentException.class, () -> space.spaceShape(new Shape(3, 31, 32)));
        assertThrows(IllegalArgumentException.class, () -> space.spaceShape(new Shape(32, 32)));
        assertEquals("wavelet", space.name());
        assertEquals(2.0, space.scaleFactor());
        assertFalse(space.isStochastic());
    }

    @Test
    void waveletEncodeIsDwtOverTwoAndDecodeInvertsIt() {
        WaveletSpace space = new WaveletSpace();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            NDArray images = m.randomUniform(-1, 1, new Shape(4, 3, 32, 32));
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray x = space.encode(images);
            NDArray decoded = space.decode(x);
            assertEquals(before + 2, ((BaseNDManager) m).getManagedArrays().size(), "no temporaries left");
            assertEquals(space.spaceShape(images.getShape()), x.getShape());
            assertArrayEquals(HaarWavelet.dwt(images).div(2).toFloatArray(), x.toFloatArray(), 0f);
            assertArrayEquals(images.toFloatArray(), decoded.toFloatArray(), 1e-6f);
            // LL / 2 of images in [-1, 1] is the block mean, in [-1, 1]
            float[] ll = x.get(":, 0:3").toFloatArray();
            for (float v : ll) {
                assertEquals(0, v, 1.0 + 1e-6);
            }
        }
    }

    @Test
    void waveletDecodeClampsToImageRange() {
        try (NDManager m = NDManager.newBaseManager()) {
            // LL band of 2 (times 2 -> 4) gives pixels 2 before clamping
            NDArray x = m.zeros(new Shape(1, 12, 1, 1));
            x.set(new ai.djl.ndarray.index.NDIndex(":, 0"), 2f);
            float[] images = new WaveletSpace().decode(x).toFloatArray();
            assertEquals(12, images.length);
            for (int i = 0; i < 4; i++) {
                assertEquals(1f, images[i], 0f, "clamped channel 0");
            }
            for (int i = 4; i < 12; i++) {
                assertEquals(0f, images[i], 0f, "other channels untouched");
            }
        }
    }

    @Test
    void pixelSpaceIsTheIdentity() {
        PixelSpace space = new PixelSpace();
        assertEquals(CIFAR, space.spaceShape(CIFAR));
        assertEquals("pixel", space.name());
        assertEquals(1.0, space.scaleFactor());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomUniform(-1, 1, new Shape(2, 3, 8, 8));
            NDArray x = space.encode(images);
            assertNotSame(images, x);
            assertArrayEquals(images.toFloatArray(), x.toFloatArray(), 0f);
            assertArrayEquals(images.toFloatArray(), space.decode(x).toFloatArray(), 0f);
            NDArray outOfRange = m.create(new float[] {-3f, 0.5f, 2f, -1f}, new Shape(1, 1, 2, 2));
            assertArrayEquals(new float[] {-1f, 0.5f, 1f, -1f}, space.decode(outOfRange).toFloatArray(), 0f);
        }
    }
}
