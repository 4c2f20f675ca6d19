package lddgan.experiment;

import java.util.HashSet;
import java.util.List;

/** The training seeds of an experiment's budget (issue 23, item 1): at least one, distinct, none negative. */
final class Seeds {
    private Seeds() {
    }

    /** What a per-run file name carries for a seed: nothing for seed 0 (the names of one-seed runs), else "-seed<k>". */
    static String suffix(long seed) {
        return seed == 0 ? "" : "-seed" + seed;
    }

    /** {@code seeds}, checked and copied. */
    static List<Long> check(List<Long> seeds) {
        if (seeds == null || seeds.isEmpty() || seeds.stream().anyMatch(s -> s == null || s < 0)
                || new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("'seeds' must list distinct non-negative training seeds, got " + seeds);
        }
        return List.copyOf(seeds);
    }
}
