package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite implementation of {@link MailStoreFile}: one file per profile, WAL journal,
 * {@code synchronous=FULL} (every mutating call is one {@code BEGIN IMMEDIATE … COMMIT} that is on
 * disk when the call returns), one connection guarded by a lock. An existing file is checked
 * without being written (header bytes first, then a read-only connection) before it is opened for
 * writing, so a corrupt, foreign, non-SQLite or newer file is refused and left byte-identical.
 * See docs/decisions/0020-store-file-sqlite-per-profile.md.
 */
final class SqliteMailStore implements MailStoreFile {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteMailStore.class);

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
            LOG.warn("Store files use PRAGMA synchronous={} ({}): commits are {}", value, SYNCHRONOUS_PROPERTY,
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

    private static final String MESSAGE_COLUMNS_UPDATE =
            "UPDATE messages SET message_flags = ?, submit_flags = ?, submit_sec = ?, submit_nano = ? WHERE id = ?";

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private final String displayName;
    private final byte[] recordKey;
    private final List<FolderRecord> folders;
    private final Map<FolderRole, FolderRecord> foldersByRole;
    private final Map<Long, FolderRecord> foldersById;
    private final Statements sql;
    private volatile boolean closed;
    private volatile Consumer<String> faultHook = point -> { };

    private SqliteMailStore(Path file, Connection connection, String displayName, byte[] recordKey,
            List<FolderRecord> folders) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.displayName = displayName;
        this.recordKey = recordKey;
        this.folders = List.copyOf(folders);
        this.foldersByRole = new EnumMap<>(FolderRole.class);
        this.foldersById = new HashMap<>();
        for (FolderRecord f : folders) {
            if (f.role() != null) {
                foldersByRole.put(f.role(), f);
            }
            foldersById.put(f.id(), f);
        }
        this.sql = new Statements(connection);
    }

    static MailStoreFile open(Path file, String displayName) {
        return open(file, displayName, StoreSchema.CURRENT);
    }

    /** Opens with a given schema chain (tests use a longer chain to exercise the migration hook). */
    static SqliteMailStore open(Path file, String displayName, StoreSchema schema) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(displayName, "displayName");
        Path path = file.toAbsolutePath().normalize();
        prepareLocation(path);
        if (!Files.exists(path)) {
            create(path, displayName, schema);
        }
        checkHeader(path, schema);
        validateReadOnly(path, schema);
        return openForWriting(path, displayName, schema);
    }

    // ---------------------------------------------------------------- opening

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
            throw new StoreFileException(path, "the folder " + parent + " is not writable (the store needs to write"
                    + " its file and its -wal/-shm files there)", null);
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
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO folders(id, role, name, parent_id) VALUES (?, ?, ?, ?)")) {
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
        if (header.length < HEADER_SIZE
                || !Arrays.equals(Arrays.copyOf(header, SQLITE_MAGIC.length), SQLITE_MAGIC)) {
            throw new StoreFileException(path, "is not an SQLite database, so not a message store file"
                    + " (left untouched)", null);
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

    /** Checks the file through a read-only connection: integrity, meta table, version, folders. */
    private static void validateReadOnly(Path path, StoreSchema schema) {
        // Without a -wal file everything is in the main file: open it "immutable" so that SQLite
        // creates no -wal/-shm beside a file we may refuse. With one (a process ended without
        // closing the store), the read-only connection must read it; the sidecars are the file's own.
        boolean walPresent = Files.exists(path.resolveSibling(path.getFileName() + "-wal"));
        try (Connection c = walPresent ? connect(path, SQLiteOpenMode.READONLY) : connectImmutable(path);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check(1)")) {
                String result = rs.next() ? rs.getString(1) : "no result";
                if (!"ok".equalsIgnoreCase(result)) {
                    throw corrupt(path, "integrity check failed: " + result, null);
                }
            }
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
                throw corrupt(path, "schema version " + version + " in the header but " + metaVersion
                        + " in the meta table", null);
            }
            if (!(meta.get("display_name") instanceof String)
                    || !(meta.get("record_key") instanceof byte[] key) || key.length != RECORD_KEY_SIZE) {
                throw corrupt(path, "the display name or the record key is missing", null);
            }
        } catch (SQLException e) {
            if (isCorruption(e)) {
                throw corrupt(path, e.getMessage(), e);
            }
            throw new StoreFileException(path, "cannot read the store file: " + e.getMessage(), e);
        }
    }

    private static SqliteMailStore openForWriting(Path path, String requestedName, StoreSchema schema) {
        Connection c = null;
        try {
            c = connect(path, SQLiteOpenMode.READWRITE);
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    String mode = rs.next() ? rs.getString(1) : "?";
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new StoreFileException(path, "cannot use the WAL journal (journal_mode is " + mode
                                + ")", null);
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
                    folders.add(new FolderRecord(rs.getLong(1), role == null ? null : roleOf(path, role),
                            rs.getString(3), parentId));
                }
            }
            for (FolderRole role : FolderRole.values()) {
                if (folders.stream().noneMatch(f -> f.role() == role)) {
                    throw corrupt(path, "the folder " + role + " is missing", null);
                }
            }
            SqliteMailStore store = new SqliteMailStore(path, c, name, key, folders);
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

    private static void migrateIfOlder(Path path, Connection c, Statement st, StoreSchema schema)
            throws SQLException {
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

    private static boolean isCorruption(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            String name = code == null ? "" : code.name();
            return name.startsWith("SQLITE_CORRUPT") || name.startsWith("SQLITE_NOTADB");
        }
        return false;
    }

    private static StoreFileException corrupt(Path path, String detail, Throwable cause) {
        return new StoreFileException(path, "the store file is corrupt (" + detail + "); it was left untouched",
                cause);
    }

    private static StoreFileException foreign(Path path, String detail) {
        return new StoreFileException(path, "is an SQLite database of another application (" + detail
                + "), not a MAPI Workbench message store; it was left untouched", null);
    }

    private static StoreFileException newer(Path path, int version, StoreSchema schema) {
        return new StoreFileException(path, "was written by a newer MAPI Workbench (store schema version " + version
                + ", this program knows up to " + schema.version() + "); it was left untouched", null);
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

    // ---------------------------------------------------------------- contract

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String displayName() {
        ensureOpen("displayName");
        return displayName;
    }

    @Override
    public byte[] recordKey() {
        ensureOpen("recordKey");
        return recordKey.clone();
    }

    @Override
    public List<FolderRecord> folders() {
        ensureOpen("folders");
        return folders;
    }

    @Override
    public FolderRecord folder(FolderRole role) {
        ensureOpen("folder");
        if (role == null) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "MailStoreFile.folder", "role is null");
        }
        return foldersByRole.get(role);
    }

    @Override
    public Optional<FolderRecord> folderById(long id) {
        ensureOpen("folderById");
        return Optional.ofNullable(foldersById.get(id));
    }

    @Override
    public MessageRecord createMessage(long folderId, Map<Integer, Object> props) {
        String op = "createMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        requireFolder(folderId, op);
        return write(op, () -> {
            Map<Integer, Object> values = changes.valuesWithoutRemovals();
            PreparedStatement ins = sql.insertMessage;
            ins.setLong(1, folderId);
            bindDerived(ins, 2, values);
            ins.executeUpdate();
            long id;
            try (ResultSet rs = sql.lastId.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            for (Map.Entry<Integer, Object> e : values.entrySet()) {
                upsertProp(id, e.getKey(), e.getValue());
            }
            List<String> recipients = changes.recipients == null ? List.of() : changes.recipients;
            insertRecipients(id, recipients);
            faultHook.accept(op + ":inserted");
            return new MessageRecord(id, folderId, recipients, values);
        });
    }

    @Override
    public MessageRecord updateMessage(long messageId, Map<Integer, Object> props) {
        String op = "updateMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        if (changes.isEmpty()) { // nothing to write: no transaction, no sync
            return message(messageId).orElseThrow(() -> notFound(op, messageId));
        }
        return write(op, () -> {
            long folderId = currentFolder(messageId, op);
            return applyChanges(messageId, folderId, changes, op);
        });
    }

    @Override
    public MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props) {
        String op = "moveMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        requireFolder(toFolderId, op);
        return write(op, () -> {
            currentFolder(messageId, op);
            sql.moveMessage.setLong(1, toFolderId);
            sql.moveMessage.setLong(2, messageId);
            sql.moveMessage.executeUpdate();
            faultHook.accept(op + ":moved");
            return applyChanges(messageId, toFolderId, changes, op);
        });
    }

    @Override
    public void deleteMessage(long messageId) {
        String op = "deleteMessage";
        write(op, () -> {
            sql.deleteMessage.setLong(1, messageId);
            if (sql.deleteMessage.executeUpdate() == 0) {
                throw notFound(op, messageId);
            }
            return null;
        });
    }

    @Override
    public Optional<MessageRecord> message(long messageId) {
        List<MessageRecord> found = read("message", () -> load("m.id = ?", "m.id", messageId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<MessageRecord> messages(long folderId) {
        requireFolder(folderId, "messages");
        return read("messages", () -> load("m.folder_id = ?", "m.id", folderId));
    }

    @Override
    public List<MessageRecord> outgoingQueue() {
        long outbox = foldersByRole.get(FolderRole.OUTBOX).id();
        return read("outgoingQueue", () -> load(OUTGOING_WHERE, OUTGOING_ORDER, outbox));
    }

    /** The outgoing-queue condition; it matches the partial index {@code messages_outgoing}. */
    static final String OUTGOING_WHERE = "m.folder_id = ? AND (m.message_flags & " + MapiFlags.MSGFLAG_SUBMIT + ") <> 0";
    static final String OUTGOING_ORDER = "m.submit_sec, m.submit_nano, m.id";

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            sql.close();
            connection.close();
            LOG.debug("Closed message store file {}", file);
        } catch (SQLException e) {
            LOG.warn("Closing the store file {} failed (committed data is already on disk)", file, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteMailStore[" + file + (closed ? ", closed]" : "]");
    }

    // ---------------------------------------------------------------- test hooks

    /** Called at named points inside write transactions; a throwing hook makes the call roll back. */
    void setFaultHookForTests(Consumer<String> hook) {
        this.faultHook = hook == null ? point -> { } : hook;
    }

    /** The query plan of the outgoing queue, for the test that checks it uses the index. */
    List<String> outgoingQueuePlanForTests() {
        return read("plan", () -> {
            List<String> plan = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("EXPLAIN QUERY PLAN SELECT m.id FROM messages m"
                    + " WHERE " + OUTGOING_WHERE + " ORDER BY " + OUTGOING_ORDER)) {
                ps.setLong(1, foldersByRole.get(FolderRole.OUTBOX).id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString("detail"));
                    }
                }
            }
            return plan;
        });
    }

    // ---------------------------------------------------------------- internals

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T write(String op, Work<T> work) {
        lock.lock();
        try {
            ensureOpen(op);
            sql.begin.execute();
            boolean committed = false;
            try {
                T result = work.run();
                sql.commit.execute();
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollback(op);
                }
            }
        } catch (SQLException e) {
            throw failure(op, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(String op, Work<T> work) {
        lock.lock();
        try {
            ensureOpen(op);
            sql.beginRead.execute();
            try {
                return work.run();
            } finally {
                sql.commit.execute();
            }
        } catch (SQLException e) {
            throw failure(op, e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback(String op) {
        try {
            sql.rollback.execute();
        } catch (SQLException e) {
            // SQLite may already have rolled the transaction back by itself (e.g. after SQLITE_FULL)
            LOG.debug("Rollback after a failed {} on {}: {}", op, file, e.getMessage());
        }
    }

    private StoreFileException failure(String op, SQLException e) {
        if (isCorruption(e)) {
            return new StoreFileException(file, op + " failed: the store file is corrupt (" + e.getMessage() + ")", e);
        }
        return new StoreFileException(file, op + " failed: " + e.getMessage(), e);
    }

    private void ensureOpen(String op) {
        if (closed) {
            throw new StoreFileException(file, op + " called after the store was closed", null);
        }
    }

    private void requireFolder(long folderId, String op) {
        ensureOpen(op);
        if (!foldersById.containsKey(folderId)) {
            throw new MapiException(HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no folder " + folderId
                    + " in " + file);
        }
    }

    private long currentFolder(long messageId, String op) throws SQLException {
        sql.folderOf.setLong(1, messageId);
        try (ResultSet rs = sql.folderOf.executeQuery()) {
            if (!rs.next()) {
                throw notFound(op, messageId);
            }
            return rs.getLong(1);
        }
    }

    private MapiException notFound(String op, long messageId) {
        return new MapiException(HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no message " + messageId
                + " in " + file);
    }

    private MessageRecord applyChanges(long messageId, long folderId, PropertyChanges changes, String op)
            throws SQLException {
        for (Map.Entry<Integer, Object> e : changes.values.entrySet()) {
            if (e.getValue() == null) {
                sql.deleteProp.setLong(1, messageId);
                sql.deleteProp.setInt(2, e.getKey());
                sql.deleteProp.executeUpdate();
            } else {
                upsertProp(messageId, e.getKey(), e.getValue());
            }
        }
        if (changes.recipientsGiven) {
            sql.deleteRecipients.setLong(1, messageId);
            sql.deleteRecipients.executeUpdate();
            insertRecipients(messageId, changes.recipients == null ? List.of() : changes.recipients);
        }
        faultHook.accept(op + ":props-written");
        Map<Integer, Object> props = new HashMap<>();
        sql.propsOf.setLong(1, messageId);
        try (ResultSet rs = sql.propsOf.executeQuery()) {
            while (rs.next()) {
                putDecoded(props, rs.getInt(1), rs, 2);
            }
        }
        List<String> recipients = new ArrayList<>();
        sql.recipientsOf.setLong(1, messageId);
        try (ResultSet rs = sql.recipientsOf.executeQuery()) {
            while (rs.next()) {
                recipients.add(rs.getString(1));
            }
        }
        PreparedStatement upd = sql.updateDerived;
        bindDerived(upd, 1, props);
        upd.setLong(5, messageId);
        upd.executeUpdate();
        return new MessageRecord(messageId, folderId, recipients, props);
    }

    /** Binds message_flags, submit_flags, submit_sec, submit_nano from the message's properties. */
    private static void bindDerived(PreparedStatement ps, int first, Map<Integer, Object> props) throws SQLException {
        ps.setInt(first, props.get(PropTag.PR_MESSAGE_FLAGS) instanceof Integer f ? f : 0);
        ps.setInt(first + 1, props.get(PropTag.PR_SUBMIT_FLAGS) instanceof Integer f ? f : 0);
        if (props.get(PropTag.PR_CLIENT_SUBMIT_TIME) instanceof Instant t) {
            ps.setLong(first + 2, t.getEpochSecond());
            ps.setInt(first + 3, t.getNano());
        } else {
            ps.setLong(first + 2, StoreSchema.NO_SUBMIT_TIME);
            ps.setInt(first + 3, 0);
        }
    }

    private void upsertProp(long messageId, int tag, Object value) throws SQLException {
        PreparedStatement ps = sql.upsertProp;
        ps.setLong(1, messageId);
        ps.setInt(2, tag);
        switch (PropTag.type(tag)) {
            case PropTag.PT_LONG -> ps.setInt(3, (Integer) value);
            case PropTag.PT_I8 -> ps.setLong(3, (Long) value);
            case PropTag.PT_BOOLEAN -> ps.setInt(3, ((Boolean) value) ? 1 : 0);
            case PropTag.PT_UNICODE, PropTag.PT_STRING8 -> ps.setString(3, (String) value);
            case PropTag.PT_BINARY -> ps.setBytes(3, (byte[]) value);
            case PropTag.PT_SYSTIME -> ps.setString(3, value.toString());
            default -> throw new IllegalStateException("unchecked type " + PropTag.name(tag)); // Changes checked it
        }
        ps.executeUpdate();
    }

    private void putDecoded(Map<Integer, Object> into, int tag, ResultSet rs, int column) throws SQLException {
        Object value;
        switch (PropTag.type(tag)) {
            case PropTag.PT_LONG -> value = rs.getInt(column);
            case PropTag.PT_I8 -> value = rs.getLong(column);
            case PropTag.PT_BOOLEAN -> value = rs.getInt(column) != 0;
            case PropTag.PT_UNICODE, PropTag.PT_STRING8 -> value = rs.getString(column);
            case PropTag.PT_BINARY -> {
                byte[] b = rs.getBytes(column);
                value = b == null ? new byte[0] : b;
            }
            case PropTag.PT_SYSTIME -> {
                try {
                    value = Instant.parse(rs.getString(column));
                } catch (DateTimeParseException | NullPointerException e) {
                    LOG.warn("Store file {}: unreadable time in {} skipped", file, PropTag.name(tag));
                    return;
                }
            }
            default -> {
                LOG.warn("Store file {}: property {} of an unknown type skipped", file, PropTag.name(tag));
                return;
            }
        }
        into.put(tag, value);
    }

    private void insertRecipients(long messageId, List<String> recipients) throws SQLException {
        PreparedStatement ps = sql.insertRecipient;
        for (int i = 0; i < recipients.size(); i++) {
            ps.setLong(1, messageId);
            ps.setInt(2, i);
            ps.setString(3, recipients.get(i));
            ps.executeUpdate();
        }
    }

    /** Loads the messages matching {@code where} (one parameter) in {@code order}: three queries in all. */
    private List<MessageRecord> load(String where, String order, long param) throws SQLException {
        Map<Long, Long> folderOf = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT m.id, m.folder_id FROM messages m WHERE " + where + " ORDER BY " + order)) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    folderOf.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        if (folderOf.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<Integer, Object>> props = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT p.message_id, p.tag, p.value FROM props p"
                + " JOIN messages m ON m.id = p.message_id WHERE " + where)) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    putDecoded(props.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()), rs.getInt(2), rs, 3);
                }
            }
        }
        Map<Long, List<String>> recipients = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT r.message_id, r.address FROM recipients r"
                + " JOIN messages m ON m.id = r.message_id WHERE " + where + " ORDER BY r.message_id, r.position")) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recipients.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<MessageRecord> out = new ArrayList<>(folderOf.size());
        for (Map.Entry<Long, Long> e : folderOf.entrySet()) {
            out.add(new MessageRecord(e.getKey(), e.getValue(),
                    recipients.getOrDefault(e.getKey(), List.of()),
                    props.getOrDefault(e.getKey(), Map.of())));
        }
        return out;
    }

    /** The prepared statements of the one connection (used under the lock only). */
    private static final class Statements {
        final PreparedStatement begin;
        final PreparedStatement beginRead;
        final PreparedStatement commit;
        final PreparedStatement rollback;
        final PreparedStatement insertMessage;
        final PreparedStatement lastId;
        final PreparedStatement folderOf;
        final PreparedStatement moveMessage;
        final PreparedStatement deleteMessage;
        final PreparedStatement upsertProp;
        final PreparedStatement deleteProp;
        final PreparedStatement propsOf;
        final PreparedStatement recipientsOf;
        final PreparedStatement deleteRecipients;
        final PreparedStatement insertRecipient;
        final PreparedStatement updateDerived;
        private final List<PreparedStatement> all = new ArrayList<>();

        Statements(Connection c) throws SQLException {
            begin = prep(c, "BEGIN IMMEDIATE");
            beginRead = prep(c, "BEGIN DEFERRED");
            commit = prep(c, "COMMIT");
            rollback = prep(c, "ROLLBACK");
            insertMessage = prep(c, "INSERT INTO messages(folder_id, message_flags, submit_flags, submit_sec,"
                    + " submit_nano) VALUES (?, ?, ?, ?, ?)");
            lastId = prep(c, "SELECT last_insert_rowid()");
            folderOf = prep(c, "SELECT folder_id FROM messages WHERE id = ?");
            moveMessage = prep(c, "UPDATE messages SET folder_id = ? WHERE id = ?");
            deleteMessage = prep(c, "DELETE FROM messages WHERE id = ?");
            upsertProp = prep(c, "INSERT INTO props(message_id, tag, value) VALUES (?, ?, ?)"
                    + " ON CONFLICT(message_id, tag) DO UPDATE SET value = excluded.value");
            deleteProp = prep(c, "DELETE FROM props WHERE message_id = ? AND tag = ?");
            propsOf = prep(c, "SELECT tag, value FROM props WHERE message_id = ?");
            recipientsOf = prep(c, "SELECT address FROM recipients WHERE message_id = ? ORDER BY position");
            deleteRecipients = prep(c, "DELETE FROM recipients WHERE message_id = ?");
            insertRecipient = prep(c, "INSERT INTO recipients(message_id, position, address) VALUES (?, ?, ?)");
            updateDerived = prep(c, MESSAGE_COLUMNS_UPDATE);
        }

        private PreparedStatement prep(Connection c, String text) throws SQLException {
            PreparedStatement ps = c.prepareStatement(text);
            all.add(ps);
            return ps;
        }

        void close() {
            for (PreparedStatement ps : all) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    LOG.debug("Closing a statement failed", e);
                }
            }
        }
    }
}
