package lddgan.interop;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a readable checkpoint (or state of the expected kind): the message names the file and what was found. */
public class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /**
     * @param file the file
     * @param found what the file was found to be (e.g. "the legacy torch.save format of PyTorch &lt; 1.6")
     */
    public CheckpointFormatException(Path file, String found) {
        super(file + ": " + found);
        this.file = file;
    }

    /** The file. */
    public Path file() {
        return file;
    }
}
