package dev.mapiworkbench.sim.store;

import java.nio.file.Path;

/** SQLite implementation of {@link MailStoreFile} (being written; see the store issue). */
final class SqliteMailStore {

    private SqliteMailStore() {
    }

    static MailStoreFile open(Path file, String displayName) {
        throw new UnsupportedOperationException("SQLite store not written yet");
    }
}
