package lddgan.metrics;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import lddgan.config.ProjectPaths;
import lddgan.data.Download;

/**
 * Where pytorch-fid's Inception-v3 weights live on this machine, the digest they must have, and where to download
 * them ({@code make weights} runs {@link #main}): {@value #FILE_NAME}, the state_dict {@link FidInceptionV3} is built
 * from, published by pytorch-fid at {@value #DEFAULT_URL} and loaded by the LDDGAN reference code's vendored
 * {@code pytorch_fid} for the paper's FIDs.
 *
 * <p>The file's full SHA-256 is not known here (this project's machines have no network). Its name carries the first
 * eight hex digits of it, {@value #SHA256_PREFIX}, which torch.hub checks ({@code check_hash}); so does
 * {@link #verify} unless a full digest is configured with {@value #ENV_SHA256}. The full SHA-256 of the file actually
 * loaded is recorded with every FID ({@link FidInceptionV3#weightsSha256()}). Settings:
 * <ul>
 *   <li>file: {@value #ENV_FILE} (or {@code -Dlddgan.fid.inception}), default {@code data/weights/}{@value #FILE_NAME};
 *   <li>digest (64 hex digits, or a prefix): {@value #ENV_SHA256}, default {@value #SHA256_PREFIX};
 *   <li>URL: {@value #ENV_URL}, default {@value #DEFAULT_URL}.
 * </ul>
 *
 * @param file the state_dict file
 * @param sha256 its SHA-256, or the first hex digits of it
 * @param url where {@code make weights} downloads it from
 */
public record FidInceptionWeights(Path file, String sha256, URI url) {
    /** File name as pytorch-fid publishes it (torch.hub style: the hash prefix before the extension). */
    public static final String FILE_NAME = "pt_inception-2015-12-05-6726825d.pth";
    /** pytorch-fid's {@code FID_WEIGHTS_URL}. */
    public static final String DEFAULT_URL =
            "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/" + FILE_NAME;
    /** The first eight hex digits of the file's SHA-256, from its name. */
    public static final String SHA256_PREFIX = "6726825d";
    /** Environment variable (or system property {@code lddgan.fid.inception}) naming the file. */
    public static final String ENV_FILE = "LDDGAN_FID_INCEPTION";
    /** Environment variable (or system property {@code lddgan.fid.inception.sha256}) setting the digest. */
    public static final String ENV_SHA256 = "LDDGAN_FID_INCEPTION_SHA256";
    /** Environment variable (or system property {@code lddgan.fid.inception.url}) setting the URL. */
    public static final String ENV_URL = "LDDGAN_FID_INCEPTION_URL";

    /** The settings of this machine: environment and system properties, else the defaults above. */
    public static FidInceptionWeights configured() {
        String file = InceptionWeights.setting("lddgan.fid.inception", ENV_FILE);
        String sha = InceptionWeights.setting("lddgan.fid.inception.sha256", ENV_SHA256);
        String url = InceptionWeights.setting("lddgan.fid.inception.url", ENV_URL);
        return new FidInceptionWeights(
                file != null ? Path.of(file) : ProjectPaths.dataDir().resolve("weights").resolve(FILE_NAME),
                sha != null ? sha.trim().toLowerCase(java.util.Locale.ROOT) : SHA256_PREFIX,
                URI.create(url != null ? url : DEFAULT_URL));
    }

    /** What to do when the file is missing or wrong. */
    public String howToGet() {
        return "Get it with `make weights` on a connected machine (downloads " + url + " to " + file + " and checks the "
                + "digest), or copy the file there yourself; " + ENV_FILE + " points to another path and " + ENV_SHA256
                + " sets the full digest once you know it.";
    }

    /**
     * Checks that the file exists with the expected digest.
     *
     * @return its full SHA-256
     * @throws IOException naming the file, the expected digest (and the actual one when it differs) and how to get it
     */
    public String verify() throws IOException {
        return Download.verify(file, sha256, howToGet());
    }

    /**
     * {@code make weights}: downloads pytorch-fid's Inception-v3 (the paper's FID network) and NVIDIA's TorchScript
     * Inception-v3 ({@link InceptionWeights}, the alternative) to their configured places unless they are there and
     * intact; exits 1 naming what failed.
     */
    public static void main(String[] args) {
        boolean ok = true;
        FidInceptionWeights fid = configured();
        try {
            Path path = Download.fetch(fid.url(), fid.file(), fid.sha256());
            System.out.println("pytorch-fid Inception-v3 ready: " + path + " (SHA-256 " + Download.sha256(path) + ")");
        } catch (IOException | RuntimeException e) {
            System.err.println("make weights: pytorch-fid Inception-v3 failed: " + e.getMessage());
            ok = false;
        }
        InceptionWeights torchScript = InceptionWeights.configured();
        try {
            Path path = Download.fetch(torchScript.url(), torchScript.file(), torchScript.sha256());
            System.out.println("TorchScript Inception-v3 ready: " + path + " (SHA-256 " + torchScript.sha256() + ")");
        } catch (IOException | RuntimeException e) {
            System.err.println("make weights: TorchScript Inception-v3 failed: " + e.getMessage());
            ok = false;
        }
        if (!ok) {
            System.exit(1);
        }
    }
}
