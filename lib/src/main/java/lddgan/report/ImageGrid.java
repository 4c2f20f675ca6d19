package lddgan.report;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;

/** A grid of images (the paper's Fig. 4/5 sample grids) from a (N, C, H, W) batch in [-1, 1]. */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * Lays out the batch in rows of {@code columns} images, each enlarged {@code scale} times (nearest neighbour),
     * separated by a 2-pixel white border. One channel is shown as grey, three as RGB.
     */
    public static BufferedImage of(NDArray images, int columns, int scale) {
        long[] s = images.getShape().getShape();
        if (s.length != 4 || (s[1] != 1 && s[1] != 3)) {
            throw new IllegalArgumentException("ImageGrid expects (N, 1 or 3, H, W) images, got " + images.getShape());
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        float[] v = images.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        int cols = Math.max(1, Math.min(columns, n));
        int rows = (n + cols - 1) / cols;
        int pad = 2;
        BufferedImage img = new BufferedImage(cols * (w * scale + pad) + pad, rows * (h * scale + pad) + pad, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        for (int i = 0; i < n; i++) {
            int x0 = pad + (i % cols) * (w * scale + pad);
            int y0 = pad + (i / cols) * (h * scale + pad);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = i * c * h * w + y * w + x;
                    int r = toByte(v[base]);
                    int gg = c == 3 ? toByte(v[base + h * w]) : r;
                    int b = c == 3 ? toByte(v[base + 2 * h * w]) : r;
                    int rgb = (r << 16) | (gg << 8) | b;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    /**
     * The channels of latents (N, C, h, w) as grey images, one row per latent and one column per channel; each channel
     * is divided by its largest |value| over the batch, so mid-grey is 0 (the latent channels of notebook 01).
     */
    public static BufferedImage channels(NDArray latents, int scale) {
        long[] s = latents.getShape().getShape();
        if (s.length != 4) {
            throw new IllegalArgumentException("ImageGrid.channels expects (N, C, h, w) latents, got " + latents.getShape());
        }
        NDArray perChannel = latents.abs().transpose(1, 0, 2, 3).reshape(s[1], -1).max(new int[] {1})
                .reshape(1, s[1], 1, 1).maximum(1e-12f);
        NDArray grey = latents.div(perChannel).reshape(s[0] * s[1], 1, s[2], s[3]);
        BufferedImage img = of(grey, (int) s[1], scale);
        perChannel.close();
        grey.close();
        return img;
    }

    private static int toByte(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }
}
