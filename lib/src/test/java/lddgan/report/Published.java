package lddgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import lddgan.io.Json;

/**
 * One IOPub message a kernel was asked to publish, as its JSON content (what goes over the wire): its type
 * ({@code display_data}, {@code update_display_data}, ...) and content ({@code data}, {@code transient.display_id}).
 */
public record Published(String type, JsonNode content) {
    /** From the message type and the JSON text of its content. */
    public static Published of(String type, String contentJson) {
        try {
            return new Published(type, Json.MAPPER.readTree(contentJson));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + contentJson, e);
        }
    }

    /** The display id ({@code transient.display_id}). */
    public String displayId() {
        JsonNode id = content.path("transient").path("display_id");
        assertTrue(id.isTextual(), "no display id in " + content);
        return id.asText();
    }

    /** The data of one MIME type, or null. */
    public String data(String mime) {
        JsonNode d = content.path("data").path(mime);
        return d.isMissingNode() || d.isNull() ? null : d.asText();
    }

    /** The {@code image/png} data decoded; fails unless it is a PNG. */
    public BufferedImage png() {
        String b64 = data("image/png");
        assertNotNull(b64, "no image/png in " + type + ": " + content.path("data").fieldNames());
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
            assertNotNull(image, "image/png does not decode");
            return image;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts the message's type. */
    public Published is(String expectedType) {
        assertEquals(expectedType, type, "message type of " + content);
        return this;
    }
}
