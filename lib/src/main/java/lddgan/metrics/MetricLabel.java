package lddgan.metrics;

/**
 * Column names of sample-quality metrics, honest about the feature space they were computed in: the paper's FID
 * (Heusel et al. 2017), KID (Binkowski et al. 2018) and Inception Score (Salimans et al. 2016) need Inception-v3
 * features; computed in any other space ({@link FeatureExtractor#isProxy()}, here the offline classifier) they are
 * labelled {@value #PROXY_SUFFIX} and never written as plain "FID".
 */
public enum MetricLabel {
    /** Fréchet Inception distance of generated images. */
    FID("FID"),
    /** Reconstruction FID of a first stage (LDDGAN Table 1). */
    RFID("rFID"),
    /** KID of reconstructions against originals: mean over subsets. */
    RKID("rKID"),
    /** Its standard deviation over subsets. */
    RKID_STD("rKID std"),
    /** Kernel Inception distance: mean over subsets. */
    KID("KID"),
    /** Its standard deviation over subsets. */
    KID_STD("KID std"),
    /** Inception Score: mean over splits. */
    IS("IS"),
    /** Its standard deviation over splits. */
    IS_STD("IS std");

    /** The suffix of a metric computed with a proxy extractor. */
    public static final String PROXY_SUFFIX = " (offline proxy)";

    private final String name;

    MetricLabel(String name) {
        this.name = name;
    }

    /** The column name: the metric's, with {@value #PROXY_SUFFIX} when {@code proxy}. */
    public String label(boolean proxy) {
        return proxy ? name + PROXY_SUFFIX : name;
    }
}
