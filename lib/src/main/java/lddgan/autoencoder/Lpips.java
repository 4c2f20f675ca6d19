package lddgan.autoencoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import lddgan.config.ProjectPaths;
import lddgan.data.Download;
import lddgan.nn.Scoped;
import lddgan.nn.TorchScript;

/**
 * LPIPS, the learned perceptual image patch similarity of Zhang et al. 2018 ("The Unreasonable Effectiveness of Deep
 * Features as a Perceptual Metric"), VGG16 variant, version 0.1: the perceptual loss of the LDM / taming-transformers
 * autoencoders ({@code taming/modules/losses/lpips.py}: {@code LPIPS().eval()}, inputs in [-1, 1], scaling layer
 * inside; REFERENCE-CODE.md section 6). The network is {@code lpips.LPIPS(net='vgg').eval()} of the {@code lpips}
 * package (same VGG16 features, same linear heads {@code vgg.pth} as taming's {@code vgg_lpips} checkpoint),
 * exported by the user to TorchScript with {@code environment/export_lpips.py} (README "Perceptual loss (LPIPS)"),
 * since no TorchScript LPIPS is published. Its call is {@code forward(x, y) -> (N, 1, 1, 1)}.
 *
 * <p>The file is checked against a SHA-256 before it is loaded ({@link Weights}): the digest in the sidecar {@code
 * <file>.sha256} that the export script writes, or one given explicitly ({@value #ENV_SHA256}).
 *
 * <p>Gradients (lib/DEVELOPMENT.md "Gradients through TorchScript"): the module is loaded with ordinary, frozen
 * parameter tensors ({@link TorchScript#loadDifferentiable}; DJL's default inference tensors cannot take part in a
 * backward pass), put in eval mode once, and always run through {@code Block.forward(..., training = true)}, the only
 * DJL call that records the graph (a {@code training = false} call would also make the next {@code true} one switch
 * the module to training mode). Gradients thus reach both images and nothing accumulates in LPIPS.
 *
 * <p>The reference computes the loss as {@code p_loss = LPIPS(x.contiguous(), xrec.contiguous())} and adds {@code
 * perceptual_weight} (1.0) times it to the per-pixel L1 term; that weighting belongs to the training loop.
 */
public final class Lpips implements PerceptualLoss {
    /** File name of the exported network. */
    public static final String FILE_NAME = "lpips-vgg16.pt";
    /** Suffix of the digest file beside it ({@code sha256sum} format: hex digest, two spaces, file name). */
    public static final String SIDECAR_SUFFIX = ".sha256";
    /** Environment variable (or system property {@code lddgan.lpips}) naming the TorchScript file. */
    public static final String ENV_FILE = "LDDGAN_LPIPS";
    /** Environment variable (or system property {@code lddgan.lpips.sha256}) giving the expected SHA-256. */
    public static final String ENV_SHA256 = "LDDGAN_LPIPS_SHA256";

    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock network;
    private final ParameterStore store;
    private final Weights weights;
    private final String sha256;
    private final Device device;

    private Lpips(ZooModel<NDList, NDList> model, Weights weights, String sha256, Device device) {
        this.model = model;
        this.network = (PtSymbolBlock) model.getBlock();
        this.store = new ParameterStore(model.getNDManager(), false);
        this.weights = weights;
        this.sha256 = sha256;
        this.device = device;
    }

    /**
     * Where the exported LPIPS network lives and the SHA-256 it must have.
     *
     * @param file the TorchScript file
     * @param sha256 the expected digest given explicitly, or null to read it from the sidecar {@code <file>.sha256}
     */
    public record Weights(Path file, String sha256) {
        /** Normalises the digest (lower case, no blanks). */
        public Weights {
            if (file == null) {
                throw new IllegalArgumentException("file must not be null");
            }
            sha256 = sha256 == null || sha256.isBlank() ? null : sha256.trim().toLowerCase(Locale.ROOT);
        }

