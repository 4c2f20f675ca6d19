package lddgan.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lddgan.config.Profile;
import org.junit.jupiter.api.Test;

/** {@code make train}'s arguments are checked before any work, with named errors (issue 21, defect 8). */
class TrainRunArgumentsTest {
    private static String message(String[] args, Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> TrainRun.Arguments.parse(args, env, Profile.SMOKE))
                .getMessage();
    }

    @Test
    void defaultsAndGivenValuesParse() {
        assertEquals(new TrainRun.Arguments("ddgan-cifar10", Profile.SMOKE, 300, 1000, 0),
                TrainRun.Arguments.parse(new String[0], Map.of(), Profile.SMOKE));
        assertEquals(new TrainRun.Arguments("wddgan-cifar10", Profile.SMOKE, 5, 64, -3),
                TrainRun.Arguments.parse(new String[] {"wddgan-cifar10", "5"},
                        Map.of("LDDGAN_FID_SAMPLES", "64", "LDDGAN_SEED", "-3"), Profile.SMOKE));
    }

    @Test
    void badValuesAreNamedWithWhatWasFound() {
        String m = message(new String[] {"ddgan-cifar10", "abc"}, Map.of());
        assertTrue(m.contains("STEPS") && m.contains("'abc'"), m);
        m = message(new String[] {"ddgan-cifar10", "0"}, Map.of());
        assertTrue(m.contains("STEPS") && m.contains(">= 1") && m.contains("0"), m);
        m = message(new String[0], Map.of("LDDGAN_SEED", "x"));
        assertTrue(m.contains("LDDGAN_SEED") && m.contains("'x'"), m);
        m = message(new String[0], Map.of("LDDGAN_FID_SAMPLES", "0"));
        assertTrue(m.contains("LDDGAN_FID_SAMPLES") && m.contains(">= 2"), m);
        m = message(new String[] {"nope"}, Map.of());
        assertTrue(m.contains("MODEL") && m.contains("nope"), m);
        m = message(new String[] {"lddgan-celebahq"}, Map.of());
        assertTrue(m.contains("MODEL") && m.contains("smoke"), m);
    }
}
