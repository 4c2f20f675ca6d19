package lddgan.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The space a diffusion GAN trains in (LDDGAN Sec. 4; REFERENCE-CODE.md section 0): pixels (DDGAN), Haar wavelet
 * bands (WDDGAN) or the latent space of an autoencoder (LDDGAN). In presets it is written in lower case, as
 * {@link DataSpace#name()} names the space.
 */
public enum SpaceKind {
    /** DDGAN: the images themselves. */
    PIXEL,
    /** WDDGAN: the four bands of a one-level Haar transform ({@link WaveletSpace}). */
    WAVELET,
    /** LDDGAN: the latent of a first stage ({@link LatentSpace}). */
    LATENT;

    /** The names a preset may use, in order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(SpaceKind::id).toList();

    /** The lower-case name, as presets and {@link DataSpace#name()} write it. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind a preset names.
     *
     * @throws IllegalArgumentException naming the key and the allowed values otherwise
     */
    @JsonCreator
    public static SpaceKind of(String id) {
        for (SpaceKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("key 'space' must be one of " + NAMES + ", got "
                + (id == null ? "null" : "'" + id + "'"));
    }

    @Override
    public String toString() {
        return id();
    }
}
