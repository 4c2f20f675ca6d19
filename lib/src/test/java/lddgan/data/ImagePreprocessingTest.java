package lddgan.data;

import static lddgan.data.ImageFixtures.maxDifference;
import static lddgan.data.ImageFixtures.meanDifference;
import static lddgan.data.ImageFixtures.resource;
import static lddgan.data.ImageFixtures.resourceImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference preprocessing (torchvision Resize + CenterCrop on a PIL image) against outputs PIL made
 * (src/test/resources/lddgan/data/make_fixtures.py), and the decoders against PIL's.
 */
class ImagePreprocessingTest {
    private static final String SOURCE = "test bytes";

    /** A PNG fixture's pixels as channel-major bytes, read independently of the code under test. */
    private static byte[] chw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                out[y * w + x] = (byte) (rgb >>> 16);
                out[w * h + y * w + x] = (byte) (rgb >>> 8);
                out[2 * w * h + y * w + x] = (byte) rgb;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "45x28, 16", "45x28, 32", "23x41, 16", "23x41, 32",
        "gray-30x20, 16", "gray-30x20, 32", "rgba-20x33, 16", "rgba-20x33, 32"})
    void resizeAndCropEqualPilBitForBit(String input, int resolution) throws IOException {
        byte[] encoded = resource("pil-input-" + input + ".png");
        byte[] ours = ImagePreprocessing.decodeAndPreprocess(encoded, SOURCE, resolution);
        byte[] pil = chw(resourceImage("pil-expected-" + input + "-r" + resolution + ".png"));
        assertEquals(3 * resolution * resolution, ours.length);
        assertArrayEquals(pil, ours, input + " at " + resolution + ": max difference " + maxDifference(pil, ours));
    }

    @Test
    void outputSizeAndCropOffsetFollowTorchvision() {
        // Resize(r): shorter side r, longer int(r * long / short)
        assertArrayEquals(new int[] {25, 16}, ImagePreprocessing.resizedSize(45, 28, 16));
        assertArrayEquals(new int[] {51, 32}, ImagePreprocessing.resizedSize(45, 28, 32));
        assertArrayEquals(new int[] {32, 57}, ImagePreprocessing.resizedSize(23, 41, 32));
        assertArrayEquals(new int[] {256, 256}, ImagePreprocessing.resizedSize(1024, 1024, 256));
        assertArrayEquals(new int[] {341, 256}, ImagePreprocessing.resizedSize(400, 300, 256));
        // CenterCrop: round((size - r) / 2) with Python's round half to even
        assertEquals(4, ImagePreprocessing.cropStart(25, 16));
        assertEquals(10, ImagePreprocessing.cropStart(51, 32));
        assertEquals(12, ImagePreprocessing.cropStart(57, 32));
        assertEquals(0, ImagePreprocessing.cropStart(256, 256));
        assertEquals(42, ImagePreprocessing.cropStart(341, 256));
    }

    @Test
    void anImageAlreadyAtTheResolutionIsUnchanged() {
        Random random = new Random(5);
        BufferedImage image = ImageFixtures.rgb(24, 24, (x, y) -> random.nextInt(1 << 24));
        assertArrayEquals(chw(image), ImagePreprocessing.resizeCenterCrop(image, 24));
    }

    @Test
    void losslessWebpDecodesExactly() throws IOException {
        BufferedImage webp = ImagePreprocessing.decode(resource("lossless-45x28.webp"), SOURCE);
        assertArrayEquals(chw(resourceImage("pil-input-45x28.png")), chw(webp));
    }

    @Test
    void lossyWebpDecodesAsLibwebpWithNearestChroma() throws IOException {
        byte[] ours = chw(ImagePreprocessing.decode(resource("lossy-40x30.webp"), SOURCE));
        byte[] nearest = chw(resourceImage("lossy-40x30.nofancy.png"));
        assertTrue(maxDifference(nearest, ours) <= 1, "max difference to dwebp -nofancy " + maxDifference(nearest, ours));
    }

    @Test
    void lossyWebpDiffersFromPilOnlyByChromaUpsampling() throws IOException {
        // PIL decodes with libwebp's "fancy" (interpolated) chroma upsampling, TwelveMonkeys with nearest chroma: on
        // this 40x30 pattern of saturated colour noise the difference is large (max 58, mean 10.3 levels); on a
        // 512x600 photograph preprocessed to 256 it was max 9, mean 0.53 levels (ImagePreprocessing's class comment).
        byte[] ours = chw(ImagePreprocessing.decode(resource("lossy-40x30.webp"), SOURCE));
        byte[] pil = chw(resourceImage("lossy-40x30.pil.png"));
        int max = maxDifference(pil, ours);
        double mean = meanDifference(pil, ours);
        assertTrue(max <= 58 && mean <= 10.31, "max " + max + ", mean " + mean);
    }

    @Test
    void jpegDecodesAsLibjpegTurbo() throws IOException {
        byte[] ours = chw(ImagePreprocessing.decode(resource("q90-40x30.jpg"), SOURCE));
        byte[] pil = chw(resourceImage("q90-40x30.pil.png"));
        assertArrayEquals(pil, ours, "max difference " + maxDifference(pil, ours));
    }

    @Test
    void greyIsTakenAsStoredNotAsLinearLight() throws IOException {
        byte[] out = ImagePreprocessing.decodeAndPreprocess(ImageFixtures.png(ImageFixtures.grey(20, 12, 77)), SOURCE, 8);
        byte[] expected = new byte[3 * 64];
        Arrays.fill(expected, (byte) 77);
        assertArrayEquals(expected, out);
    }

    @Test
    void sixteenBitSamplesKeepTheirHighByte() throws IOException {
        BufferedImage grey = new BufferedImage(9, 9, BufferedImage.TYPE_USHORT_GRAY);
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(9, 9);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 9; x++) {
                grey.getRaster().setSample(x, y, 0, 0x4D80);
                raster.setPixel(x, y, new int[] {0x12FF, 0xAB00, 0xFEFE});
            }
        }
        BufferedImage rgb = new BufferedImage(cm, raster, false, null);
        byte[] g = ImagePreprocessing.decodeAndPreprocess(ImageFixtures.png(grey), SOURCE, 9);
        byte[] c = ImagePreprocessing.decodeAndPreprocess(ImageFixtures.png(rgb), SOURCE, 9);
        assertArrayEquals(new int[] {0x4D, 0x4D, 0x4D}, ImageFixtures.pixel(g, 9, 4, 4));
        assertArrayEquals(new int[] {0x12, 0xAB, 0xFE}, ImageFixtures.pixel(c, 9, 4, 4));
    }

    @Test
    void undecodableBytesNameTheSourceAndTheExpectedFormats() {
        byte[] png = ImageFixtures.png(ImageFixtures.solid(40, 30, 0x336699));
        byte[] jpeg = ImageFixtures.jpeg(ImageFixtures.solid(40, 30, 0x336699));
        byte[] webp = resource("lossy-40x30.webp");
        byte[][] bad = {
            new byte[0],
            "this is not an image".getBytes(),
            Arrays.copyOf(png, png.length / 2),
            Arrays.copyOf(jpeg, jpeg.length / 2),
            Arrays.copyOf(webp, webp.length / 2),
            Arrays.copyOf(png, 40),
        };
        for (int i = 0; i < bad.length; i++) {
            byte[] bytes = bad[i];
            String source = "sample " + i;
            IOException e = assertThrows(IOException.class, () -> ImagePreprocessing.decode(bytes, source), "case " + i);
            assertTrue(e.getMessage().contains(source + ":") || e.getMessage().contains(source + " as "), e.getMessage());
            assertTrue(e.getMessage().contains("expected a PNG, JPEG or WebP image"), e.getMessage());
        }
    }

    @Test
    void resolutionOutOfRangeIsRefused() {
        BufferedImage image = ImageFixtures.solid(4, 4, 0);
        assertThrows(IllegalArgumentException.class, () -> ImagePreprocessing.resizeCenterCrop(image, 0));
        assertThrows(IllegalArgumentException.class, () -> ImagePreprocessing.resizeCenterCrop(image, 100_000));
    }
}
