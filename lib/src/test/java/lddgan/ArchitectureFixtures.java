package lddgan;

import lddgan.train.TrainingBudget;

/** Classes that break the layers on purpose, for {@link ArchitectureTest}'s check of its own check. */
final class ArchitectureFixtures {
    private ArchitectureFixtures() {
    }

    /** Stands for a class of {@code lddgan.nn} (layer 2) that calls {@code lddgan.train} (layer 6). */
    static final class NnCallingTrain {
        Object budget() {
            return TrainingBudget.steps(1);
        }
    }
}
