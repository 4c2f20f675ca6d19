package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EpochsToConvergeTest {
    @Test
    void targetIsTenPercentAboveTheBestFinalValue() {
        assertEquals(1.10 * 2.0, EpochsToConverge.target(3.0, 2.0, 5.0));
        assertThrows(IllegalArgumentException.class, EpochsToConverge::target);
    }

    @Test
    void firstEpochAtOrBelowTheTargetElseNaN() {
        double[] epochs = {1, 2, 3, 4};
        double[] values = {9, 2.2, 1.5, 3};
        assertEquals(2.0, EpochsToConverge.epochsToReach(epochs, values, 2.2));
        assertEquals(3.0, EpochsToConverge.epochsToReach(epochs, values, 2.0));
        assertEquals(Double.NaN, EpochsToConverge.epochsToReach(epochs, values, 1.0));
        assertThrows(IllegalArgumentException.class, () -> EpochsToConverge.epochsToReach(epochs, new double[3], 1.0));
    }
}
