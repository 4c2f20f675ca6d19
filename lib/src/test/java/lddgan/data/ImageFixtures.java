package lddgan.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.function.Executable;

/**
 * Synthetic images, the committed fixtures (src/test/resources/lddgan/data, README.md there) and assertions on error
 * messages for the data tests.
 */
final class ImageFixtures {
    private ImageFixtures() {
    }

    /** An RGB image whose pixel (x, y) is {@code rgb.applyAsInt(x, y)} (0xRRGGBB). */
    static BufferedImage rgb(int width, int height, IntBinaryOperator rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        return image;
    }

    static BufferedImage solid(int width, int height, int rgb) {
        return rgb(width, height, (x, y) -> rgb);
    }

    /** An 8-bit grey image of one value (written as a grey PNG or JPEG). */
    static BufferedImage grey(int width, int height, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return image;
    }

    /** An RGBA image of one colour and one alpha. */
    static BufferedImage rgba(int width, int height, int rgb, int alpha) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (alpha << 24) | rgb);
            }
        }
        return image;
    }

    /** A palette image (PNG colour type 3) of one palette colour. */
    static BufferedImage palette(int width, int height, int rgb) {
        byte[] r = {0, (byte) (rgb >>> 16)};
        byte[] g = {0, (byte) (rgb >>> 8)};
        byte[] b = {0, (byte) rgb};
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 2, r, g, b));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, 1);
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and image type " + image.getType());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpg");
    }

    /** A committed fixture's bytes. */
    static byte[] resource(String name) {
        try (InputStream in = ImageFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource lddgan/data/" + name + " missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture decoded by ImageIO (for PNGs). */
    static BufferedImage resourceImage(String name) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(resource(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** R, G, B of pixel (x, y) of a channel-major 3 x side x side image. */
    static int[] pixel(byte[] chw, int side, int x, int y) {
        int plane = side * side;
        int i = y * side + x;
        return new int[] {chw[i] & 0xff, chw[plane + i] & 0xff, chw[2 * plane + i] & 0xff};
    }

    /** The largest difference between two byte arrays read as unsigned. */
    static int maxDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return max;
    }

    static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }

    /** Asserts that {@code e}'s message contains each of {@code parts} (the message is shown on failure). */
    static void assertMessageContains(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    /** Asserts that {@code open} throws a {@link NoSuchFileException} naming {@code missing} and saying "not found". */
    static void assertNotFound(Executable open, Path missing) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, open);
        assertMessageContains(e, missing.toString(), "not found");
    }
}
