package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.sim.store.MailStoreFile.FolderRecord;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * The life of a store file up to its open write connection: prepares the location, creates a new
 * file atomically (a temporary file linked into place), checks an existing one without writing it
 * (header bytes first, then a read-only or immutable connection: integrity, application id, schema
 * version, meta table), refuses what is corrupt, foreign, not SQLite or newer (the file is left
 * byte-identical), migrates an older schema and opens the WAL write connection with
 * {@code synchronous} = {@link #SYNCHRONOUS}. What happens on the open connection (transactions, row
 * mapping) is {@link SqliteMailStore}'s. See docs/decisions/0020-store-file-sqlite-per-profile.md.
 *
 * <p>Size: over 400 lines because it is one sequence of checks, each with its own refusal message
 * (StoreFileRefusalTest covers them one by one); split up, the order of the checks would be harder
 * to see.
 */
final class StoreFileOpener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFileOpener.class);

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 100;
    private static final int HEADER_USER_VERSION = 60;
    private static final int HEADER_APPLICATION_ID = 68;
    private static final int RECORD_KEY_SIZE = 16;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    /**
     * The durability setting of every write connection: FULL (see decision 0020 and
     * perf-notes/store.md). The system property {@value #SYNCHRONOUS_PROPERTY} (FULL, NORMAL or
     * EXTRA) exists only so that StoreBench can measure the alternatives; NORMAL is not durable.
     */
    static final String SYNCHRONOUS = synchronousSetting();

    static final String SYNCHRONOUS_PROPERTY = "mapiworkbench.store.synchronous";

    private static String synchronousSetting() {
        String value = System.getProperty(SYNCHRONOUS_PROPERTY, "FULL").trim().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("FULL", "NORMAL", "EXTRA").contains(value)) {
            throw new IllegalArgumentException(SYNCHRONOUS_PROPERTY + " must be FULL, NORMAL or EXTRA, not " + value);
        }
        if (!value.equals("FULL")) {
            LOG.warn(
                    "Store files use PRAGMA synchronous={} ({}): commits are {}",
                    value,
                    SYNCHRONOUS_PROPERTY,
                    value.equals("NORMAL") ? "NOT durable" : "durable, with extra syncs");
        }
        return value;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Map<FolderRole, String> FOLDER_NAMES = new EnumMap<>(Map.of(
            FolderRole.ROOT, "Root Container",
            FolderRole.IPM_SUBTREE, "Top of Information Store",
            FolderRole.INBOX, "Inbox",
            FolderRole.OUTBOX, "Outbox",
            FolderRole.SENT_ITEMS, "Sent Items",
            FolderRole.DELETED_ITEMS, "Deleted Items"));

    /** Builds the store over the opened, validated write connection. */
    @FunctionalInterface
    interface Factory<T> {
        T create(Path path, Connection connection, String displayName, byte[] recordKey, List<FolderRecord> folders)
                throws SQLException;
    }

    private StoreFileOpener() {}

    /**
     * Opens (creating when absent) the store file at {@code file} with the schema chain {@code schema}.
     *
     * @throws StoreFileException when the file cannot be used; an existing file is then left untouched
     */
    static <T> T open(Path file, String displayName, StoreSchema schema, Factory<T> factory) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(displayName, "displayName");
        Path path = file.toAbsolutePath().normalize();
        prepareLocation(path);
        if (!Files.exists(path)) {
            create(path, displayName, schema);
        }
        checkHeader(path, schema);
        validateReadOnly(path, schema);
        return openForWriting(path, displayName, schema, factory);
    }

    private static void prepareLocation(Path path) {
        Path parent = path.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException | SecurityException e) {
            throw new StoreFileException(path, "cannot create the folder " + parent + " for the store file: " + e, e);
        }
        if (parent != null && !Files.isWritable(parent)) {
            throw new StoreFileException(
                    path,
                    "the folder " + parent + " is not writable (the store needs to write"
                            + " its file and its -wal/-shm files there)",
                    null);
        }
        if (Files.isDirectory(path)) {
            throw new StoreFileException(path, "is a directory, not a message store file", null);
        }
        if (Files.exists(path) && !Files.isWritable(path)) {
            throw new StoreFileException(path, "the store file is read-only", null);
        }
    }

    /**
     * Creates a new store in a temporary file next to {@code path} and links it into place only when
     * complete, so a half-created file never sits at {@code path} and an existing file (even one that
     * appeared meanwhile) is never replaced.
     */
    private static void create(Path path, String displayName, StoreSchema schema) {
        Path tmp = path.resolveSibling("." + path.getFileName() + ".creating-" + UUID.randomUUID());
        try {
            try (Connection c = connect(tmp, SQLiteOpenMode.CREATE)) {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA journal_mode = WAL");
                    st.execute("PRAGMA synchronous = " + SYNCHRONOUS);
                    st.execute("BEGIN IMMEDIATE");
                }
                schema.migrate(c, 0);
                byte[] key = new byte[RECORD_KEY_SIZE];
                RANDOM.nextBytes(key);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
                    ps.setString(1, "display_name");
                    ps.setString(2, displayName);
                    ps.executeUpdate();
                    ps.setString(1, "record_key");
                    ps.setBytes(2, key);
                    ps.executeUpdate();
                    ps.setString(1, "created");
                    ps.setString(2, Instant.now().toString());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps =
                        c.prepareStatement("INSERT INTO folders(id, role, name, parent_id) VALUES (?, ?, ?, ?)")) {
                    long id = 1;
                    for (FolderRole role : FolderRole.values()) {
                        ps.setLong(1, id);
                        ps.setString(2, role.name());
                        ps.setString(3, FOLDER_NAMES.get(role));
                        if (role == FolderRole.ROOT) {
                            ps.setNull(4, java.sql.Types.INTEGER);
                        } else {
                            ps.setLong(4, role == FolderRole.IPM_SUBTREE ? 1 : 2);
                        }
                        ps.executeUpdate();
                        id++;
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("COMMIT");
                }
            }
            try {
                Files.createLink(path, tmp);
            } catch (FileAlreadyExistsException e) {
                LOG.info("Store file {} appeared while it was being created; opening the existing one", path);
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links here: move without replacing (not atomic against a racing creator)
                if (!Files.exists(path)) {
                    Files.move(tmp, path);
                }
            }
            LOG.info("Created message store file {} ({})", path, displayName);
        } catch (SQLException | IOException e) {
            throw new StoreFileException(path, "cannot create the store file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(tmp.resolveSibling(tmp.getFileName() + "-wal"));
            deleteQuietly(tmp.resolveSibling(tmp.getFileName() + "-shm"));
            deleteQuietly(tmp.resolveSibling(tmp.getFileName() + "-journal"));
        }
    }

    /** Reads the first 100 bytes (never writes) and refuses what is plainly not ours. */
    private static void checkHeader(Path path, StoreSchema schema) {
        byte[] header;
        try (InputStream in = Files.newInputStream(path)) {
            header = in.readNBytes(HEADER_SIZE);
        } catch (IOException e) {
            throw new StoreFileException(path, "cannot read the store file: " + e, e);
        }
        if (header.length == 0) {
            throw new StoreFileException(path, "is an empty file, not a message store (left untouched)", null);
        }
        if (header.length < HEADER_SIZE || !Arrays.equals(Arrays.copyOf(header, SQLITE_MAGIC.length), SQLITE_MAGIC)) {
            throw new StoreFileException(
                    path, "is not an SQLite database, so not a message store file" + " (left untouched)", null);
        }
        ByteBuffer buf = ByteBuffer.wrap(header);
        int applicationId = buf.getInt(HEADER_APPLICATION_ID);
        if (applicationId != StoreSchema.APPLICATION_ID) {
            throw foreign(path, String.format("application_id 0x%08X", applicationId));
        }
        int version = buf.getInt(HEADER_USER_VERSION);
        if (version > schema.version()) {
            throw newer(path, version, schema);
        }
    }

    /**
     * Store files up to this size get {@code PRAGMA quick_check} when opened, and every file left without
     * being closed (a -wal beside it). The check reads every page: 0.1 s of CPU for a 100,000-message file
     * here, several seconds of the logon on a loaded disk; a larger file closed cleanly gets the cheap
     * checks only (its length against the header's page count; every page a read touches is still
     * checked by SQLite, which answers SQLITE_CORRUPT: "the store file is corrupt"). Decision 0351.
     */
    static final long QUICK_CHECK_MAX_BYTES = 8L << 20;

    private static void checkIntegrity(Path path, Statement st, boolean walPresent) throws SQLException {
        long length;
        try {
            length = Files.size(path);
        } catch (IOException e) {
            throw new StoreFileException(path, "cannot read the store file's size: " + e, e);
        }
        if (walPresent || length <= QUICK_CHECK_MAX_BYTES) {
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check(1)")) {
                String result = rs.next() ? rs.getString(1) : "no result";
                if (!"ok".equalsIgnoreCase(result)) {
                    throw corrupt(path, "integrity check failed: " + result, null);
                }
            }
            return;
        }
        long pages = intPragma(st, "page_count");
        long pageSize = intPragma(st, "page_size");
        if (pages * pageSize > length) {
            throw corrupt(path, "truncated: " + length + " bytes for " + pages + " pages of " + pageSize, null);
        }
    }

    /** Checks the file through a read-only connection: integrity, meta table, version, folders. */
    private static void validateReadOnly(Path path, StoreSchema schema) {
        // Without a -wal file everything is in the main file: open it "immutable" so that SQLite
        // creates no -wal/-shm beside a file we may refuse. With one (a process ended without
        // closing the store), the read-only connection must read it; the sidecars are the file's own.
        boolean walPresent = Files.exists(path.resolveSibling(path.getFileName() + "-wal"));
        try (Connection c = walPresent ? connect(path, SQLiteOpenMode.READONLY) : connectImmutable(path);
                Statement st = c.createStatement()) {
            checkIntegrity(path, st, walPresent);
            int applicationId = intPragma(st, "application_id");
            if (applicationId != StoreSchema.APPLICATION_ID) {
                throw foreign(path, String.format("application_id 0x%08X", applicationId));
            }
            int version = intPragma(st, "user_version");
            if (version > schema.version()) {
                throw newer(path, version, schema);
            }
            if (version < 1) {
                throw corrupt(path, "schema version " + version + " (never finished being created)", null);
            }
            Map<String, Object> meta = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
                while (rs.next()) {
                    meta.put(rs.getString(1), rs.getObject(2));
                }
            } catch (SQLException e) {
                if (isCorruption(e)) {
                    throw e;
                }
                throw foreign(path, "no meta table");
            }
            if (!StoreSchema.FORMAT.equals(meta.get("format"))) {
                throw foreign(path, "meta format " + meta.get("format"));
            }
            Object metaVersion = meta.get("schema_version");
            if (!(metaVersion instanceof Number n) || n.intValue() != version) {
                throw corrupt(
                        path,
                        "schema version " + version + " in the header but " + metaVersion + " in the meta table",
                        null);
            }
            if (!(meta.get("display_name") instanceof String)
                    || !(meta.get("record_key") instanceof byte[] key)
                    || key.length != RECORD_KEY_SIZE) {
                throw corrupt(path, "the display name or the record key is missing", null);
            }
        } catch (SQLException e) {
            if (isCorruption(e)) {
                throw corrupt(path, e.getMessage(), e);
            }
            throw new StoreFileException(path, "cannot read the store file: " + e.getMessage(), e);
        }
    }

    private static <T> T openForWriting(Path path, String requestedName, StoreSchema schema, Factory<T> factory) {
        Connection c = null;
        try {
            c = connect(path, SQLiteOpenMode.READWRITE);
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    String mode = rs.next() ? rs.getString(1) : "?";
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new StoreFileException(
                                path, "cannot use the WAL journal (journal_mode is " + mode + ")", null);
                    }
                }
                st.execute("PRAGMA synchronous = " + SYNCHRONOUS);
                st.execute("PRAGMA foreign_keys = ON");
                migrateIfOlder(path, c, st, schema);
            }
            String name;
            byte[] key;
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
                ps.setString(1, "display_name");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    name = rs.getString(1);
                }
                ps.setString(1, "record_key");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    key = rs.getBytes(1);
                }
            }
            if (!name.equals(requestedName)) {
                LOG.info("Store file {} keeps its display name '{}' (asked for '{}')", path, name, requestedName);
            }
            List<FolderRecord> folders = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, role, name, parent_id FROM folders ORDER BY id")) {
                while (rs.next()) {
                    String role = rs.getString(2);
                    long parent = rs.getLong(4);
                    Long parentId = rs.wasNull() ? null : parent;
                    folders.add(new FolderRecord(
                            rs.getLong(1), role == null ? null : roleOf(path, role), rs.getString(3), parentId));
                }
            }
            for (FolderRole role : FolderRole.values()) {
                if (folders.stream().noneMatch(f -> f.role() == role)) {
                    throw corrupt(path, "the folder " + role + " is missing", null);
                }
            }
            T store = factory.create(path, c, name, key, folders);
            LOG.debug("Opened message store file {} ({}; synchronous={})", path, name, SYNCHRONOUS);
            return store;
        } catch (SQLException e) {
            closeQuietly(c);
            if (isCorruption(e)) {
                throw corrupt(path, e.getMessage(), e);
            }
            throw new StoreFileException(path, "cannot open the store file for writing: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void migrateIfOlder(Path path, Connection c, Statement st, StoreSchema schema) throws SQLException {
        if (intPragma(st, "user_version") >= schema.version()) {
            return;
        }
        st.execute("BEGIN IMMEDIATE");
        boolean done = false;
        try {
            int version = intPragma(st, "user_version"); // again, under the write lock
            if (version > schema.version()) {
                throw newer(path, version, schema);
            }
            if (version < schema.version()) {
                LOG.info("Migrating store file {} from schema version {} to {}", path, version, schema.version());
                schema.migrate(c, version);
            }
            st.execute("COMMIT");
            done = true;
        } finally {
            if (!done) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException e) {
                    LOG.warn("Rollback of the migration of {} failed", path, e);
                }
            }
        }
    }

    private static FolderRole roleOf(Path path, String role) {
        try {
            return FolderRole.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw corrupt(path, "unknown folder role " + role, e);
        }
    }

    private static Connection connect(Path path, SQLiteOpenMode mode) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // the store reads a new row's id itself (SELECT last_insert_rowid()); left on, the driver matches every
        // update's SQL against a pattern and, for an INSERT, prepares and runs that query once more: for each
        // property upsert a send writes (decision 0731)
        config.setGetGeneratedKeys(false);
        if (mode == SQLiteOpenMode.READONLY) {
            config.setReadOnly(true);
        } else if (mode == SQLiteOpenMode.READWRITE) {
            config.resetOpenMode(SQLiteOpenMode.CREATE); // the file must exist: never create one here
        }
        return DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
    }

    private static Connection connectImmutable(Path path) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        return DriverManager.getConnection("jdbc:sqlite:" + path.toUri() + "?immutable=1", config.toProperties());
    }

    private static int intPragma(Statement st, String pragma) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static boolean isCorruption(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            String name = code == null ? "" : code.name();
            return name.startsWith("SQLITE_CORRUPT") || name.startsWith("SQLITE_NOTADB");
        }
        return false;
    }

    private static StoreFileException corrupt(Path path, String detail, Throwable cause) {
        return new StoreFileException(path, "the store file is corrupt (" + detail + "); it was left untouched", cause);
    }

    private static StoreFileException foreign(Path path, String detail) {
        return new StoreFileException(
                path,
                "is an SQLite database of another application (" + detail
                        + "), not a MAPI Workbench message store; it was left untouched",
                null);
    }

    private static StoreFileException newer(Path path, int version, StoreSchema schema) {
        return new StoreFileException(
                path,
                "was written by a newer MAPI Workbench (store schema version " + version + ", this program knows up to "
                        + schema.version() + "); it was left untouched",
                null);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", p, e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("Closing a store connection failed", e);
            }
        }
    }
}
