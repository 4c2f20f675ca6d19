package lddgan.train;

import java.util.SplittableRandom;

/**
 * A run's randomness as a function of (seed, step) and (seed, epoch), so that a resumed run draws exactly what an
 * uninterrupted one would (README "Training": checkpoints resume exactly).
 */
final class TrainingRandomness {
    private TrainingRandomness() {
    }

    /** The engine seed of a step (-1: initialisation). */
    static int stepSeed(long seed, long at) {
        return (int) new SplittableRandom(seed * 0x9E3779B97F4A7C15L + at).nextLong();
    }

    /** An epoch's permutation of {@code size} items, from (seed, epoch). */
    static int[] permutation(long seed, int epoch, int size) {
        SplittableRandom random = new SplittableRandom(seed ^ (0xC2B2AE3D27D4EB4FL * (epoch + 1L)));
        int[] p = new int[size];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
