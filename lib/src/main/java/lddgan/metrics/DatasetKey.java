package lddgan.metrics;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import lddgan.data.ImageSet;

/**
 * A short, file-name-safe name of an image set that changes whenever its content does: the set's name without
 * its location (for example {@code cifar-10-train}), its size, and the first 8 hex digits of the SHA-256 of its
 * pixels. Names cached reference statistics and the training data of cached feature extractors.
 *
 * @param slug the set's name, lower case, letters, digits and dashes only
 * @param size number of images
 * @param contentDigest first 8 hex digits of the SHA-256 of the pixels and labels
 */
public record DatasetKey(String slug, int size, String contentDigest) {
    /** The key of an image set (hashes its pixels: about 50 ms for 5,000 CIFAR images). */
    public static DatasetKey of(ImageSet images) {
        String name = images.name();
        int paren = name.indexOf(" (");
        String base = paren > 0 ? name.substring(0, paren) : name;
        String slug = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(images.pixels());
            sha.update(images.labels());
            return new DatasetKey(slug.isEmpty() ? "images" : slug, images.size(), HexFormat.of().formatHex(sha.digest()).substring(0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code slug-nSIZE-digest}, for file names and extractor ids. */
    public String text() {
        return slug + "-n" + size + "-" + contentDigest;
    }
}
