package lddgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTest {
    @Test
    void defaultsToSmokeAndParsesCaseInsensitively() {
        assertEquals(Profile.SMOKE, Profile.fromEnvironment(Map.of(), null));
        assertEquals(Profile.CPU, Profile.fromEnvironment(Map.of(Profile.ENV, "CPU"), null));
        assertEquals(Profile.PAPER, Profile.fromEnvironment(Map.of(Profile.ENV, "cpu"), "paper"));
    }

    @Test
    void unknownProfileListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profile.fromEnvironment(Map.of(Profile.ENV, "nope"), null));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        for (Profile p : Profile.values()) {
            assertTrue(e.getMessage().contains(p.id()), e.getMessage());
        }
    }

    @Test
    void deviceChoiceFollowsWhatTheEngineSees() {
        assertEquals(Device.cpu(), DeviceChoice.parse(null, 0));
        assertEquals(Device.gpu(0), DeviceChoice.parse("auto", 2));
        assertEquals(Device.gpu(1), DeviceChoice.parse("gpu:1", 2));
        assertEquals(Device.cpu(), DeviceChoice.parse("CPU", 2));
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("gpu", 0));
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu", 0));
    }
}
