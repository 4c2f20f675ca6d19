package lddgan.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ImageNet-100 read from ImageNet's class-folder layout ({@code <root>/train/<wnid>/*.JPEG}, {@code <root>/val/<wnid>/...}):
 * only the 100 classes of CMC's list (Tian et al. 2019; {@value #CLASS_LIST} on the class path, with its source), each
 * image resized on its shorter side and centre-cropped to the requested resolution (128 for the latent-diffusion
 * project's ImageNet-100, {@link ImagePreprocessing}), labelled 0-99 in the list's order. Images are ordered class by
 * class in that order, and by path within a class ({@link ImageFolder}); folders of other classes are ignored.
 */
public final class ImageNet100 implements ImageSource {
    /** The class list on the class path: one WordNet id per line, '#' comments. */
    public static final String CLASS_LIST = "data/imagenet100.txt";
    /** The number of classes. */
    public static final int CLASSES = 100;

    private final Path root;
    private final String split;
    private final int resolution;
    private final List<ImageFolder> folders;
    private final int[] starts;

    private ImageNet100(Path root, String split, int resolution, List<ImageFolder> folders) {
        this.root = root;
        this.split = split;
        this.resolution = resolution;
        this.folders = folders;
        this.starts = new int[folders.size() + 1];
        for (int c = 0; c < folders.size(); c++) {
            starts[c + 1] = Math.addExact(starts[c], folders.get(c).size());
        }
    }

    /**
     * The 100 WordNet ids, label order.
     *
     * @throws IllegalStateException when the list on the class path is not 100 distinct ids of the form n########
     */
    public static List<String> classes() {
        List<String> ids = new ArrayList<>();
        try (InputStream in = ImageNet100.class.getClassLoader().getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                throw new IllegalStateException(CLASS_LIST + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASS_LIST, e);
        }
        Set<String> distinct = new HashSet<>(ids);
        if (ids.size() != CLASSES || distinct.size() != CLASSES || !ids.stream().allMatch(id -> id.matches("n\\d{8}"))) {
            throw new IllegalStateException(CLASS_LIST + ": expected " + CLASSES + " distinct WordNet ids (n########), found "
                    + ids.size() + " (" + distinct.size() + " distinct)");
        }
        return List.copyOf(ids);
    }

    /**
     * Lists the images of {@code split} ("train" or "val") under {@code root}; decodes nothing yet.
     *
     * @throws IOException naming the path when the split folder is missing, a class of the list has no folder (with
     *     its label), or a class folder holds no image
     */
    public static ImageNet100 open(Path root, String split, int resolution) throws IOException {
        ImagePreprocessing.checkResolution(resolution);
        Path dir = root.resolve(split);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "ImageNet-100 split folder not found (expected ImageNet's "
                    + "layout: " + root.resolve(split).resolve("<wnid>/*.JPEG") + ")");
        }
        List<String> classes = classes();
        List<ImageFolder> folders = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = dir.resolve(classes.get(label));
            if (!Files.isDirectory(classDir)) {
                throw new NoSuchFileException(classDir.toString(), null, "ImageNet-100 class " + classes.get(label)
                        + " (label " + label + ") has no folder in " + dir + ": every class of " + CLASS_LIST + " is needed");
            }
            folders.add(ImageFolder.open(classDir, resolution));
        }
        return new ImageNet100(root, split, resolution, folders);
    }

    @Override
    public int size() {
        return starts[starts.length - 1];
    }

    /** "imagenet100-<split>@<resolution>". */
    @Override
    public String name() {
        return "imagenet100-" + split + "@" + resolution;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    /** The dataset's root folder. */
    public Path root() {
        return root;
    }

    /** The number of images of class {@code label}. */
    public int classSize(int label) {
        return folders.get(label).size();
    }

    /** The class label (0-99) of image {@code index}. */
    @Override
    public int label(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("image " + index + " of '" + name() + "', which has " + size() + " images");
        }
        int c = java.util.Arrays.binarySearch(starts, index);
        // an exact hit is the first image of a class; empty classes are refused at open, so hits are unique
        return c >= 0 ? c : -c - 2;
    }

    /** Image {@code index}: its class folder's image {@code index - first of the class}, preprocessed. */
    @Override
    public byte[] read(int index) throws IOException {
        int c = label(index);
        return folders.get(c).read(index - starts[c]);
    }

    /**
     * The first {@code perClass} images of every class (all of a class that has fewer), class by class, with their
     * labels: a balanced subset.
     */
    public ImageSet loadPerClass(int perClass) throws IOException {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be >= 1, got " + perClass);
        }
        List<Integer> indices = new ArrayList<>();
        for (int c = 0; c < folders.size(); c++) {
            for (int i = 0; i < Math.min(perClass, folders.get(c).size()); i++) {
                indices.add(starts[c] + i);
            }
        }
        return load(indices.stream().mapToInt(Integer::intValue).toArray(), name() + "[" + perClass + " per class]");
    }

    @Override
    public String toString() {
        return "ImageNet100[" + root.resolve(split) + ", " + size() + " images, " + resolution + "x" + resolution + "]";
    }
}
