package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite implementation of {@link MailStoreFile}: one file per profile, WAL journal,
 * {@code synchronous=FULL} (every mutating call is one {@code BEGIN IMMEDIATE … COMMIT} that is on
 * disk when the call returns), one connection guarded by a lock. This class holds the transactions
 * and the row mapping on the open connection; creating, checking, refusing and migrating the file
 * is {@link StoreFileOpener}'s. See docs/decisions/0020-store-file-sqlite-per-profile.md.
 *
 * <p>Size: over 400 lines because the transactions and the mapping of rows to properties are one
 * format: each write names the columns the reads decode.
 */
final class SqliteMailStore implements MailStoreFile {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteMailStore.class);

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
    private volatile Consumer<String> faultHook = point -> {};

    private SqliteMailStore(
            Path file, Connection connection, String displayName, byte[] recordKey, List<FolderRecord> folders)
            throws SQLException {
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
        return StoreFileOpener.open(file, displayName, schema, SqliteMailStore::new);
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
        List<MessageRecord> found =
                read("message", () -> load(KEY_WHERE, "m.id", new long[] {messageId}, KEY_PROPS, KEY_RECIPIENTS));
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

    @Override
    public List<MessageRecord> messages(long folderId, long afterId, int limit) {
        requireFolder(folderId, "messages");
        if (limit <= 0) {
            return List.of();
        }
        return read("messages", () -> {
            List<Long> ids = ids(WINDOW_IDS, folderId, afterId, limit);
            if (ids.isEmpty()) {
                return List.of();
            }
            // the window is one range of the (folder_id, id) index: the property and recipient reads
            // cost the window, not the folder
            return loadRange(folderId, afterId, ids.get(ids.size() - 1));
        });
    }

    @Override
    public List<Long> messageIds(long folderId, long afterId, int limit) {
        requireFolder(folderId, "messageIds");
        if (limit <= 0) {
            return List.of();
        }
        return read("messageIds", () -> ids(WINDOW_IDS, folderId, afterId, limit));
    }

    @Override
    public int messageCount(long folderId, long upToId) {
        requireFolder(folderId, "messageCount");
        return read("messageCount", () -> {
            try (PreparedStatement ps = connection.prepareStatement(COUNT_UP_TO)) {
                ps.setLong(1, folderId);
                ps.setLong(2, upToId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public List<MessageRecord> outgoingQueue(int limit) {
        long outbox = foldersByRole.get(FolderRole.OUTBOX).id();
        if (limit <= 0) {
            return List.of();
        }
        return read("outgoingQueue", () -> {
            List<Long> ids = ids(OUTGOING_WINDOW, outbox, limit);
            List<MessageRecord> out = new ArrayList<>(ids.size());
            for (long id : ids) {
                out.addAll(load(KEY_WHERE, "m.id", new long[] {id}, KEY_PROPS, KEY_RECIPIENTS));
            }
            return out;
        });
    }

    @Override
    public List<MessageRecord> outgoingWithSubmitFlags(int mask) {
        long outbox = foldersByRole.get(FolderRole.OUTBOX).id();
        return read(
                "outgoingWithSubmitFlags",
                () -> load(OUTGOING_WHERE + " AND (m.submit_flags & " + mask + ") <> 0", OUTGOING_ORDER, outbox));
    }

    private List<Long> ids(String sql, long... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /** A window of a folder's message ids after a key: one range of the index {@code messages_by_folder}. */
    static final String WINDOW_IDS =
            "SELECT m.id FROM messages m WHERE m.folder_id = ? AND m.id > ? ORDER BY m.id LIMIT ?";

    /** The number of a folder's messages up to a key (a cursor's position): a range of the same index. */
    static final String COUNT_UP_TO = "SELECT COUNT(*) FROM messages m WHERE m.folder_id = ? AND m.id <= ?";

    /** A window's messages (with {@link #RANGE_PROPS} and {@link #RANGE_RECIPIENTS}): by key range. */
    static final String RANGE_WHERE = "m.folder_id = ? AND m.id > ? AND m.id <= ?";

    static final String RANGE_PROPS = "m.folder_id = ? AND p.message_id > ? AND p.message_id <= ?";
    static final String RANGE_RECIPIENTS = "m.folder_id = ? AND r.message_id > ? AND r.message_id <= ?";

    /** One message by key (with {@link #KEY_PROPS} and {@link #KEY_RECIPIENTS}). */
    static final String KEY_WHERE = "m.id = ?";

    static final String KEY_PROPS = "p.message_id = ?";
    static final String KEY_RECIPIENTS = "r.message_id = ?";

    /** The outgoing-queue condition; it matches the partial index {@code messages_outgoing}. */
    static final String OUTGOING_WHERE =
            "m.folder_id = ? AND (m.message_flags & " + MapiFlags.MSGFLAG_SUBMIT + ") <> 0";

    static final String OUTGOING_ORDER = "m.submit_sec, m.submit_nano, m.id";

    /** The first messages of the outgoing queue, in queue order: a range of {@code messages_outgoing}. */
    static final String OUTGOING_WINDOW =
            "SELECT m.id FROM messages m WHERE " + OUTGOING_WHERE + " ORDER BY " + OUTGOING_ORDER + " LIMIT ?";

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
        this.faultHook = hook == null ? point -> {} : hook;
    }

    /** The query plan of the outgoing queue, for the test that checks it uses the index. */
    List<String> outgoingQueuePlanForTests() {
        return plan("SELECT m.id FROM messages m WHERE " + OUTGOING_WHERE + " ORDER BY " + OUTGOING_ORDER, 1);
    }

    /**
     * The query plans of the reads by window and by key, by name, for the test that checks that each is
     * a search of an index or the primary key and none scans a table: the exact statements the reads run.
     */
    Map<String, List<String>> readPlansForTests() {
        Map<String, List<String>> plans = new LinkedHashMap<>();
        plans.put("window ids", plan(WINDOW_IDS, 3));
        plans.put("window rows", plan(messagesSql(RANGE_WHERE, "m.id"), 3));
        plans.put("window props", plan(propsSql(RANGE_PROPS), 3));
        plans.put("window recipients", plan(recipientsSql(RANGE_RECIPIENTS), 3));
        plans.put("count up to a key", plan(COUNT_UP_TO, 2));
        plans.put("row by key", plan(messagesSql(KEY_WHERE, "m.id"), 1));
        plans.put("props by key", plan(propsSql(KEY_PROPS), 1));
        plans.put("recipients by key", plan(recipientsSql(KEY_RECIPIENTS), 1));
        plans.put("outgoing queue window", plan(OUTGOING_WINDOW, 2));
        return plans;
    }

    private List<String> plan(String query, int parameters) {
        return read("plan", () -> {
            List<String> plan = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("EXPLAIN QUERY PLAN " + query)) {
                for (int i = 1; i <= parameters; i++) {
                    ps.setLong(i, i == 1 ? foldersByRole.get(FolderRole.OUTBOX).id() : 1);
                }
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
        if (StoreFileOpener.isCorruption(e)) {
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
            throw new MapiException(
                    HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no folder " + folderId + " in " + file);
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
        return new MapiException(
                HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no message " + messageId + " in " + file);
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
        return load(where, order, new long[] {param});
    }

    /** The folder's messages with {@code afterId < id <= lastId}: one range of the (folder_id, id) index. */
    private List<MessageRecord> loadRange(long folderId, long afterId, long lastId) throws SQLException {
        return load(RANGE_WHERE, "m.id", new long[] {folderId, afterId, lastId}, RANGE_PROPS, RANGE_RECIPIENTS);
    }

    private List<MessageRecord> load(String where, String order, long[] params) throws SQLException {
        return load(where, order, params, null, null);
    }

    /**
     * Loads the messages matching {@code where} in {@code order}: three queries in all. {@code propsWhere}
     * and {@code recipientsWhere}, when given, select the same messages' property and recipient rows by
     * a range of their primary key ({@code message_id} first), so those reads cost the messages asked
     * for, not the table (without them SQLite may scan every property row to join it).
     */
    private List<MessageRecord> load(
            String where, String order, long[] params, String propsWhere, String recipientsWhere) throws SQLException {
        Map<Long, Long> folderOf = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(messagesSql(where, order))) {
            bind(ps, params);
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
        try (PreparedStatement ps = connection.prepareStatement(propsSql(propsWhere == null ? where : propsWhere))) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    putDecoded(props.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()), rs.getInt(2), rs, 3);
                }
            }
        }
        Map<Long, List<String>> recipients = new HashMap<>();
        try (PreparedStatement ps =
                connection.prepareStatement(recipientsSql(recipientsWhere == null ? where : recipientsWhere))) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recipients
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        List<MessageRecord> out = new ArrayList<>(folderOf.size());
        for (Map.Entry<Long, Long> e : folderOf.entrySet()) {
            out.add(new MessageRecord(
                    e.getKey(),
                    e.getValue(),
                    recipients.getOrDefault(e.getKey(), List.of()),
                    props.getOrDefault(e.getKey(), Map.of())));
        }
        return out;
    }

    private static String messagesSql(String where, String order) {
        return "SELECT m.id, m.folder_id FROM messages m WHERE " + where + " ORDER BY " + order;
    }

    private static String propsSql(String where) {
        return "SELECT p.message_id, p.tag, p.value FROM props p JOIN messages m ON m.id = p.message_id WHERE " + where;
    }

    private static String recipientsSql(String where) {
        return "SELECT r.message_id, r.address FROM recipients r JOIN messages m ON m.id = r.message_id WHERE " + where
                + " ORDER BY m.id, r.position";
    }

    private static void bind(PreparedStatement ps, long[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setLong(i + 1, params[i]);
        }
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
            insertMessage = prep(
                    c,
                    "INSERT INTO messages(folder_id, message_flags, submit_flags, submit_sec,"
                            + " submit_nano) VALUES (?, ?, ?, ?, ?)");
            lastId = prep(c, "SELECT last_insert_rowid()");
            folderOf = prep(c, "SELECT folder_id FROM messages WHERE id = ?");
            moveMessage = prep(c, "UPDATE messages SET folder_id = ? WHERE id = ?");
            deleteMessage = prep(c, "DELETE FROM messages WHERE id = ?");
            upsertProp = prep(
                    c,
                    "INSERT INTO props(message_id, tag, value) VALUES (?, ?, ?)"
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
