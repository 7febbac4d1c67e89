package dev.mapiworkbench.sim.store;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.sim.store.TableView.RowKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
 * disk when the call returns), one connection guarded by a lock. This class holds the contract and the
 * transactions; the rows on the connection are {@link StoreRows}' (handed to a transaction only under
 * the lock, so Error Prone checks every use: {@code @GuardedBy}); the SQL of the reads is
 * {@link ViewSql}'s; creating, checking, refusing and migrating the file is {@link StoreFileOpener}'s.
 * Every read is by key or by one window of an index (decision 0410). See
 * docs/decisions/0020-store-file-sqlite-per-profile.md.
 */
final class SqliteMailStore implements MailStoreFile {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteMailStore.class);

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();

    @GuardedBy("lock")
    private final StoreRows rows;

    private final String displayName;
    private final byte[] recordKey;
    private final List<FolderRecord> folders;
    private final Map<FolderRole, FolderRecord> foldersByRole;
    private final Map<Long, FolderRecord> foldersById;
    /** Written under the lock, read without it (a call after close fails fast, naming the file). */
    private volatile boolean closed;

    private SqliteMailStore(
            Path file, Connection connection, String displayName, byte[] recordKey, List<FolderRecord> folders)
            throws SQLException {
        this.file = file;
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
        this.rows = new StoreRows(file, connection);
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
        return write(op, r -> r.insert(folderId, changes, op));
    }

    @Override
    public MessageRecord updateMessage(long messageId, Map<Integer, Object> props) {
        String op = "updateMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        if (changes.isEmpty()) { // nothing to write: no transaction, no sync
            return message(messageId).orElseThrow(() -> notFound(op, messageId));
        }
        return write(op, r -> r.applyChanges(messageId, r.currentFolder(messageId, op), changes, op));
    }

    @Override
    public MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props) {
        String op = "moveMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        requireFolder(toFolderId, op);
        return write(op, r -> {
            r.currentFolder(messageId, op);
            r.move(messageId, toFolderId);
            r.fault(op + ":moved");
            return r.applyChanges(messageId, toFolderId, changes, op);
        });
    }

    /**
     * The move of a send (decision 0731): the folder and the derived columns in one update, only the properties
     * that change written, nothing read back — four statements where the general move runs a dozen.
     */
    @Override
    public MessageRecord moveMessage(
            long messageId, long toFolderId, Map<Integer, Object> props, MessageRecord current) {
        if (current == null || current.id() != messageId) {
            return moveMessage(messageId, toFolderId, props);
        }
        String op = "moveMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        requireFolder(toFolderId, op);
        return write(op, r -> r.moveKnown(current, toFolderId, changes, op));
    }

    @Override
    public void deleteMessage(long messageId) {
        String op = "deleteMessage";
        write(op, r -> {
            if (!r.delete(messageId)) {
                throw r.notFound(op, messageId);
            }
            return null;
        });
    }

    @Override
    public Optional<MessageRecord> message(long messageId) {
        return Optional.ofNullable(read("message", r -> r.one(messageId)));
    }

    @Override
    public List<MessageRecord> window(long folderId, TableView view, RowKey after, int limit) {
        requireFolder(folderId, "window");
        if (limit <= 0) {
            return List.of();
        }
        return read("window", r -> {
            List<RowKey> keys = r.windowKeys(view, folderId, after, limit);
            if (keys.isEmpty()) {
                return List.of();
            }
            if (view.equals(TableView.DEFAULT)) {
                // one id range of (folder_id, id): the property and recipient reads are ranges too
                return r.loadRange(
                        folderId,
                        after == null ? 0 : after.id(),
                        keys.get(keys.size() - 1).id());
            }
            return r.loadKeys(keys.stream().map(RowKey::id).toList());
        });
    }

    @Override
    public List<RowKey> windowKeys(long folderId, TableView view, RowKey after, int limit) {
        requireFolder(folderId, "windowKeys");
        if (limit <= 0) {
            return List.of();
        }
        return read("windowKeys", r -> r.windowKeys(view, folderId, after, limit));
    }

    @Override
    public int count(long folderId, TableView view, RowKey upTo) {
        requireFolder(folderId, "count");
        return read(
                "count", r -> r.count(ViewSql.count(view, upTo != null), ViewSql.params(view, folderId, upTo, null)));
    }

    @Override
    public List<Long> outgoingIds() {
        long outbox = outboxId("outgoingIds");
        return read("outgoingIds", r -> r.ids(ViewSql.OUTGOING_IDS, outbox));
    }

    @Override
    public List<MessageRecord> outgoingQueue(int limit) {
        long outbox = outboxId("outgoingQueue");
        if (limit <= 0) {
            return List.of();
        }
        return read("outgoingQueue", r -> r.loadKeys(r.ids(ViewSql.OUTGOING_WINDOW, outbox, limit)));
    }

    @Override
    public List<MessageRecord> lockedOutgoing() {
        long outbox = outboxId("lockedOutgoing");
        return read("lockedOutgoing", r -> r.loadKeys(r.ids(ViewSql.LOCKED_IDS, outbox)));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            rows.close();
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
        lock.lock();
        try {
            rows.setFaultHook(hook);
        } finally {
            lock.unlock();
        }
    }

    /** The query plan of the outgoing queue, for the test that checks it uses the index. */
    List<String> outgoingQueuePlanForTests() {
        return plan(ViewSql.OUTGOING_IDS, 1);
    }

    /**
     * The query plans of the reads by window and by key, by name, for the test that checks that each is
     * a search of an index or the primary key and none scans a table: the exact statements the reads run,
     * for every view a table can choose (decision 0410).
     */
    Map<String, List<String>> readPlansForTests() {
        Map<String, List<String>> plans = new LinkedHashMap<>();
        plans.put("window rows", plan(ViewSql.messagesSql(ViewSql.RANGE_WHERE, "m.id"), 3));
        plans.put("window props", plan(ViewSql.propsSql(ViewSql.RANGE_PROPS), 3));
        plans.put("window recipients", plan(ViewSql.recipientsSql(ViewSql.RANGE_RECIPIENTS), 3));
        plans.put("row by key", plan(ViewSql.messagesSql(ViewSql.KEY_WHERE, "m.id"), 1));
        plans.put("props by key", plan(ViewSql.propsSql(ViewSql.KEY_PROPS), 1));
        plans.put("recipients by key", plan(ViewSql.recipientsSql(ViewSql.KEY_RECIPIENTS), 1));
        plans.put("rows by keys", plan(ViewSql.messagesSql(ViewSql.in("m.id", 3), "m.id"), 3));
        plans.put("props by keys", plan(ViewSql.propsSql(ViewSql.in("p.message_id", 3)), 3));
        plans.put("recipients by keys", plan(ViewSql.recipientsSql(ViewSql.in("r.message_id", 3)), 3));
        plans.put("outgoing queue window", plan(ViewSql.OUTGOING_WINDOW, 2));
        plans.put("outgoing queue ids", plan(ViewSql.OUTGOING_IDS, 1));
        plans.put("locked outgoing", plan(ViewSql.LOCKED_IDS, 1));
        for (TableView.Order order : TableView.Order.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                for (boolean submitted : new boolean[] {false, true}) {
                    TableView v = new TableView(order, descending, submitted);
                    String name = order + (descending ? " desc" : " asc") + (submitted ? " submitted" : " all");
                    int keyParams = order == TableView.Order.ID ? 1 : 3;
                    plans.put(name + " first window", plan(ViewSql.windowKeys(v, false), 2));
                    plans.put(name + " window after a key", plan(ViewSql.windowKeys(v, true), 2 + keyParams));
                    plans.put(name + " count up to a key", plan(ViewSql.count(v, true), 1 + keyParams));
                }
            }
        }
        return plans;
    }

    private List<String> plan(String query, int parameters) {
        long outbox = outboxId("plan");
        return read("plan", r -> r.plan(query, parameters, outbox));
    }

    // ---------------------------------------------------------------- internals

    /** One transaction's work on the rows (which it gets only under the lock). */
    @FunctionalInterface
    private interface Work<T> {
        T run(StoreRows rows) throws SQLException;
    }

    private <T> T write(String op, Work<T> work) {
        lock.lock();
        try {
            ensureOpen(op);
            rows.begin();
            boolean committed = false;
            try {
                T result = work.run(rows);
                rows.commit();
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rows.rollback(op);
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
            rows.beginRead();
            try {
                return work.run(rows);
            } finally {
                rows.commit();
            }
        } catch (SQLException e) {
            throw failure(op, e);
        } finally {
            lock.unlock();
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

    private long outboxId(String op) {
        ensureOpen(op);
        return foldersByRole.get(FolderRole.OUTBOX).id();
    }

    private void requireFolder(long folderId, String op) {
        ensureOpen(op);
        if (!foldersById.containsKey(folderId)) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no folder " + folderId + " in " + file);
        }
    }

    private MapiException notFound(String op, long messageId) {
        return new MapiException(
                HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no message " + messageId + " in " + file);
    }
}
