package dev.mapiworkbench.sim.store;

import java.nio.file.Path;

/** A store file that cannot be used: corrupt, foreign, of a newer schema, or unreadable. Names the file. */
public class StoreFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public StoreFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
