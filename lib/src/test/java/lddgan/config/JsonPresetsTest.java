package lddgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict types in presets (issue 21, defect 3): no coercion, no duplicate keys, errors naming file, key and value. */
class JsonPresetsTest {
    /** A record with the kinds of fields presets have. */
    record Sample(int lazyReg, double recWeight, boolean horizontalFlip, String name, List<Integer> chMult) {
    }

    private static final String SOURCE = "preset presets/training/sample.json";

    private static String json(String lazyReg, String recWeight, String flip, String name) {
        return "{\"lazyReg\": " + lazyReg + ", \"recWeight\": " + recWeight + ", \"horizontalFlip\": " + flip
                + ", \"name\": " + name + ", \"chMult\": [1, 2, 2]}";
    }

    @Test
    void wellTypedValuesReadAndAnIntegerServesAsANumber() {
        Sample s = JsonPresets.fromJson(json("15", "1", "true", "\"x\""), Sample.class, SOURCE);
        assertEquals(new Sample(15, 1.0, true, "x", List.of(1, 2, 2)), s);
    }

    @Test
    void aFractionForAnIntegerNamesFileKeyTypeAndValue() {
        String m = message(json("15.9", "1", "true", "\"x\""));
        assertTrue(m.contains("sample.json") && m.contains("'lazyReg'") && m.contains("an integer") && m.contains("15.9"), m);
    }

    @Test
    void stringsForNumbersNumbersForBooleansAndStringsAreRefused() {
        assertTrue(message(json("\"15\"", "1", "true", "\"x\"")).contains("'lazyReg'"));
        assertTrue(message(json("15", "\"0.5\"", "true", "\"x\"")).contains("'recWeight'"));
        String flip = message(json("15", "1", "1", "\"x\""));
        assertTrue(flip.contains("'horizontalFlip'") && flip.contains("true or false"), flip);
        assertTrue(message(json("15", "1", "true", "7")).contains("'name'"));
        assertTrue(message(json("15", "1", "\"true\"", "\"x\"")).contains("'horizontalFlip'"));
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        String m = message("{\"lazyReg\": 15, \"lazyReg\": 16, \"recWeight\": 1, \"horizontalFlip\": true, \"name\": \"x\","
                + " \"chMult\": [1]}");
        assertTrue(m.contains("sample.json") && m.contains("lazyReg") && m.toLowerCase().contains("duplicate"), m);
    }

    @Test
    void everyShippedTrainingPresetStillReads() {
        for (String name : lddgan.train.TrainingConfig.PRESETS) {
            lddgan.train.TrainingConfig.preset(name);
        }
    }

    private static String message(String json) {
        return assertThrows(IllegalArgumentException.class, () -> JsonPresets.fromJson(json, Sample.class, SOURCE))
                .getMessage();
    }
}
