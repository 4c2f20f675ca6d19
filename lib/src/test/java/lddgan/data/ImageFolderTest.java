package lddgan.data;

import static lddgan.data.ImageFixtures.assertMessageContains;
import static lddgan.data.ImageFixtures.assertNotFound;
import static lddgan.data.ImageFixtures.pixel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageFolder}: listing, order, the reference preprocessing on known patterns, and errors. */
class ImageFolderTest {
    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;

    @TempDir
    Path tmp;

    private Path write(String relative, byte[] bytes) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Green, red, blue, green in four bands of {@code quarter} pixels along {@code coordinate}. */
    private static int band(int coordinate, int quarter) {
        return coordinate < quarter || coordinate >= 3 * quarter ? GREEN : coordinate < 2 * quarter ? RED : BLUE;
    }

    /** Writes {@code encoded} as the folder's only image and reads it back preprocessed to {@code resolution}. */
    private byte[] readAsOnlyImage(String name, byte[] encoded, int resolution) throws IOException {
        write(name, encoded);
        return ImageFolder.open(tmp, resolution).read(0);
    }

    @Test
    void listsImagesRecursivelyInSortedOrderAndIgnoresOtherFiles() throws IOException {
        write("img2.png", ImageFixtures.png(ImageFixtures.solid(40, 30, 0x102030)));
        write("img10.png", ImageFixtures.png(ImageFixtures.solid(30, 40, 0x405060)));
        write("a.jpg", ImageFixtures.jpeg(ImageFixtures.grey(64, 64, 128)));
        write("sub/C.PNG", ImageFixtures.png(ImageFixtures.rgba(17, 50, 0x708090, 40)));
        write("z.JPEG", ImageFixtures.jpeg(ImageFixtures.solid(100, 20, 0xA0B0C0)));
        write("notes.txt", "not an image".getBytes());
        write("thumb.gif", ImageFixtures.encode(ImageFixtures.solid(8, 8, 0), "gif"));
        ImageFolder folder = ImageFolder.open(tmp, 16);
        List<String> names = folder.files().stream().map(p -> tmp.relativize(p).toString()).toList();
        // plain string order, as Python's sorted: "img10" before "img2"
        assertEquals(List.of("a.jpg", "img10.png", "img2.png", "sub/C.PNG", "z.JPEG"), names);
        assertEquals(5, folder.size());
        assertEquals(tmp.getFileName() + "@16", folder.name());
        for (int i = 0; i < folder.size(); i++) {
            assertEquals(3 * 16 * 16, folder.read(i).length);
        }
        ImageSet some = folder.load(3);
        assertEquals(3, some.size());
        assertEquals(3, some.channels());
        assertEquals(16, some.height());
        assertEquals(16, some.width());
        assertEquals(folder.name() + "[:3]", some.name());
        assertArrayEquals(new byte[3], some.labels());
        assertArrayEquals(folder.read(1), Arrays.copyOfRange(some.pixels(), 768, 1536));
        ImageSet all = folder.load(100);
        assertEquals(5, all.size());
        assertEquals(folder.name(), all.name());
        assertArrayEquals(folder.read(4), Arrays.copyOfRange(all.pixels(), 4 * 768, 5 * 768));
    }

