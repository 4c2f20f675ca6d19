package lddgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import lddgan.data.Download;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be checked offline about the Inception network: its location, digest and the errors. */
class InceptionV3FeaturesTest {
    @TempDir
    Path tmp;

    private InceptionWeights weightsAt(Path file) {
        return new InceptionWeights(file, InceptionWeights.DEFAULT_SHA256, URI.create(InceptionWeights.DEFAULT_URL));
    }

    @Test
    void missingFileNamesFileDigestAndHowToGetIt() {
        Path file = tmp.resolve("weights").resolve(InceptionWeights.FILE_NAME);
        IOException e = assertThrows(IOException.class, () -> InceptionV3Features.load(weightsAt(file), Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.contains(file.toString()), msg);
        assertTrue(msg.contains(InceptionWeights.DEFAULT_SHA256), msg);
        assertTrue(msg.contains("make weights") && msg.contains(InceptionWeights.ENV_FILE), msg);
    }

    @Test
    void corruptedFileNamesBothDigests() throws IOException {
        Path file = Files.writeString(tmp.resolve(InceptionWeights.FILE_NAME), "not a network");
        IOException e = assertThrows(IOException.class, () -> InceptionV3Features.load(weightsAt(file), Device.cpu()));
        String msg = e.getMessage();
        assertTrue(msg.contains(file.toString()), msg);
        assertTrue(msg.contains(InceptionWeights.DEFAULT_SHA256), msg);
        assertTrue(msg.contains(Download.sha256(file)), msg);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        InceptionWeights w = InceptionWeights.configured();
        if (System.getenv(InceptionWeights.ENV_FILE) == null && System.getProperty("lddgan.inception") == null) {
            assertTrue(w.file().endsWith(Path.of("data", "weights", InceptionWeights.FILE_NAME)), w.file().toString());
        }
        assertEquals(64, InceptionWeights.DEFAULT_SHA256.length());
        assertTrue(InceptionWeights.DEFAULT_SHA256.matches("[0-9a-f]{64}"));
    }
}