        /**
         * The settings of this machine: file {@value #ENV_FILE} ({@code -Dlddgan.lpips}), default
         * {@code .cache/weights/}{@value #FILE_NAME} under the project root; digest {@value #ENV_SHA256}
         * ({@code -Dlddgan.lpips.sha256}), default the sidecar's.
         */
        public static Weights configured() {
            String file = System.getProperty("lddgan.lpips", System.getenv(ENV_FILE));
            String sha = System.getProperty("lddgan.lpips.sha256", System.getenv(ENV_SHA256));
            return new Weights(file != null && !file.isBlank() ? Path.of(file)
                    : ProjectPaths.cacheDir().resolve("weights").resolve(FILE_NAME), sha);
        }

        /** {@code file} with the digest of its sidecar. */
        public static Weights at(Path file) {
            return new Weights(file, null);
        }

        /** The digest file beside the network: {@code <file>.sha256}. */
        public Path sidecar() {
            return file.resolveSibling(file.getFileName() + SIDECAR_SUFFIX);
        }

        /**
         * The digest the file must have: the explicit one, else the sidecar's.
         *
         * @throws IOException when there is neither, when the sidecar holds no SHA-256, or when both are given and
         *     differ (the message names the file, the sidecar and both digests)
         */
        public String expectedSha256() throws IOException {
            String fromSidecar = readSidecar();
            if (sha256 != null && fromSidecar != null && !sha256.equals(fromSidecar)) {
                throw new IOException("Two different SHA-256 for " + file + ": " + ENV_SHA256 + " (or -Dlddgan.lpips.sha256)"
                        + " says " + sha256 + ", " + sidecar() + " says " + fromSidecar + ". Remove the one that is wrong.");
            }
            String expected = sha256 != null ? sha256 : fromSidecar;
            if (expected == null) {
                String actual = Files.isRegularFile(file) ? Download.sha256(file) : "unknown (file missing)";
                throw new IOException("No expected SHA-256 for " + file + ": " + sidecar() + " is missing and " + ENV_SHA256
                        + " is not set (actual SHA-256 " + actual + "). The export script writes the sidecar; copy it with"
                        + " the network, or set " + ENV_SHA256 + " to the digest printed by the export. " + howToGet());
            }
            return expected;
        }

        private String readSidecar() throws IOException {
            Path sidecar = sidecar();
            if (!Files.isRegularFile(sidecar)) {
                return null;
            }
            String text = Files.readString(sidecar, StandardCharsets.UTF_8).trim();
            String digest = text.isEmpty() ? "" : text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (!digest.matches("[0-9a-f]{64}")) {
                throw new IOException(sidecar + " holds no SHA-256 (expected 64 hex digits, as sha256sum writes): '"
                        + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'. " + howToGet());
            }
            return digest;
        }

        /** What to do when the file is missing or wrong. */
        public String howToGet() {
            return "Export it on a machine with network access: `pip install torch==2.7.1 torchvision==0.22.1 lpips`, then `python3 "
                    + "environment/export_lpips.py " + file + "` (or `make lpips`), which writes the network and its "
                    + file.getFileName() + SIDECAR_SUFFIX + " sidecar; copy both here. " + ENV_FILE
                    + " points to another file, " + ENV_SHA256 + " gives the digest. Without it, train with `perceptual: "
                    + NO_PERCEPTUAL + "` (README \"Perceptual loss (LPIPS)\").";
        }

        /**
         * Checks that the file exists with the expected SHA-256.
         *
         * @return the verified digest
         * @throws IOException naming the file, the expected digest (and the actual one when it differs or none is
         *     expected) and how to get the file
         */
        public String verify() throws IOException {
            if (!Files.isRegularFile(file)) {
                String expected = sha256 != null ? sha256 : readSidecar();
                throw new IOException("Missing " + file + " (expected SHA-256 "
                        + (expected != null ? expected : "from " + sidecar() + ", also missing") + "). " + howToGet());
            }
            String expected = expectedSha256();
            Download.verify(file, expected, howToGet());
            return expected;
        }
    }

    /**
     * Verifies and loads the network, puts it in eval mode and checks its call signature on a tiny input.
     *
     * @throws IOException when the file or its digest is missing, the digest differs (the message names the file, the
     *     expected and the actual digest and how to get the file), or the file is not an LPIPS-like TorchScript module
     */
    public static Lpips load(Weights weights, Device device) throws IOException {
        String sha = weights.verify();
        ZooModel<NDList, NDList> model = TorchScript.loadDifferentiable(weights.file(), device);
        Lpips lpips = new Lpips(model, weights, sha, device);
        // eval mode once: dropout off in scripted modules; distance() then never switches it back (see class doc)
        JniUtils.enableInferenceMode(lpips.network);
        lpips.probe();
        return lpips;
    }