    @Test
    void solidColoursStaySolidWhateverTheSizeFormatAndColourModel() throws IOException {
        write("01-rgb-wide.png", ImageFixtures.png(ImageFixtures.solid(50, 20, 0xC81E5A)));
        write("02-rgb-tall-small.png", ImageFixtures.png(ImageFixtures.solid(5, 7, 0xC81E5A)));
        write("03-grey.png", ImageFixtures.png(ImageFixtures.grey(33, 33, 77)));
        write("04-rgba-transparent.png", ImageFixtures.png(ImageFixtures.rgba(40, 25, 0x0A141E, 0)));
        write("05-palette.png", ImageFixtures.png(ImageFixtures.palette(31, 19, 0x3C5A78)));
        write("06-rgb.jpg", ImageFixtures.jpeg(ImageFixtures.solid(48, 32, 0xC81E5A)));
        write("07-grey.jpeg", ImageFixtures.jpeg(ImageFixtures.grey(20, 60, 200)));
        ImageFolder folder = ImageFolder.open(tmp, 12);
        int[][] expected = {
            {0xC8, 0x1E, 0x5A}, {0xC8, 0x1E, 0x5A}, {77, 77, 77}, {0x0A, 0x14, 0x1E}, {0x3C, 0x5A, 0x78}, {0xC8, 0x1E, 0x5A},
            {200, 200, 200}};
        int[] tolerance = {0, 0, 0, 0, 0, 3, 1}; // JPEG is lossy
        for (int i = 0; i < folder.size(); i++) {
            byte[] image = folder.read(i);
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    int[] p = pixel(image, 12, x, y);
                    for (int c = 0; c < 3; c++) {
                        assertTrue(Math.abs(p[c] - expected[i][c]) <= tolerance[i], folder.file(i) + " at (" + x + ", " + y + "): "
                                + Arrays.toString(p) + ", expected " + Arrays.toString(expected[i]));
                    }
                }
            }
        }
    }

    @Test
    void wideImageKeepsItsCentreWithLeftRedAndRightBlue() throws IOException {
        // 2:1, columns: 0-31 green, 32-63 red, 64-95 blue, 96-127 green. Resize(32) -> 64x32, CenterCrop(32) keeps input
        // columns 32-95: red on the left, blue on the right, the green quarters cut away (but for the filter's reach).
        byte[] out = readAsOnlyImage("wide.png", ImageFixtures.png(ImageFixtures.rgb(128, 64, (x, y) -> band(x, 32))), 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 1; x <= 14; x++) {
                assertArrayEquals(new int[] {255, 0, 0}, pixel(out, 32, x, y), "(" + x + ", " + y + ")");
                assertArrayEquals(new int[] {0, 0, 255}, pixel(out, 32, 31 - x, y), "(" + (31 - x) + ", " + y + ")");
            }
            int[] left = pixel(out, 32, 0, y);
            int[] right = pixel(out, 32, 31, y);
            assertTrue(left[0] > 200 && left[1] < 64 && left[2] == 0, Arrays.toString(left));
            assertTrue(right[2] > 200 && right[1] < 64 && right[0] == 0, Arrays.toString(right));
        }
    }

    @Test
    void tallImageKeepsItsCentreWithTopRedAndBottomBlue() throws IOException {
        byte[] out = readAsOnlyImage("tall.jpg", ImageFixtures.jpeg(ImageFixtures.rgb(30, 60, (x, y) -> band(y, 15))), 10);
        // Resize(10) -> 10x20 (scale 3), CenterCrop(10) keeps input rows 15-44
        for (int x = 0; x < 10; x++) {
            int[] top = pixel(out, 10, x, 2);
            int[] bottom = pixel(out, 10, x, 7);
            assertTrue(top[0] > 230 && top[1] < 25 && top[2] < 25, Arrays.toString(top));
            assertTrue(bottom[2] > 230 && bottom[0] < 25 && bottom[1] < 25, Arrays.toString(bottom));
        }
    }

    @Test
    void undecodableFilesAreNamedWithWhatWasExpected() throws IOException {
        byte[] png = ImageFixtures.png(ImageFixtures.solid(40, 30, 0x336699));
        byte[] jpeg = ImageFixtures.jpeg(ImageFixtures.solid(40, 30, 0x336699));
        write("0-good.png", png);
        Path garbage = write("1-garbage.png", "<html>404 not found</html>".getBytes());
        Path truncatedPng = write("2-truncated.png", Arrays.copyOf(png, png.length - 20));
        Path truncatedJpeg = write("3-truncated.jpg", Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        Path empty = write("4-empty.jpeg", new byte[0]);
        ImageFolder folder = ImageFolder.open(tmp, 8);
        assertEquals(24 * 8, folder.read(0).length);
        for (Path bad : List.of(garbage, truncatedPng, truncatedJpeg, empty)) {
            int index = folder.files().indexOf(bad);
            IOException e = assertThrows(IOException.class, () -> folder.read(index), bad.toString());
            assertMessageContains(e, bad.toString(), "expected a PNG, JPEG or WebP image");
        }
        IOException e = assertThrows(IOException.class, () -> folder.load(5));
        assertTrue(e.getMessage().contains(garbage.toString()), "the first failing file is named: " + e.getMessage());
    }

    @Test
    void missingEmptyOrNonFolderPathsAreNamed() throws IOException {
        Path missing = tmp.resolve("celeba_hq_256");
        assertNotFound(() -> ImageFolder.open(missing, 256), missing);

        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        write("empty/readme.txt", "no images".getBytes());
        IOException none = assertThrows(IOException.class, () -> ImageFolder.open(empty.getParent(), 256));
        assertMessageContains(none, empty.getParent().toString(), "no *.png, *.jpg or *.jpeg");

        Path file = write("single.png", ImageFixtures.png(ImageFixtures.solid(4, 4, 0)));
        NotDirectoryException notDir = assertThrows(NotDirectoryException.class, () -> ImageFolder.open(file, 256));
        assertMessageContains(notDir, file.toString());

        assertThrows(IllegalArgumentException.class, () -> ImageFolder.open(tmp, 0));
        ImageFolder one = ImageFolder.open(tmp, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> one.read(one.size()));
        assertThrows(IllegalArgumentException.class, () -> one.load(-1));
    }
}
