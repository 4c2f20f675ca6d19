package lddgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Budgets in steps, epochs or minutes, whichever comes first. */
class TrainingBudgetTest {

    @Test
    void stopsAtTheFirstLimitReached() {
        TrainingBudget b = TrainingBudget.epochs(2).andSteps(50);
        assertFalse(b.exhausted(49, 1, Duration.ZERO));
        assertTrue(b.exhausted(50, 1, Duration.ZERO));
        assertTrue(b.exhausted(10, 2, Duration.ZERO));
        TrainingBudget t = TrainingBudget.minutes(0.5);
        assertFalse(t.exhausted(1_000_000, 1000, Duration.ofSeconds(29)));
        assertTrue(t.exhausted(0, 0, Duration.ofSeconds(30)));
    }

    @Test
    void plannedStepsForTheProgressBar() {
        assertEquals(40, TrainingBudget.epochs(2).andSteps(50).plannedSteps(20));
        assertEquals(-1, TrainingBudget.minutes(1).plannedSteps(20));
    }

    @Test
    void refusesAnEmptyOrNegativeBudget() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingBudget(0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> TrainingBudget.steps(0));
        assertThrows(IllegalArgumentException.class, () -> TrainingBudget.minutes(-1));
    }
}
