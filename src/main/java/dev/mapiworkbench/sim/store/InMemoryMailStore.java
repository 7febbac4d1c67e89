package dev.mapiworkbench.sim.store;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.TableView.RowKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link MailStoreFile} that lives in memory: the simulator's "no file" mode (a runtime opened
 * without a profile folder) and a stand-in while the SQLite provider is unavailable. It survives
 * logoff and logon within one runtime, not the process. It checks its input and orders the outgoing
 * queue exactly as the SQLite store does (MailStoreContractTest runs the same cases on both).
 * Thread-safe (every method synchronized).
 */
public final class InMemoryMailStore implements MailStoreFile {

    private final String displayName;
    private final byte[] recordKey;

    @GuardedBy("this")
    private final List<FolderRecord> folders = new ArrayList<>();

    @GuardedBy("this")
    private final Map<Long, MessageRecord> messages = new LinkedHashMap<>();
    /** The same records by folder, by id: the windows and counts a table reads cost the window. */
    @GuardedBy("this")
    private final Map<Long, NavigableMap<Long, MessageRecord>> byFolder = new HashMap<>();

    @GuardedBy("this")
    private long nextMessageId = 1;

    @GuardedBy("this")
    private boolean closed;

    public InMemoryMailStore(String displayName) {
        this.displayName = displayName;
        UUID u = UUID.nameUUIDFromBytes(("sim-memory-store:" + displayName).getBytes(StandardCharsets.UTF_8));
        this.recordKey = java.nio.ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
        folders.add(new FolderRecord(1, FolderRole.ROOT, "Root", null));
        folders.add(new FolderRecord(2, FolderRole.IPM_SUBTREE, "Top of Information Store", 1L));
        folders.add(new FolderRecord(3, FolderRole.INBOX, "Inbox", 2L));
        folders.add(new FolderRecord(4, FolderRole.OUTBOX, "Outbox", 2L));
        folders.add(new FolderRecord(5, FolderRole.SENT_ITEMS, "Sent Items", 2L));
        folders.add(new FolderRecord(6, FolderRole.DELETED_ITEMS, "Deleted Items", 2L));
    }

