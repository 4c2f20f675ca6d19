package lddgan.data;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Describes an {@link ImageSet}: images per class and the distribution of pixel values per channel. */
public final class DatasetSummary {
    /** CIFAR-10 class names, index = label byte (batches.meta.txt). */
    public static final String[] CIFAR10_CLASSES = {
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

    private DatasetSummary() {
    }

    /** A table with one row per class: label, name, number of images. */
    public static Table classCounts(ImageSet set, String[] classNames) {
        int[] counts = new int[classNames.length];
        for (int i = 0; i < set.size(); i++) {
            counts[set.label(i)]++;
        }
        IntColumn label = IntColumn.create("label");
        StringColumn name = StringColumn.create("class");
        IntColumn count = IntColumn.create("images");
        for (int k = 0; k < counts.length; k++) {
            label.append(k);
            name.append(classNames[k]);
            count.append(counts[k]);
        }
        return Table.create("Images per class: " + set.name(), label, name, count);
    }

    /** Fraction of pixels in each of {@code bins} equal-width bins of [0, 255], per channel: [channel][bin]. */
    public static double[][] channelHistogram(ImageSet set, int bins) {
        double[][] h = new double[set.channels()][bins];
        int plane = set.height() * set.width();
        byte[] px = set.pixels();
        for (int i = 0; i < px.length; i++) {
            int channel = (i / plane) % set.channels();
            h[channel][Byte.toUnsignedInt(px[i]) * bins / 256]++;
        }
        long perChannel = (long) set.size() * plane;
        for (double[] row : h) {
            for (int b = 0; b < bins; b++) {
                row[b] /= perChannel;
            }
        }
        return h;
    }
}
