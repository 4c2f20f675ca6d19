package lddgan.experiment;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import lddgan.data.ImageSet;
import lddgan.metrics.ClassifierConfig;
import lddgan.interop.FidInceptionCheckpoint;
import lddgan.metrics.FeatureExtractor;
import lddgan.metrics.FidInceptionV3;
import lddgan.metrics.FidInceptionWeights;
import lddgan.metrics.InceptionV3Features;
import lddgan.metrics.InceptionWeights;
import lddgan.metrics.OfflineClassifierFeatures;

/**
 * The feature network every notebook computes FID, KID, IS and precision / recall with (Heusel et al. 2017;
 * REFERENCE-CODE.md section 7), chosen by {@value #ENV} (or {@code -Dlddgan.fid.features}):
 * <ul>
 *   <li>{@code auto} (default): pytorch-fid's Inception-v3 ({@link FidInceptionV3}, the paper's) where its weights file
 *       is on this machine ({@link FidInceptionWeights}), else NVIDIA's TorchScript Inception-v3 where its file is
 *       ({@link InceptionV3Features}), else the offline classifier, whose numbers are labelled "(offline proxy)";
 *   <li>{@code inception}: pytorch-fid's Inception-v3, failing (naming the file, the digest and {@code make weights})
 *       when its weights are absent or wrong; never replaced by anything else;
 *   <li>{@code inception-torchscript}: NVIDIA's TorchScript Inception-v3, likewise required;
 *   <li>{@code offline}: the offline classifier ({@link OfflineClassifierFeatures}), trained on the training split
 *       (or loaded from the cache).
 * </ul>
 */
public final class FidFeatures {
    /** Environment variable choosing the feature network. */
    public static final String ENV = "LDDGAN_FID_FEATURES";

    private FidFeatures() {
    }

    /**
     * The configured feature network.
     *
     * @param train the training split (the offline classifier trains on it)
     * @param test the test split (the offline classifier's reported accuracy)
     * @throws IOException when Inception-v3 was asked for and its weights are missing or wrong, or the setting is
     *     unknown
     */
    public static FeatureExtractor choose(ImageSet train, ImageSet test, Device device) throws IOException {
        String choice = System.getProperty("lddgan.fid.features", System.getenv(ENV));
        choice = choice == null || choice.isBlank() ? "auto" : choice.trim().toLowerCase(Locale.ROOT);
        FidInceptionWeights pytorchFid = FidInceptionWeights.configured();
        InceptionWeights torchScript = InceptionWeights.configured();
        switch (choice) {
            case "auto":
                if (Files.isRegularFile(pytorchFid.file())) {
                    return FidInceptionCheckpoint.load(pytorchFid, device);
                }
                return Files.isRegularFile(torchScript.file()) ? InceptionV3Features.load(torchScript, device)
                        : offline(train, test);
            case "inception":
                return FidInceptionCheckpoint.load(pytorchFid, device);
            case "inception-torchscript":
                return InceptionV3Features.load(torchScript, device);
            case "offline":
                return offline(train, test);
            default:
                throw new IOException(ENV + "='" + choice + "' is not a feature network: expected auto, inception, "
                        + "inception-torchscript or offline");
        }
    }

    private static FeatureExtractor offline(ImageSet train, ImageSet test) throws IOException {
        return OfflineClassifierFeatures.trainOrLoad(train, test, ClassifierConfig.standard());
    }
}
