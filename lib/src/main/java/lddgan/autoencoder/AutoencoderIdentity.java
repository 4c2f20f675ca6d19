package lddgan.autoencoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import lddgan.data.Download;

/**
 * Which trained autoencoder (LDDGAN Sec. 4.2; REFERENCE-CODE.md section 6) made something derived from it, such as a
 * {@link LatentCache}: latents of one autoencoder mean nothing to another one's decoder, so every derived file names
 * the autoencoder it came from and readers refuse a different one.
 *
 * <p>Two identities denote the same autoencoder when their {@link #name} and {@link #sha256} agree
 * ({@link #sameAutoencoder}); the {@link #checkpoint} location is informative only, so that a checkpoint may be moved.
 *
 * @param name the autoencoder preset, e.g. {@code kl-f2-cifar10}
 * @param checkpoint where its weights are: a path or an id (informative, not compared)
 * @param sha256 the SHA-256 (64 hex digits) of the checkpoint, e.g. of its manifest file, which itself lists the
 *     SHA-256 of every weight file; stored in lower case
 */
public record AutoencoderIdentity(String name, String checkpoint, String sha256) {
    public AutoencoderIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(sha256, "sha256");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the autoencoder name must not be blank");
        }
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the SHA-256 of autoencoder '" + name + "' must be 64 hex digits, got '"
                    + sha256 + "'");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /**
     * The identity of the autoencoder whose checkpoint is {@code file} (e.g. its manifest): the SHA-256 of that file,
     * and the file's path as the checkpoint.
     *
     * @param name the autoencoder preset
     * @throws IOException when the file cannot be read
     */
    public static AutoencoderIdentity of(String name, Path file) throws IOException {
        return new AutoencoderIdentity(name, file.toString(), Download.sha256(file));
    }

    /** Whether {@code other} denotes the same autoencoder: same name and same SHA-256 (the checkpoint may differ). */
    public boolean sameAutoencoder(AutoencoderIdentity other) {
        return other != null && name.equals(other.name) && sha256.equals(other.sha256);
    }

    /** "'name' (checkpoint PATH, SHA-256 HEX)", for messages. */
    public String describe() {
        return "'" + name + "' (checkpoint " + checkpoint + ", SHA-256 " + sha256 + ")";
    }
}
