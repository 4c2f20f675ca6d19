package lddgan.data;

import java.util.SplittableRandom;

/**
 * A deterministic synthetic image dataset for when no real data is present (the smoke profile, tests).
 *
 * <p>Ten classes, each a coloured shape (disc, square, ring, stripes, cross ...) with a class colour, drawn at a
 * random position, size and brightness on a random smooth background gradient. Images depend only on the seed
 * and index, so two runs give identical data. Not CIFAR-10: results on it are labelled "synthetic".
 */
public final class SyntheticImages {
    private static final int[][] COLOURS = {
        {230, 60, 50}, {60, 180, 75}, {50, 90, 220}, {240, 200, 40}, {160, 60, 200},
        {40, 200, 200}, {240, 130, 40}, {200, 200, 200}, {120, 80, 40}, {240, 100, 170}};

    private SyntheticImages() {
    }

    /** {@code n} images of size {@code side} x {@code side} (3 channels) from {@code seed}. */
    public static ImageSet generate(int n, int side, long seed) {
        if (n < 0 || side < 4) {
            throw new IllegalArgumentException("synthetic images need n >= 0 and side >= 4, got n=" + n + ", side=" + side);
        }
        int plane = side * side;
        byte[] pixels = new byte[n * 3 * plane];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
            int label = rnd.nextInt(10);
            labels[i] = (byte) label;
            double cx = side * (0.3 + 0.4 * rnd.nextDouble());
            double cy = side * (0.3 + 0.4 * rnd.nextDouble());
            double radius = side * (0.18 + 0.14 * rnd.nextDouble());
            double brightness = 0.7 + 0.3 * rnd.nextDouble();
            double[] bg0 = {rnd.nextDouble() * 90, rnd.nextDouble() * 90, rnd.nextDouble() * 90};
            double[] bg1 = {rnd.nextDouble() * 90, rnd.nextDouble() * 90, rnd.nextDouble() * 90};
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double a = (x + y) / (2.0 * (side - 1));
                    boolean inside = inside(label, x + 0.5 - cx, y + 0.5 - cy, radius);
                    for (int c = 0; c < 3; c++) {
                        double v = inside ? COLOURS[label][c] * brightness : bg0[c] * (1 - a) + bg1[c] * a;
                        v += (rnd.nextDouble() - 0.5) * 12;
                        pixels[i * 3 * plane + c * plane + y * side + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                    }
                }
            }
        }
        return new ImageSet("synthetic shapes (" + n + " images, " + side + "x" + side + ", seed " + seed + ")", 3, side, side,
                pixels, labels);
    }

    private static boolean inside(int label, double dx, double dy, double r) {
        double d = Math.hypot(dx, dy);
        return switch (label) {
            case 0 -> d < r;                                               // disc
            case 1 -> Math.abs(dx) < r && Math.abs(dy) < r;                // square
            case 2 -> d < r && d > 0.55 * r;                               // ring
            case 3 -> Math.abs(dx) < r && Math.abs(dy) < r && ((int) Math.floor((dy + r) / (r / 2))) % 2 == 0; // stripes
            case 4 -> (Math.abs(dx) < r / 3 && Math.abs(dy) < r) || (Math.abs(dy) < r / 3 && Math.abs(dx) < r); // cross
            case 5 -> Math.abs(dx) + Math.abs(dy) < r;                     // diamond
            case 6 -> dy > -r && dy < r && Math.abs(dx) < (dy + r) / 2;    // triangle
            case 7 -> Math.abs(dx) < r && Math.abs(dy) < r / 3;            // bar
            case 8 -> Math.abs(dx - dy) < r / 3 && d < r;                  // diagonal
            default -> d < r && (dx > 0) == (dy > 0);                      // quadrants
        };
    }
}
