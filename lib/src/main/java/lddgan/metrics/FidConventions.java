package lddgan.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conventions behind a set of FIDs, recorded with every result (issue 20; Heusel et al. 2017 and pytorch-fid,
 * whose numbers move with each of them): the feature network and the SHA-256 of its weights, how images are prepared
 * (quantisation, resize), how many samples, the reference set and the SHA-256 of its statistics, and the KID
 * protocol.
 *
 * @param extractor the {@link FeatureExtractor#id()}
 * @param proxy whether the extractor only gives proxies of the paper's metrics ({@link FeatureExtractor#isProxy()})
 * @param weightsSha256 SHA-256 of the extractor's weights
 * @param preprocessing how images reach the network ({@link FeatureExtractor#preprocessing()})
 * @param samples generated images per FID
 * @param reference the reference set (for example "training set (5170 images)")
 * @param referenceSha256 SHA-256 of the reference statistics ({@link FeatureStatistics#sha256()}, or the SHA-256
 *     of the {@code .npz} file they were read from)
 */
public record FidConventions(String extractor, boolean proxy, String weightsSha256, String preprocessing, int samples,
                             String reference, String referenceSha256) {

    /** The conventions of FIDs of {@code samples} images under {@code extractor} against {@code reference}. */
    public static FidConventions of(FeatureExtractor extractor, int samples, String referenceDescription,
            FeatureStatistics reference) {
        return of(extractor, samples, referenceDescription, reference.sha256());
    }

    /**
     * The conventions of FIDs against statistics read from a file (a pytorch-fid {@code .npz}): its SHA-256 is the
     * reference's.
     */
    public static FidConventions of(FeatureExtractor extractor, int samples, String referenceDescription,
            String referenceFileSha256) {
        return new FidConventions(extractor.id(), extractor.isProxy(), extractor.weightsSha256(), extractor.preprocessing(),
                samples, referenceDescription, referenceFileSha256);
    }

    /** A copy for another sample count (a table whose rows use different counts says so per row). */
    public FidConventions withSamples(int count) {
        return new FidConventions(extractor, proxy, weightsSha256, preprocessing, count, reference, referenceSha256);
    }

    /**
     * The entries a result's conditions carry: {@code fid extractor}, {@code fid extractor weights sha256},
     * {@code fid preprocessing}, {@code fid samples}, {@code fid reference}, {@code fid reference sha256},
     * {@code kid protocol} and {@code metric labels}.
     */
    public Map<String, Object> asConditions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fid extractor", extractor);
        m.put("fid extractor weights sha256", weightsSha256);
        m.put("fid preprocessing", preprocessing);
        m.put("fid samples", samples);
        m.put("fid reference", reference);
        m.put("fid reference sha256", referenceSha256);
        m.put("kid protocol", "cubic polynomial kernel (x.y/d + 1)^3, unbiased MMD^2, mean and std over "
                + KernelInceptionDistance.SUBSETS + " subsets of min(" + KernelInceptionDistance.SUBSET_SIZE
                + ", half the smaller set) vectors from each set (Binkowski et al. 2018; torch-fidelity / StyleGAN2-ADA kid50k)");
        m.put("metric labels", proxy ? "FID, KID and IS computed with the offline extractor: proxies, never the paper's "
                + "numbers (columns say '" + MetricLabel.PROXY_SUFFIX.trim() + "')"
                : "FID, KID and IS with the FID Inception-v3: comparable with the paper's at 50k samples");
        return m;
    }
}
