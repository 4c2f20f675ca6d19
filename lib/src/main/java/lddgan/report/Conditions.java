package lddgan.report;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import lddgan.config.Profile;
import lddgan.config.RunEnvironment;
import lddgan.metrics.FidConventions;
import lddgan.metrics.PeakMemory;

/**
 * The conditions under which a number was produced. Every reported number carries them (DEVELOPERS.md "Honest
 * numbers"): profile, dataset and size, device, seed, versions, wall time, and where they apply the feature
 * extractor and number of samples.
 *
 * @param profile the run profile (smoke, cpu, paper)
 * @param dataset the dataset's name and where it came from
 * @param datasetSize number of images used
 * @param device the device the numbers were computed on, with the CPU or GPU model
 * @param seed the random seed
 * @param versions Java, DJL, engine and library versions
 * @param wallTimeSeconds wall time of the computation that produced the numbers
 * @param extras further conditions (feature extractor, samples, steps ...), in insertion order
 * @param createdAt when the result was written (UTC, ISO-8601)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conditions(String profile, String dataset, int datasetSize, String device, long seed,
                         Map<String, String> versions, double wallTimeSeconds, Map<String, Object> extras, String createdAt) {
    public Conditions {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(device, "device");
        versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions)); // in order: files diff cleanly
        extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * The condition recording the peak resident memory (MiB) of the process that wrote the result, up to the moment it
     * was written: for a notebook, its kernel's peak so far (issue 22, item 5).
     */
    public static final String PEAK_RESIDENT = "process peak resident MiB so far";

    /**
     * The condition recording the peak Java heap occupancy (MiB, sum of the pools' peaks, garbage included) of the
     * process that wrote the result, up to the moment it was written (issue 22, item 5).
     */
    public static final String PEAK_HEAP = "process peak Java heap MiB so far";

    /**
     * The condition recording the largest heap occupancy right after a garbage collection (MiB) of the process that
     * wrote the result, up to the moment it was written: what the kernel's {@code -Xmx} must hold at least
     * ({@link PeakMemory#peakHeapAfterCollectionMebibytes()}; issue 22, item 5).
     */
    public static final String PEAK_HEAP_AFTER_COLLECTION = "process peak Java heap after a collection MiB so far";

    /**
     * The condition recording the seconds the process that wrote the result spent in garbage collections, up to the
     * moment it was written (what a smaller heap or young generation costs; issue 22, item 5).
     */
    public static final String GC_SECONDS = "process garbage collection s so far";

    /** Conditions of a run on this machine now, with the current engine's versions and the process's peak memory. */
    public static Conditions of(Profile profile, String dataset, int datasetSize, Device device, long seed, double wallTimeSeconds) {
        Map<String, Object> extras = new LinkedHashMap<>();
        PeakMemory.processPeakMebibytes().ifPresent(mib -> extras.put(PEAK_RESIDENT, Math.round(mib)));
        extras.put(PEAK_HEAP, Math.round(PeakMemory.processPeakHeapMebibytes()));
        PeakMemory.peakHeapAfterCollectionMebibytes()
                .ifPresent(mib -> extras.put(PEAK_HEAP_AFTER_COLLECTION, Math.round(mib)));
        extras.put(GC_SECONDS, PeakMemory.collectionSeconds());
        return new Conditions(profile.id(), dataset, datasetSize, RunEnvironment.describe(device), seed, RunEnvironment.versions(), wallTimeSeconds,
                extras, Instant.now().toString());
    }

    /** A copy with one more condition (for example "extractor", "samples", "steps"). */
    public Conditions with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extras);
        more.put(key, value);
        return new Conditions(profile, dataset, datasetSize, device, seed, versions, wallTimeSeconds, more, createdAt);
    }

    /**
     * A copy with the conventions of its FIDs, KIDs and ISs (extractor and weights SHA-256, preprocessing, samples,
     * reference set and its statistics' SHA-256, KID protocol; {@link FidConventions#asConditions()}).
     */
    public Conditions withFid(FidConventions fid) {
        Conditions c = this;
        for (Map.Entry<String, Object> e : fid.asConditions().entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        return c;
    }

    /** A copy with another wall time. */
    public Conditions withWallTime(double seconds) {
        return new Conditions(profile, dataset, datasetSize, device, seed, versions, seconds, extras, createdAt);
    }

    /** One line for a table caption or a notebook's output. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("profile ").append(profile).append("; ").append(dataset).append(" (").append(datasetSize).append(" images); ")
                .append(device).append("; seed ").append(seed).append("; wall ").append(String.format("%.1f s", wallTimeSeconds));
        extras.forEach((k, v) -> s.append("; ").append(k).append(' ').append(v));
        return s.toString();
    }

    /** "cpu (N cores, model)" or "gpu(0) (GPU)" ({@link RunEnvironment#describe}). */
    public static String describe(Device device) {
        return RunEnvironment.describe(device);
    }
}
