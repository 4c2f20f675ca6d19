package lddgan.interop;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The parity fixture directory for a test, or the test is reported as skipped with the reason printed. */
final class ParityFixturesOrSkip {
    private ParityFixturesOrSkip() {
    }

    /** The fixtures, else prints {@link ParityFixtures#absentMessage()} for {@code test} and aborts it (skipped). */
    static Path directory(String test) {
        Path dir = ParityFixtures.directory().orElse(null);
        if (dir == null) {
            String message = test + ": " + ParityFixtures.absentMessage();
            System.out.println(message);
            Assumptions.abort(message);
        }
        return dir;
    }
}
