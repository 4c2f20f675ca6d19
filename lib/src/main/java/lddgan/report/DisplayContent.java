package lddgan.report;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Show} displays: at most one of HTML or an image, and always a text form (what a terminal, a log or a
 * front end without HTML shows).
 *
 * @param html the HTML form, or null
 * @param image the image, shown as PNG, or null
 * @param text the text form, never null
 */
record DisplayContent(String html, BufferedImage image, String text) {
    DisplayContent {
        if (text == null) {
            throw new IllegalArgumentException("display content needs a text form");
        }
        if (html != null && image != null) {
            throw new IllegalArgumentException("display content is HTML or an image, not both");
        }
    }

    /** The Jupyter MIME bundle: {@code image/png} (base64) or {@code text/html}, then {@code text/plain}. */
    Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        if (image != null) {
            m.put("image/png", Base64.getEncoder().encodeToString(Charts.png(image)));
        }
        if (html != null) {
            m.put("text/html", html);
        }
        m.put("text/plain", text);
        return m;
    }
}
