package lddgan.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lddgan.config.JsonPresets;
import lddgan.config.Profile;
import lddgan.config.ProjectPaths;

/**
 * One chapter's experiment (one section of the paper) and its budget at a profile: step counts, sample counts, timing
 * protocols and the like, read from {@code presets/experiments/<name>.json}. The file holds {@code runPrefix}, the
 * prefix of the experiment's checkpoint directories ({@code .cache/checkpoints/<profile>/<runPrefix>-<preset>-seed0/}),
 * and one entry per profile ({@code smoke}, {@code cpu}, {@code paper}) that binds to the budget record {@code B}.
 * Every entry is bound when the file is read, so a broken cpu entry fails a smoke run too; unknown and missing keys
 * are refused with a message naming the file, the entry and the key ({@link JsonPresets#fromJson}).
 *
 * @param name the preset's name ("02-main-results")
 * @param runPrefix the prefix of its run directories ("02")
 * @param profile the profile whose entry {@code budget} is
 * @param budget that entry
 * @param <B> the budget record of the chapter ({@link MainComparisonBudget} ...)
 */
public record Experiment<B>(String name, String runPrefix, Profile profile, B budget) {
    /** Where the experiment presets live on the class path. */
    public static final String DIR = "presets/experiments";
    /** The experiment presets, one per notebook. */
    public static final List<String> PRESETS = List.of("01-autoencoder", "02-main-results", "03-kl-ablation",
            "04-backbone", "05-latent-diffusion", "06-released-checkpoints", LatentStudyBudget.EXPERIMENT);
    private static final String RUN_PREFIX = "runPrefix";

    public Experiment {
        if (runPrefix == null || runPrefix.isBlank()) {
            throw new IllegalArgumentException("experiment " + name + ": runPrefix must not be empty");
        }
    }

    /**
     * Reads the experiment preset {@code name} and returns its entry for {@code profile}.
     *
     * @throws IllegalArgumentException naming the file, the entry and the key when a key is unknown or missing, or
     *     listing the valid presets when {@code name} is none of them
     */
    public static <B> Experiment<B> load(String name, Profile profile, Class<B> budget) {
        ObjectNode tree = JsonPresets.readTree(DIR, name, PRESETS, "experiment");
        return fromTree(name, tree, DIR + "/" + name + ".json", profile, budget);
    }

    /** As {@link #load} from JSON text; {@code file} names the source in messages. */
    public static <B> Experiment<B> fromJson(String name, String json, String file, Profile profile, Class<B> budget) {
        ObjectNode object = JsonPresets.parseObject(json, "experiment preset " + file);
        return fromTree(name, object, file, profile, budget);
    }

    private static <B> Experiment<B> fromTree(String name, ObjectNode tree, String file, Profile profile, Class<B> budget) {
        Set<String> known = new LinkedHashSet<>();
        known.add(RUN_PREFIX);
        for (Profile p : Profile.values()) {
            known.add(p.id());
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException("experiment preset " + file + ": unknown key '" + key
                        + "'; known keys: " + known);
            }
        }
        JsonNode prefix = tree.get(RUN_PREFIX);
        if (prefix == null || !prefix.isTextual()) {
            throw new IllegalArgumentException("experiment preset " + file + ": missing key '" + RUN_PREFIX
                    + "' (a string, the prefix of the checkpoint directories)");
        }
        B chosen = null;
        for (Profile p : Profile.values()) {
            JsonNode entry = tree.get(p.id());
            if (entry == null) {
                throw new IllegalArgumentException("experiment preset " + file + ": missing entry '" + p.id()
                        + "' (every profile needs a budget: " + known + ")");
            }
            B bound = JsonPresets.fromJson(entry.toString(), budget, file + ", entry '" + p.id() + "'");
            if (p == profile) {
                chosen = bound;
            }
        }
        return new Experiment<>(name, prefix.asText(), profile, chosen);
    }

    /** The name of one of its runs: {@code <runPrefix>-<key>} ("02-lddgan-cifar10", "03-cifar10-f2"). */
    public String runName(String key) {
        return runPrefix + "-" + key;
    }

    /** A run's checkpoint directory: {@code <checkpoints of the profile>/<runPrefix>-<key>-seed<seed>}. */
    public Path checkpoints(String key, long seed) {
        return ProjectPaths.checkpointsDir(profile).resolve(runName(key) + "-seed" + seed);
    }
}
