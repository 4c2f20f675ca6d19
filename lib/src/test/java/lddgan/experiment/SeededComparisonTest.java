package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The turns in which {@link SeededComparison} shares a seed's training between its models. */
class SeededComparisonTest {
    @Test
    void eachTurnTrainsTheNextTenthOfTheBudget() {
        List<Long> targets = new ArrayList<>();
        for (int turn = 1; turn <= SeededComparison.TURNS; turn++) {
            targets.add(SeededComparison.turnTarget(68, turn));
        }
        // 6.8 steps per turn, rounded to the nearest total
        assertEquals(List.of(7L, 14L, 20L, 27L, 34L, 41L, 48L, 54L, 61L, 68L), targets);
    }

    @Test
    void aBudgetBelowTheTurnsStillEndsAtItAndNeverGoesBack() {
        for (long budget : new long[] {1, 3, 9, 10, 11, 284}) {
            long previous = 1;
            for (int turn = 1; turn <= SeededComparison.TURNS; turn++) {
                long target = SeededComparison.turnTarget(budget, turn);
                assertTrue(target >= previous && target <= budget, "budget " + budget + ", turn " + turn + ": " + target);
                previous = target;
            }
            assertEquals(budget, previous, "budget " + budget + " reached in the last turn");
        }
    }
}
