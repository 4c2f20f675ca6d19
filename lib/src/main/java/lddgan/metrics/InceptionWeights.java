package lddgan.metrics;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import lddgan.config.ProjectPaths;
import lddgan.data.Download;

/**
 * Where the FID Inception-v3 network lives on this machine, the SHA-256 it must have, and where to download it
 * ({@code make weights} fetches it, with pytorch-fid's weights: {@link FidInceptionWeights#main}).
 *
 * <p>The network is NVIDIA's TorchScript translation of TensorFlow's {@code inception-2015-12-05} graph (the graph
 * of the original TF FID code; pytorch-fid's {@code pt_inception-2015-12-05} weights are a state-dict port of the
 * same graph, which DJL cannot load without its Python class), published for StyleGAN2-ADA and used by clean-fid,
 * k-diffusion and EDM-style evaluations:
 * {@value #DEFAULT_URL}. Every setting can be overridden:
 * <ul>
 *   <li>file: {@value #ENV_FILE} (or {@code -Dlddgan.inception}), default {@code data/weights/}{@value #FILE_NAME};
 *   <li>digest: {@value #ENV_SHA256}, default {@link #DEFAULT_SHA256};
 *   <li>URL: {@value #ENV_URL}, default {@value #DEFAULT_URL}.
 * </ul>
 *
 * @param file the TorchScript file
 * @param sha256 the SHA-256 the file must have
 * @param url where {@code make weights} downloads it from
 */
public record InceptionWeights(Path file, String sha256, URI url) {
    /** File name of the TorchScript network. */
    public static final String FILE_NAME = "inception-2015-12-05.pt";
    /** Where NVIDIA publishes it (StyleGAN2-ADA {@code metrics/frechet_inception_distance.py}). */
    public static final String DEFAULT_URL = "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics/inception-2015-12-05.pt";
    /**
     * SHA-256 of {@value #DEFAULT_URL} (95,607,719 bytes). NOT computed by this project (no network here): it is the
     * digest that k-diffusion ({@code crowsonkb/k-diffusion}, {@code k_diffusion/evaluation.py}) checks for this URL,
     * and several evaluation repositories record the same value. Check it yourself with {@code sha256sum} after
     * {@code make weights}; if NVIDIA ever changes the file, set {@value #ENV_SHA256}.
     */
    public static final String DEFAULT_SHA256 = "f58cb9b6ec323ed63459aa4fb441fe750cfe39fafad6da5cb504a16f19e958f4";
    /** Environment variable (or system property {@code lddgan.inception}) naming the TorchScript file. */
    public static final String ENV_FILE = "LDDGAN_INCEPTION";
    /** Environment variable (or system property {@code lddgan.inception.sha256}) overriding the expected SHA-256. */
    public static final String ENV_SHA256 = "LDDGAN_INCEPTION_SHA256";
    /** Environment variable (or system property {@code lddgan.inception.url}) overriding the download URL. */
    public static final String ENV_URL = "LDDGAN_INCEPTION_URL";

    /** The settings of this machine: environment and system properties, else the defaults above. */
    public static InceptionWeights configured() {
        String file = setting("lddgan.inception", ENV_FILE);
        String sha = setting("lddgan.inception.sha256", ENV_SHA256);
        String url = setting("lddgan.inception.url", ENV_URL);
        return new InceptionWeights(
                file != null ? Path.of(file) : ProjectPaths.dataDir().resolve("weights").resolve(FILE_NAME),
                sha != null ? sha.trim().toLowerCase(java.util.Locale.ROOT) : DEFAULT_SHA256,
                URI.create(url != null ? url : DEFAULT_URL));
    }

    /** True when the digest is the documented default (so the id of the features is the standard one). */
    public boolean isDefault() {
        return DEFAULT_SHA256.equalsIgnoreCase(sha256);
    }

    /** What to do when the file is missing or wrong. */
    public String howToGet() {
        return "Get it with `make weights` on a connected machine (downloads " + url + " to " + file + " and checks the "
                + "SHA-256), or copy the file there yourself; " + ENV_FILE + " points to another path and " + ENV_SHA256
                + " sets another digest. Without it, use OfflineClassifierFeatures (not comparable with the paper's FID).";
    }

    /**
     * Checks that the file exists with the expected SHA-256.
     *
     * @throws IOException naming the file, the expected digest (and the actual one when it differs) and how to get it
     */
    public void verify() throws IOException {
        Download.verify(file, sha256, howToGet());
    }

    /** A setting from a system property, else the environment; null when blank. */
    static String setting(String property, String env) {
        String v = System.getProperty(property, System.getenv(env));
        return v == null || v.isBlank() ? null : v;
    }
}
