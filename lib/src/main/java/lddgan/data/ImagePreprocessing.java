package lddgan.data;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoding and the reference preprocessing of the high-resolution datasets (CelebA-HQ 256, LSUN Church 256), shared
 * by {@link ImageFolder} and {@link LsunLmdb}.
 *
 * <p>The reference code (DDGAN {@code train_ddgan.py}, which LDDGAN inherits; REFERENCE-CODE.md names the
 * repositories) loads every such image with PIL ({@code Image.open(..).convert('RGB')}) and applies
 * {@code Resize(image_size)}, {@code CenterCrop(image_size)}, {@code RandomHorizontalFlip()}, {@code ToTensor()},
 * {@code Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))} (LSUN; CelebA-HQ 256 skips the crop, a no-op on its square
 * 256x256 images). {@link #resizeCenterCrop} is the deterministic part, bit for bit as torchvision does it on a PIL
 * image (checked against Pillow 9.4's output):
 * <ol>
 *   <li>{@code Resize(r)}: the shorter side becomes {@code r}, the longer {@code int(r * long / short)} (truncated),
 *       resampled with PIL's bilinear filter, which widens its support by the scale factor when shrinking
 *       (anti-aliased), in PIL's 8-bit fixed-point arithmetic (22 fractional bits, rounding, horizontal pass then
 *       vertical pass, each clipped to 0-255);</li>
 *   <li>{@code CenterCrop(r)}: offsets {@code round((size - r) / 2)} with Python's round-half-to-even;</li>
 *   <li>the result as 8-bit RGB in channel-major (C, H, W) order. {@code ToTensor} + {@code Normalize(0.5, 0.5)},
 *       x / 127.5 - 1, happen in {@link ImageSet#batch}; the random flip is a training-time augmentation, not part of
 *       the stored data.</li>
 * </ol>
 *
 * <p>Colour conversion follows PIL's {@code convert('RGB')}: grey is replicated to three channels, alpha is dropped
 * (not composited), palettes are expanded, embedded colour profiles are ignored (sample values are taken as they are
 * stored); samples deeper than 8 bits keep their high byte (PIL does so for 16-bit RGB; for 16-bit grey it clips).
 *
 * <p>Decoders against PIL's (tests pin each): PNG and lossless WebP decode exactly; JPEG (the JDK's IJG decoder)
 * matched libjpeg-turbo bit for bit on the test image; lossy WebP (TwelveMonkeys' pure-Java VP8 decoder) equals
 * libwebp with nearest-neighbour chroma ({@code dwebp -nofancy}) within 1 level, while PIL uses libwebp's default
 * interpolated ("fancy") chroma upsampling: on a 512x600 photograph preprocessed to 256 x 256 that left a mean
 * difference of 0.53 levels (max 9, on colour edges). The resampling itself is exact: equal to PIL's output bit for
 * bit when given the same decoded pixels.
 */
public final class ImagePreprocessing {
    /** Largest decoded image accepted, in pixels (a corrupt header must not exhaust memory). */
    public static final long MAX_PIXELS = 1L << 28;
    /** Largest output side (3 * r * r bytes must fit in an array). */
    public static final int MAX_RESOLUTION = 16_384;
    /** What a decodable input is, for error messages. */
    static final String EXPECTED = "expected a PNG, JPEG or WebP image";

    /** PIL's fixed-point precision for 8-bit resampling ({@code PRECISION_BITS} in libImaging/Resample.c). */
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    static {
        // The WebP reader registers itself through META-INF/services when ImageIO first scans the class path; a
        // notebook kernel may have used ImageIO before this library was on its class path, so register it here too.
        IIORegistry registry = IIORegistry.getDefaultInstance();
        if (registry.getServiceProviderByClass(WebPImageReaderSpi.class) == null) {
            registry.registerServiceProvider(new WebPImageReaderSpi());
        }
    }

    private ImagePreprocessing() {
    }

    /**
     * Decodes an encoded image (PNG, JPEG, WebP, or any other format an installed ImageIO reader recognises by its
     * content, whatever the file name says).
     *
     * @param encoded the file's or database entry's bytes
     * @param source what the bytes are, named in every error (for example "image file /data/celeba/00001.png")
     * @throws IOException naming {@code source} and what was expected when the bytes are empty, in no recognised
     *     format, truncated or corrupt (decoder warnings about premature end of data or corrupt data count as
     *     errors, as PIL refuses truncated files), or larger than {@value #MAX_PIXELS} pixels
     */
    public static BufferedImage decode(byte[] encoded, String source) throws IOException {
        if (encoded.length == 0) {
            throw new IOException("Cannot decode " + source + ": it is empty (0 bytes); " + EXPECTED);
        }
        checkContainer(encoded, source);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("Cannot decode " + source + ": not an image in a known format (" + encoded.length
                        + " bytes starting with " + HexFormat.ofDelimiter(" ").formatHex(encoded, 0, Math.min(12, encoded.length))
                        + "); " + EXPECTED);
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            BufferedImage image;
            try {
                image = read(reader, in, source, format);
            } finally {
                reader.dispose();
            }
            for (String warning : warnings) {
                if (isDamage(warning)) {
                    throw new IOException("Cannot decode " + source + " as " + format + ": the decoder reports \"" + warning
                            + "\"; the data is truncated or corrupt (" + EXPECTED + ")");
                }
            }
            return image;
        }
    }

    /**
     * Refuses PNG and WebP data that ends before its container does (ImageIO's readers decode a PNG whose last chunks
     * are missing, or a WebP shorter than its RIFF header says, without complaint; PIL refuses both as truncated).
     */
    private static void checkContainer(byte[] data, String source) throws IOException {
        if (startsWith(data, PNG_SIGNATURE)) {
            int at = PNG_SIGNATURE.length;
            while (at + 8 <= data.length) {
                long length = Integer.toUnsignedLong(ByteBuffer.wrap(data, at, 4).getInt());
                String type = new String(data, at + 4, 4, StandardCharsets.ISO_8859_1);
                if (at + 12 + length > data.length) {
                    throw new IOException("Cannot decode " + source + " as PNG: its " + type + " chunk at byte " + at + " needs "
                            + (12 + length) + " bytes but the data ends " + (data.length - at) + " bytes later; the file is "
                            + "truncated (" + EXPECTED + ")");
                }
                if (type.equals("IEND")) {
                    return;
                }
                at += 12 + (int) length;
            }
            throw new IOException("Cannot decode " + source + " as PNG: the data (" + data.length + " bytes) ends before the "
                    + "IEND chunk; the file is truncated (" + EXPECTED + ")");
        }
        if (startsWith(data, RIFF) && data.length >= 12 && new String(data, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            long riffEnd = 8 + Integer.toUnsignedLong(ByteBuffer.wrap(data, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (riffEnd > data.length) {
                throw new IOException("Cannot decode " + source + " as WEBP: its RIFF header says " + riffEnd + " bytes but there are "
                        + data.length + "; the file is truncated (" + EXPECTED + ")");
            }
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static BufferedImage read(ImageReader reader, ImageInputStream in, String source, String format) throws IOException {
        int width;
        int height;
        try {
            reader.setInput(in, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw damaged(source, format, e);
        }
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
            throw new IOException("Cannot decode " + source + ": its " + format + " header gives " + width + "x" + height
                    + " pixels (expected 1 to " + MAX_PIXELS + " pixels): corrupt or not a dataset image");
        }
        try {
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw damaged(source, format, e);
        }
    }

    private static IOException damaged(String source, String format, Exception e) {
        return new IOException("Cannot decode " + source + " as " + format + ": " + e + "; the data is truncated or corrupt ("
                + EXPECTED + ")", e);
    }

    /** Decodes and preprocesses: {@link #decode} then {@link #resizeCenterCrop}. */
    public static byte[] decodeAndPreprocess(byte[] encoded, String source, int resolution) throws IOException {
        return resizeCenterCrop(decode(encoded, source), resolution);
    }

    /**
     * The reference preprocessing (class comment): RGB, {@code Resize(resolution)} on the shorter side with PIL's
     * bilinear filter, {@code CenterCrop(resolution)}.
     *
     * @return 3 * resolution * resolution unsigned bytes, channel-major (R plane, G plane, B plane), as
     *     {@link ImageSet} stores them
     */
    public static byte[] resizeCenterCrop(BufferedImage image, int resolution) {
        checkResolution(resolution);
        int width = image.getWidth();
        int height = image.getHeight();
        int[] resized = resizedSize(width, height, resolution);
        int left = cropStart(resized[0], resolution);
        int top = cropStart(resized[1], resolution);
        byte[][] planes = rgbPlanes(image);
        Coefficients horizontal = resized[0] == width ? null : Coefficients.bilinear(width, resized[0]);
        Coefficients vertical = resized[1] == height ? null : Coefficients.bilinear(height, resized[1]);
        byte[] out = new byte[3 * resolution * resolution];
        for (int c = 0; c < 3; c++) {
            resampleCrop(planes[c], width, horizontal, vertical, left, top, resolution, out, c * resolution * resolution);
        }
        return out;
    }

    /**
     * torchvision's {@code Resize(r)} output size for a {@code width} x {@code height} image: the shorter side becomes
     * {@code r}, the longer {@code int(r * long / short)}.
     *
     * @return {new width, new height}
     */
    public static int[] resizedSize(int width, int height, int resolution) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (width <= height) {
            return new int[] {resolution, (int) ((double) ((long) resolution * height) / width)};
        }
        return new int[] {(int) ((double) ((long) resolution * width) / height), resolution};
    }

    /** torchvision's {@code CenterCrop} offset: {@code int(round((size - crop) / 2.0))}, rounding half to even. */
    static int cropStart(int size, int crop) {
        return (int) Math.rint((size - crop) / 2.0);
    }

    static void checkResolution(int resolution) {
        if (resolution < 1 || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException("resolution must be 1 to " + MAX_RESOLUTION + " pixels, got " + resolution);
        }
    }

    private static boolean isDamage(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature") || w.contains("truncat") || w.contains("corrupt") || w.contains("end of file");
    }

    /**
     * The image's R, G and B samples as three row-major 8-bit planes, as PIL's {@code convert('RGB')} gives them
     * (class comment). Grey and RGB images are read from the raster as stored (no colour management, unlike
     * {@link BufferedImage#getRGB}, which would brighten grey images by treating them as linear light); other
     * colour spaces (CMYK, ...) go through Java's conversion to sRGB.
     */
    static byte[][] rgbPlanes(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] r = new byte[width * height];
        byte[] g = new byte[width * height];
        byte[] b = new byte[width * height];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int[] row = new int[width];
        int colourComponents = cm.getNumColorComponents();
        int spaceType = cm.getColorSpace().getType();
        if (cm instanceof IndexColorModel icm) {
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    r[i] = (byte) icm.getRed(row[x]);
                    g[i] = (byte) icm.getGreen(row[x]);
                    b[i] = (byte) icm.getBlue(row[x]);
                }
            }
        } else if (spaceType == ColorSpace.TYPE_GRAY && colourComponents == 1 && !cm.isAlphaPremultiplied()) {
            int bits = cm.getComponentSize(0);
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    byte v = to8Bits(row[x], bits);
                    r[y * width + x] = v;
                    g[y * width + x] = v;
                    b[y * width + x] = v;
                }
            }
        } else if (spaceType == ColorSpace.TYPE_RGB && colourComponents == 3 && !cm.isAlphaPremultiplied()) {
            byte[][] planes = {r, g, b};
            for (int c = 0; c < 3; c++) {
                int bits = cm.getComponentSize(c);
                for (int y = 0; y < height; y++) {
                    raster.getSamples(0, y, width, 1, c, row);
                    for (int x = 0; x < width; x++) {
                        planes[c][y * width + x] = to8Bits(row[x], bits);
                    }
                }
            }
        } else {
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    r[i] = (byte) (row[x] >>> 16);
                    g[i] = (byte) (row[x] >>> 8);
                    b[i] = (byte) row[x];
                }
            }
        }
        return new byte[][] {r, g, b};
    }

    /** A sample of {@code bits} bits as 8 bits: deeper samples keep their high byte (PIL's "RGB;16B"), shallower are scaled. */
    private static byte to8Bits(int sample, int bits) {
        if (bits == 8) {
            return (byte) sample;
        }
        if (bits > 8) {
            return (byte) (sample >>> (bits - 8));
        }
        int max = (1 << bits) - 1;
        return (byte) ((sample * 255 + max / 2) / max);
    }

    /**
     * One channel: PIL's two-pass resampling (horizontal, then vertical; {@code null} pass = size unchanged, skipped as
     * PIL skips it) evaluated only on the output pixels the centre crop keeps. Every output pixel of PIL's resampling
     * depends only on its own row and column coefficients, so this equals resizing the whole image and then cropping.
     * The crop x crop result goes to {@code out} from {@code offset} on (the horizontal pass writes there directly when
     * there is no vertical pass).
     */
    private static void resampleCrop(byte[] in, int width, Coefficients horizontal, Coefficients vertical, int left, int top,
            int crop, byte[] out, int offset) {
        int rowStart;
        int rowEnd;
        if (vertical == null) {
            rowStart = top;
            rowEnd = top + crop;
        } else {
            rowStart = Integer.MAX_VALUE;
            rowEnd = 0;
            for (int yy = top; yy < top + crop; yy++) {
                rowStart = Math.min(rowStart, vertical.start[yy]);
                rowEnd = Math.max(rowEnd, vertical.start[yy] + vertical.count[yy]);
            }
        }
        byte[] temp = vertical == null ? out : new byte[(rowEnd - rowStart) * crop];
        int tempStart = vertical == null ? offset : 0;
        for (int y = rowStart; y < rowEnd; y++) {
            int inRow = y * width;
            int tempRow = tempStart + (y - rowStart) * crop;
            if (horizontal == null) {
                System.arraycopy(in, inRow + left, temp, tempRow, crop);
                continue;
            }
            for (int xx = 0; xx < crop; xx++) {
                int outX = left + xx;
                int start = horizontal.start[outX];
                int count = horizontal.count[outX];
                int k = outX * horizontal.size;
                int ss = HALF;
                for (int x = 0; x < count; x++) {
                    ss += (in[inRow + start + x] & 0xff) * horizontal.weights[k + x];
                }
                temp[tempRow + xx] = clip8(ss);
            }
        }
        if (vertical == null) {
            return;
        }
        for (int yy = 0; yy < crop; yy++) {
            int outY = top + yy;
            int start = vertical.start[outY] - rowStart;
            int count = vertical.count[outY];
            int k = outY * vertical.size;
            for (int xx = 0; xx < crop; xx++) {
                int ss = HALF;
                for (int y = 0; y < count; y++) {
                    ss += (temp[(start + y) * crop + xx] & 0xff) * vertical.weights[k + y];
                }
                out[offset + yy * crop + xx] = clip8(ss);
            }
        }
    }

    /** PIL's {@code clip8}: the fixed-point sum back to 0-255. */
    private static byte clip8(int value) {
        if (value >= (1 << PRECISION_BITS << 8)) {
            return (byte) 255;
        }
        if (value <= 0) {
            return 0;
        }
        return (byte) (value >> PRECISION_BITS);
    }

    /**
     * PIL's resampling coefficients along one axis ({@code precompute_coeffs} with the bilinear filter, support 1,
     * then {@code normalize_coeffs_8bpc}): output pixel {@code o} reads {@code count[o]} input pixels from
     * {@code start[o]} with integer weights {@code weights[o * size ...]} (22 fractional bits).
     */
    private record Coefficients(int size, int[] start, int[] count, int[] weights) {
        static Coefficients bilinear(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = 1.0 * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * size];
            double inverse = 1.0 / filterScale;
            double[] k = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
                double total = 0.0;
                for (int x = 0; x < xmax; x++) {
                    double w = triangle((x + xmin - center + 0.5) * inverse);
                    k[x] = w;
                    total += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double w = total != 0.0 ? k[x] / total : k[x];
                    weights[xx * size + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
                }
                start[xx] = xmin;
                count[xx] = xmax;
            }
            return new Coefficients(size, start, count, weights);
        }

        private static double triangle(double x) {
            double a = Math.abs(x);
            return a < 1.0 ? 1.0 - a : 0.0;
        }
    }
}
