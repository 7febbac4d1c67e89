package dev.mapiworkbench.sim.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema of a store file: an ordered chain of migrations, migration {@code i} taking
 * a file from version {@code i} to {@code i + 1}. Creating a file runs the whole chain from 0;
 * opening a file of an older version runs the rest of the chain in one transaction. The version is
 * kept in {@code PRAGMA user_version} and in the {@code meta} table (they must agree); the file is
 * marked as ours by {@code PRAGMA application_id} and by the {@code meta} row {@code format}.
 * See docs/decisions/0020-store-file-sqlite-per-profile.md.
 */
final class StoreSchema {

    /** {@code PRAGMA application_id} of a store file: "MAPW". */
    static final int APPLICATION_ID = 0x4D415057;

    /** The value of the {@code meta} row {@code format}. */
    static final String FORMAT = "dev.mapiworkbench.store";

    /** One step of the chain: from {@code version} to {@code version + 1}. */
    @FunctionalInterface
    interface Migration {
        void apply(Connection connection) throws SQLException;
    }

    /** Version 1 alone (the tests make a version-1 file with it to check the migration to 2). */
    static final StoreSchema V1 = new StoreSchema(List.of(StoreSchema::createVersion1));

    /** The schema this program writes. */
    static final StoreSchema CURRENT =
            new StoreSchema(List.of(StoreSchema::createVersion1, StoreSchema::addViewIndexesVersion2));

    private final List<Migration> migrations;

    StoreSchema(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    /** The version a file has after every migration. */
    int version() {
        return migrations.size();
    }

    /** This chain followed by {@code next} (the tests build a newer chain than this program's). */
    StoreSchema then(Migration next) {
        List<Migration> chain = new java.util.ArrayList<>(migrations);
        chain.add(next);
        return new StoreSchema(chain);
    }

    /** Runs the migrations from {@code fromVersion} up to {@link #version()} (no transaction here). */
    void migrate(Connection connection, int fromVersion) throws SQLException {
        for (int v = fromVersion; v < migrations.size(); v++) {
            migrations.get(v).apply(connection);
        }
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("PRAGMA user_version = " + version());
            st.executeUpdate("INSERT INTO meta(key, value) VALUES ('schema_version', " + version() + ")"
                    + " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        }
    }

    /** Version 1: meta, folders, messages (with the queue columns), props, recipients. */
    private static void createVersion1(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
            st.executeUpdate("CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL)");
            st.executeUpdate("CREATE TABLE folders ("
                    + " id INTEGER PRIMARY KEY,"
                    + " role TEXT UNIQUE,"
                    + " name TEXT NOT NULL,"
                    + " parent_id INTEGER REFERENCES folders(id))");
            // message_flags / submit_* mirror PR_MESSAGE_FLAGS, PR_SUBMIT_FLAGS and
            // PR_CLIENT_SUBMIT_TIME (the props table stays the source of truth) so that the
            // outgoing queue is one indexed query. submit_sec is NO_SUBMIT_TIME when the message
            // has no PR_CLIENT_SUBMIT_TIME, which sorts it after every timed message.
            st.executeUpdate("CREATE TABLE messages ("
                    + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " folder_id INTEGER NOT NULL REFERENCES folders(id),"
                    + " message_flags INTEGER NOT NULL DEFAULT 0,"
                    + " submit_flags INTEGER NOT NULL DEFAULT 0,"
                    + " submit_sec INTEGER NOT NULL,"
                    + " submit_nano INTEGER NOT NULL DEFAULT 0)");
            st.executeUpdate("CREATE INDEX messages_by_folder ON messages(folder_id, id)");
            st.executeUpdate("CREATE INDEX messages_outgoing ON messages(folder_id, submit_sec, submit_nano, id)"
                    + " WHERE (message_flags & 4) <> 0");
            st.executeUpdate("CREATE TABLE props ("
                    + " message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                    + " tag INTEGER NOT NULL,"
                    + " value NOT NULL,"
                    + " PRIMARY KEY (message_id, tag)) WITHOUT ROWID");
            st.executeUpdate("CREATE TABLE recipients ("
                    + " message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                    + " position INTEGER NOT NULL,"
                    + " address TEXT NOT NULL,"
                    + " PRIMARY KEY (message_id, position)) WITHOUT ROWID");
            st.executeUpdate("INSERT INTO meta(key, value) VALUES ('format', '" + FORMAT + "')");
        }
    }

    /**
     * Version 2: the indexes a contents table's sort and restriction read by (decision 0410), so that
     * a sorted or restricted window is one range of an index, as the plain window is of
     * {@code messages_by_folder}: by submit time over the whole folder; the submitted messages
     * (MSGFLAG_SUBMIT) by id; and the messages with SUBMITFLAG_LOCKED (the stale locks a starting
     * spooler clears), which are few, so that finding them does not walk the queue.
     */
    private static void addViewIndexesVersion2(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("CREATE INDEX messages_by_submit ON messages(folder_id, submit_sec, submit_nano, id)");
            st.executeUpdate(
                    "CREATE INDEX messages_submitted ON messages(folder_id, id)" + " WHERE (message_flags & 4) <> 0");
            st.executeUpdate("CREATE INDEX messages_locked ON messages(folder_id, id) WHERE (submit_flags & 1) <> 0");
        }
    }

    /** {@code submit_sec} of a message without PR_CLIENT_SUBMIT_TIME (after Instant.MAX). */
    static final long NO_SUBMIT_TIME = Long.MAX_VALUE;
}
