package lddgan.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of image files, the form CelebA-HQ 256 is distributed in (PNG or JPEG files of 256 x 256): every
 * {@code *.png}, {@code *.jpg} and {@code *.jpeg} file (extension in any case) under the folder, sub-folders included
 * (symbolic links followed), in the order of their paths relative to the folder (plain string order, as Python's
 * {@code sorted}: "img10.png" before "img2.png").
 *
 * <p>Each image is preprocessed as the reference code does (DDGAN/LDDGAN {@code train_ddgan.py}: {@code Resize},
 * {@code CenterCrop}, then {@code ToTensor} + {@code Normalize(0.5, 0.5)} to [-1, 1] in {@link ImageSet#batch}); see
 * {@link ImagePreprocessing} for the exact arithmetic. Grey, palette and alpha images become RGB as PIL's
 * {@code convert('RGB')} makes them. The file's content decides the format, not its extension.
 */
public final class ImageFolder implements ImageSource {
    /** The file name extensions listed (compared without regard to case). */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private final Path folder;
    private final int resolution;
    private final List<Path> files;

    private ImageFolder(Path folder, int resolution, List<Path> files) {
        this.folder = folder;
        this.resolution = resolution;
        this.files = files;
    }

    /**
     * Lists the images of {@code folder}; decodes nothing yet.
     *
     * @param resolution side of the square output images (256 for CelebA-HQ 256)
     * @throws IOException naming the folder when it does not exist, is not a folder, or holds no image file
     */
    public static ImageFolder open(Path folder, int resolution) throws IOException {
        ImagePreprocessing.checkResolution(resolution);
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "image folder not found (expected a folder of *.png, *.jpg or "
                    + "*.jpeg files, such as CelebA-HQ 256)");
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder + " (expected a folder of *.png, *.jpg or *.jpeg files, not a file)");
        }
        List<Path> files;
        String separator = folder.getFileSystem().getSeparator();
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            // the sort key (relative path with '/') is made once per file, not once per comparison
            files = walk.filter(ImageFolder::isImageName)
                    .filter(Files::isRegularFile)
                    .map(p -> Map.entry(folder.relativize(p).toString().replace(separator, "/"), p))
                    .sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue)
                    .toList();
        } catch (UncheckedIOException e) {
            throw new IOException("Cannot list image folder " + folder + ": " + e.getCause(), e.getCause());
        }
        if (files.isEmpty()) {
            throw new IOException("Image folder " + folder + " holds no *.png, *.jpg or *.jpeg file (searched with its sub-folders): "
                    + "expected the dataset's image files there");
        }
        return new ImageFolder(folder, resolution, files);
    }

    private static boolean isImageName(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return false;
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    @Override
    public int size() {
        return files.size();
    }

    /** The folder's name and the resolution, for example "celeba_hq_256@256". */
    @Override
    public String name() {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return (name == null ? folder.toString() : name.toString()) + "@" + resolution;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    /** The folder. */
    public Path folder() {
        return folder;
    }

    /** The image files, in order. */
    public List<Path> files() {
        return files;
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        if (index < 0 || index >= files.size()) {
            throw new IndexOutOfBoundsException("image " + index + " of '" + name() + "', which has " + files.size() + " images");
        }
        return files.get(index);
    }

    /**
     * Image {@code index}: decoded, resized on its shorter side, centre-cropped (see {@link ImagePreprocessing}).
     *
     * @throws IOException naming the file when it cannot be read or is not a decodable PNG, JPEG or WebP image
     */
    @Override
    public byte[] read(int index) throws IOException {
        Path file = file(index);
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("Cannot read image file " + file + " (image " + index + " of " + name() + "): " + e, e);
        }
        return ImagePreprocessing.decodeAndPreprocess(encoded, "image file " + file, resolution);
    }

    @Override
    public String toString() {
        return "ImageFolder[" + folder + ", " + files.size() + " images, " + resolution + "x" + resolution + "]";
    }
}