    /** Loads the configured network ({@link Weights#configured()}) on {@code device}. */
    public static Lpips load(Device device) throws IOException {
        return load(Weights.configured(), device);
    }

    private void probe() throws IOException {
        Shape out;
        try (NDManager scope = NDManager.newBaseManager(device, "PyTorch")) {
            NDArray x = scope.zeros(new Shape(1, 3, 32, 32));
            out = network.forward(store, new NDList(x, x), true).singletonOrThrow().getShape();
        } catch (RuntimeException e) {
            close();
            throw new IOException(weights.file() + " is not an LPIPS network: forward(x, y) failed on (1, 3, 32, 32) "
                    + "images: " + e.getMessage() + " " + weights.howToGet(), e);
        }
        if (!out.equals(new Shape(1, 1, 1, 1))) {
            close();
            throw new IOException(weights.file() + " is not an LPIPS network: forward(x, y) on (1, 3, 32, 32) images "
                    + "returned " + out + " instead of (1, 1, 1, 1). " + weights.howToGet());
        }
    }

    /**
     * LPIPS(x, y) per sample: the sum over the five VGG16 stages of the spatial mean of the learned channel weighting
     * of the squared difference of unit-normalised features.
     *
     * @param x images (N, 3, H, W) in [-1, 1]; H, W at least 16 for VGG16 (five stages of pooling)
     * @param y images of the same shape in [-1, 1]
     * @return (N) distances in {@code x}'s manager and on {@code x}'s device, differentiable with respect to x and y
     */
    @Override
    public NDArray distance(NDArray x, NDArray y) {
        long n = PerceptualLoss.checkImages(x, y);
        return Scoped.apply(x, (in, scope) -> {
            if (y != in) {
                y.tempAttach(scope);
            }
            NDList inputs = new NDList(input(in), input(y));
            return network.forward(store, inputs, true).singletonOrThrow().reshape(n).toDevice(in.getDevice(), false);
        });
    }

    /**
     * The array handed to the module: on its device, and unnamed (DJL reads names with a dot or brackets as the keys
     * of dictionary, list or tuple arguments). Both changes are differentiable.
     */
    private NDArray input(NDArray image) {
        NDArray v = image.toDevice(device, false);
        return v.getName() == null ? v : v.reshape(v.getShape());
    }

    /**
     * The fixed pair of images of which {@code environment/export_lpips.py} prints LPIPS ({@code check_pair}), to
     * compare the exported network in Python with its run here: x = (u, v, u v), y = (sin 3u, cos 2v, u / 2), u the
     * column and v the row coordinate on a {@code size} x {@code size} grid over [-1, 1].
     *
     * @return (x, y), each (1, 3, size, size), in {@code manager}
     */
    public static NDList checkPair(NDManager manager, int size) {
        NDArray line = manager.linspace(-1f, 1f, size);
        NDArray u = line.reshape(1, size).broadcast(new Shape(size, size));
        NDArray v = line.reshape(size, 1).broadcast(new Shape(size, size));
        NDArray x = NDArrays.stack(new NDList(u, v, u.mul(v))).expandDims(0).clip(-1f, 1f);
        NDArray y = NDArrays.stack(new NDList(u.mul(3f).sin(), v.mul(2f).cos(), u.mul(0.5f))).expandDims(0).clip(-1f, 1f);
        return new NDList(x, y);
    }

    /** {@value #LPIPS}. */
    @Override
    public String name() {
        return LPIPS;
    }

    /** The verified SHA-256 of the loaded file. */
    public String sha256() {
        return sha256;
    }

    /** The loaded file. */
    public Path file() {
        return weights.file();
    }

    /** Whether every parameter of the module is frozen (requires no gradient), as DJL loads them. */
    boolean parametersFrozen() {
        return network.getParameters().values().stream().noneMatch(p -> JniUtils.requiresGrad((PtNDArray) p.getArray()));
    }

    @Override
    public String toString() {
        return "LPIPS-VGG16 " + weights.file() + " (SHA-256 " + sha256 + ")";
    }

    @Override
    public void close() {
        model.close();
    }
}
