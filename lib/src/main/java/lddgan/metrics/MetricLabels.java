package lddgan.metrics;

/**
 * Column names of sample-quality metrics, honest about the feature space they were computed in: the paper's FID
 * (Heusel et al. 2017), KID (Binkowski et al. 2018) and Inception Score (Salimans et al. 2016) need Inception-v3
 * features; computed in any other space ({@link FeatureExtractor#isProxy()}, here the offline classifier) they are
 * labelled "(offline proxy)" and never written as plain "FID".
 */
public final class MetricLabels {
    /** The suffix of a metric computed with a proxy extractor. */
    public static final String PROXY_SUFFIX = " (offline proxy)";

    private MetricLabels() {
    }

    /** {@code metric}, with {@value #PROXY_SUFFIX} when {@code proxy}. */
    public static String of(String metric, boolean proxy) {
        return proxy ? metric + PROXY_SUFFIX : metric;
    }

    /** "FID" or "FID (offline proxy)". */
    public static String fid(boolean proxy) {
        return of("FID", proxy);
    }

    /** "rFID" (reconstruction FID, LDDGAN Table 1) or "rFID (offline proxy)". */
    public static String rfid(boolean proxy) {
        return of("rFID", proxy);
    }

    /** "KID" or "KID (offline proxy)": the mean over subsets. */
    public static String kid(boolean proxy) {
        return of("KID", proxy);
    }

    /** "KID std" or "KID std (offline proxy)": the standard deviation over subsets. */
    public static String kidStd(boolean proxy) {
        return of("KID std", proxy);
    }

    /** "IS" or "IS (offline proxy)": the mean over splits. */
    public static String inceptionScore(boolean proxy) {
        return of("IS", proxy);
    }

    /** "IS std" or "IS std (offline proxy)": the standard deviation over splits. */
    public static String inceptionScoreStd(boolean proxy) {
        return of("IS std", proxy);
    }
}
