package lddgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImageNet-100 from ImageNet's class folders, on generated trees (issue 25, item 4). */
class ImageNet100Test {
    /** A tree with {@code perClass} JPEGs (40 x 30, grey level = label) in every listed class folder of {@code split}. */
    private static Path tree(Path root, String split, int perClass) throws IOException {
        List<String> classes = ImageNet100.classes();
        for (int label = 0; label < classes.size(); label++) {
            Path dir = Files.createDirectories(root.resolve(split).resolve(classes.get(label)));
            for (int i = 0; i < perClass; i++) {
                Files.write(dir.resolve(classes.get(label) + "_" + i + ".JPEG"),
                        ImageFixtures.jpeg(ImageFixtures.grey(40, 30, 2 * label)));
            }
        }
        return root;
    }

    @Test
    void theListIsCmcsHundredClassesInItsOrder() {
        List<String> classes = ImageNet100.classes();
        assertEquals(100, classes.size());
        // the first and last lines of CMC's imagenet100.txt, and a few in between
        assertEquals("n02869837", classes.get(0));
        assertEquals("n01749939", classes.get(1));
        assertEquals("n02123045", classes.get(89));
        assertEquals("n02090622", classes.get(99));
    }

    @Test
    void labelsFollowTheListAndOtherClassesAreIgnored(@TempDir Path tmp) throws IOException {
        Path root = tree(tmp, "train", 2);
        // a class of ImageNet-1k that is not in the list, and a second image of label 5 listed after the first
        Files.createDirectories(root.resolve("train/n01440764"));
        Files.write(root.resolve("train/n01440764/x.JPEG"), ImageFixtures.jpeg(ImageFixtures.grey(8, 8, 255)));
        ImageNet100 in100 = ImageNet100.open(root, "train", 16);
        assertEquals(200, in100.size());
        assertEquals("imagenet100-train@16", in100.name());
        assertEquals(0, in100.label(0));
        assertEquals(0, in100.label(1));
        assertEquals(1, in100.label(2));
        assertEquals(99, in100.label(199));
        assertEquals(2, in100.classSize(42));
        // resized on the shorter side (30 -> 16) and centre-cropped: a 16 x 16 grey image of the label's level
        byte[] image = in100.read(11);
        assertEquals(3 * 16 * 16, image.length);
        assertEquals(10, Byte.toUnsignedInt(image[100]), 2, "grey level 2 x label 5 (JPEG rounding)");
        ImageSet balanced = in100.loadPerClass(1);
        assertEquals(100, balanced.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, balanced.label(i));
        }
        assertArrayEquals(in100.read(2 * 7), java.util.Arrays.copyOfRange(balanced.pixels(), 7 * 768, 8 * 768));
        ImageSet first = in100.load(3);
        assertEquals(List.of(0, 0, 1), List.of(first.label(0), first.label(1), first.label(2)));
        assertThrows(IndexOutOfBoundsException.class, () -> in100.label(200));
    }

    @Test
    void aMissingClassFolderIsNamedWithItsLabel(@TempDir Path tmp) throws IOException {
        Path root = tree(tmp, "val", 1);
        String missing = ImageNet100.classes().get(37);
        try (var files = Files.list(root.resolve("val").resolve(missing))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(root.resolve("val").resolve(missing));
        IOException e = assertThrows(IOException.class, () -> ImageNet100.open(root, "val", 128));
        assertTrue(e.getMessage().contains(root.resolve("val").resolve(missing).toString())
                && e.getMessage().contains("label 37"), e.getMessage());
    }

    @Test
    void anEmptyClassFolderAndAMissingSplitAreNamed(@TempDir Path tmp) throws IOException {
        Path root = tree(tmp, "train", 1);
        Path emptied = root.resolve("train").resolve(ImageNet100.classes().get(3));
        try (var files = Files.list(emptied)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        IOException e = assertThrows(IOException.class, () -> ImageNet100.open(root, "train", 128));
        assertTrue(e.getMessage().contains(emptied.toString()) && e.getMessage().contains("holds no"), e.getMessage());
        e = assertThrows(IOException.class, () -> ImageNet100.open(root, "val", 128));
        assertTrue(e.getMessage().contains(root.resolve("val").toString()) && e.getMessage().contains("<wnid>/*.JPEG"),
                e.getMessage());
    }

    @Test
    void aBadJpegIsNamedWhenRead(@TempDir Path tmp) throws IOException {
        Path root = tree(tmp, "train", 1);
        Path bad = root.resolve("train").resolve(ImageNet100.classes().get(50)).resolve("zz_broken.JPEG");
        Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        ImageNet100 in100 = ImageNet100.open(root, "train", 128);
        assertEquals(101, in100.size());
        // class 50's images: its good one at 50, the broken one (sorted after it) at 51
        assertEquals(50, in100.label(51));
        IOException e = assertThrows(IOException.class, () -> in100.read(51));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        IOException inLoad = assertThrows(IOException.class, () -> in100.loadPerClass(2));
        assertTrue(inLoad.getMessage().contains(bad.toString()), inLoad.getMessage());
    }
}