    @Override
    public Path file() {
        return null;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public byte[] recordKey() {
        return recordKey.clone();
    }

    @Override
    public synchronized List<FolderRecord> folders() {
        return List.copyOf(folders);
    }

    @Override
    public synchronized FolderRecord folder(FolderRole role) {
        if (role == null) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "MailStoreFile.folder", "role is null");
        }
        return folders.stream().filter(f -> f.role() == role).findFirst().orElseThrow();
    }

    @Override
    public synchronized Optional<FolderRecord> folderById(long id) {
        return folders.stream().filter(f -> f.id() == id).findFirst();
    }

    @Override
    public synchronized MessageRecord createMessage(long folderId, Map<Integer, Object> props) {
        String op = "createMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        requireFolder(folderId, op);
        MessageRecord m = new MessageRecord(
                nextMessageId++, folderId, changes.recipientsOrEmpty(), changes.valuesWithoutRemovals());
        index(m, null);
        return copy(m);
    }

    @Override
    public synchronized MessageRecord updateMessage(long messageId, Map<Integer, Object> props) {
        String op = "updateMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        MessageRecord old = require(messageId, op);
        return copy(put(old, old.folderId(), changes));
    }

    @Override
    public synchronized Optional<MessageRecord> message(long messageId) {
        ensureOpen("message");
        return Optional.ofNullable(messages.get(messageId)).map(InMemoryMailStore::copy);
    }

    /**
     * A window of a view: the default view reads the folder's id map from the key; a sorted or
     * restricted view sorts the folder's records when asked (the no-file mode, not the one that scales:
     * the SQLite store reads every view by an index).
     */
    @Override
    public synchronized List<MessageRecord> window(long folderId, TableView view, RowKey after, int limit) {
        requireFolder(folderId, "window");
        return viewRecords(folderId, view, after)
                .limit(Math.max(0, limit))
                .map(InMemoryMailStore::copy)
                .toList();
    }

    @Override
    public synchronized List<RowKey> windowKeys(long folderId, TableView view, RowKey after, int limit) {
        requireFolder(folderId, "windowKeys");
        return viewRecords(folderId, view, after)
                .limit(Math.max(0, limit))
                .map(view::keyOf)
                .toList();
    }

    @Override
    public synchronized int count(long folderId, TableView view, RowKey upTo) {
        requireFolder(folderId, "count");
        if (view.equals(TableView.DEFAULT)) {
            NavigableMap<Long, MessageRecord> all = folderIndex(folderId);
            return upTo == null ? all.size() : all.headMap(upTo.id(), true).size();
        }
        Comparator<RowKey> c = view.comparator();
        return (int) folderIndex(folderId).values().stream()
                .filter(view::includes)
                .filter(m -> upTo == null || c.compare(view.keyOf(m), upTo) <= 0)
                .count();
    }

    @GuardedBy("this")
    private java.util.stream.Stream<MessageRecord> viewRecords(long folderId, TableView view, RowKey after) {
        NavigableMap<Long, MessageRecord> all = folderIndex(folderId);
        if (view.equals(TableView.DEFAULT)) {
            return (after == null ? all : all.tailMap(after.id(), false)).values().stream();
        }
        Comparator<RowKey> c = view.comparator();
        return all.values().stream()
                .filter(view::includes)
                .filter(m -> after == null || c.compare(view.keyOf(m), after) > 0)
                .sorted((x, y) -> c.compare(view.keyOf(x), view.keyOf(y)));
    }

    @Override
    public synchronized List<Long> outgoingIds() {
        return queue().map(MessageRecord::id).toList();
    }

    @Override
    public synchronized List<MessageRecord> lockedOutgoing() {
        return queue().filter(m -> {
                    Object f = m.props().get(PropTag.PR_SUBMIT_FLAGS);
                    return f instanceof Integer i && (i & MapiFlags.SUBMITFLAG_LOCKED) != 0;
                })
                .sorted(Comparator.comparingLong(MessageRecord::id))
                .map(InMemoryMailStore::copy)
                .toList();
    }

    /** The in-memory store sorts the queue when asked (it is the no-file mode, not the one that scales). */
    @Override
    public synchronized List<MessageRecord> outgoingQueue(int limit) {
        return queue().limit(Math.max(0, limit)).map(InMemoryMailStore::copy).toList();
    }

    @Override
    public synchronized MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props) {
        String op = "moveMessage";
        PropertyChanges changes = PropertyChanges.of(props, op);
        requireFolder(toFolderId, op);
        return copy(put(require(messageId, op), toFolderId, changes));
    }

    @Override
    public synchronized void deleteMessage(long messageId) {
        MessageRecord old = require(messageId, "deleteMessage");
        messages.remove(messageId);
        folderIndex(old.folderId()).remove(messageId);
    }

    /**
     * The outgoing queue in the SQLite store's order: PR_CLIENT_SUBMIT_TIME, a message without one after
     * every message with one, then id.
     */
    @GuardedBy("this")
    private java.util.stream.Stream<MessageRecord> queue() {
        ensureOpen("outgoingQueue");
        long outbox = folder(FolderRole.OUTBOX).id();
        return folderIndex(outbox).values().stream()
                .filter(m -> (flags(m) & MapiFlags.MSGFLAG_SUBMIT) != 0)
                .sorted(Comparator.comparing(InMemoryMailStore::submitTime).thenComparingLong(MessageRecord::id));
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** True after {@link #close()}; the simulator keeps the data and reuses the object on the next logon. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Opens the store again after {@link #close()} (a later logon of the same profile in one runtime). */
    public synchronized void reopen() {
        closed = false;
    }

    @GuardedBy("this")
    private MessageRecord put(MessageRecord old, long folderId, PropertyChanges changes) {
        Map<Integer, Object> props = new HashMap<>(old.props());
        changes.values().forEach((k, v) -> {
            if (v == null) {
                props.remove(k);
            } else {
                props.put(k, v);
            }
        });
        List<String> recipients = changes.recipientsGiven() ? changes.recipientsOrEmpty() : old.recipients();
        MessageRecord m = new MessageRecord(old.id(), folderId, recipients, props);
        index(m, old);
        return m;
    }

    /** Puts {@code m} in place of {@code old} (null for a new message) in both maps. */
    @GuardedBy("this")
    private void index(MessageRecord m, MessageRecord old) {
        if (old != null && old.folderId() != m.folderId()) {
            folderIndex(old.folderId()).remove(old.id());
        }
        messages.put(m.id(), m);
        folderIndex(m.folderId()).put(m.id(), m);
    }

    @GuardedBy("this")
    private NavigableMap<Long, MessageRecord> folderIndex(long folderId) {
        return byFolder.computeIfAbsent(folderId, k -> new TreeMap<>());
    }

    /** Binary values are copied on the way out, as the SQLite store reads fresh arrays. */
    private static MessageRecord copy(MessageRecord m) {
        if (m.props().values().stream().noneMatch(v -> v instanceof byte[])) {
            return m;
        }
        Map<Integer, Object> props = new HashMap<>(m.props());
        props.replaceAll((k, v) -> v instanceof byte[] b ? b.clone() : v);
        return new MessageRecord(m.id(), m.folderId(), m.recipients(), props);
    }

    private static int flags(MessageRecord m) {
        Object f = m.props().get(PropTag.PR_MESSAGE_FLAGS);
        return f instanceof Integer i ? i : 0;
    }

    private static Instant submitTime(MessageRecord m) {
        Object t = m.props().get(PropTag.PR_CLIENT_SUBMIT_TIME);
        return t instanceof Instant i ? i : Instant.MAX;
    }

    @GuardedBy("this")
    private void ensureOpen(String op) {
        if (closed) {
            throw new StoreFileException(
                    Path.of("memory:" + displayName), op + " called after the store was closed", null);
        }
    }

    @GuardedBy("this")
    private void requireFolder(long id, String op) {
        ensureOpen(op);
        if (folderById(id).isEmpty()) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no folder " + id + " in " + displayName);
        }
    }

    @GuardedBy("this")
    private MessageRecord require(long id, String op) {
        ensureOpen(op);
        MessageRecord m = messages.get(id);
        if (m == null) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no message " + id + " in " + displayName);
        }
        return m;
    }
}
