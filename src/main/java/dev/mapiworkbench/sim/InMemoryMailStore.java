package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link MailStoreFile} that lives in memory: the simulator's "no file" mode (a runtime opened
 * without a profile folder) and a stand-in while the SQLite provider is unavailable. It survives
 * logoff and logon within one runtime, not the process. Thread-safe (every method synchronized).
 */
public final class InMemoryMailStore implements MailStoreFile {

    private final String displayName;
    private final byte[] recordKey;
    private final List<FolderRecord> folders = new ArrayList<>();
    private final Map<Long, MessageRecord> messages = new LinkedHashMap<>();
    private long nextMessageId = 1;
    private boolean closed;

    public InMemoryMailStore(String displayName) {
        this.displayName = displayName;
        UUID u = UUID.nameUUIDFromBytes(("sim-memory-store:" + displayName).getBytes(StandardCharsets.UTF_8));
        this.recordKey = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
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
        return folders.stream().filter(f -> f.role() == role).findFirst().orElseThrow();
    }

    @Override
    public synchronized Optional<FolderRecord> folderById(long id) {
        return folders.stream().filter(f -> f.id() == id).findFirst();
    }

    @Override
    public synchronized MessageRecord createMessage(long folderId, Map<Integer, Object> props) {
        requireFolder(folderId);
        MessageRecord m = new MessageRecord(nextMessageId++, folderId, recipientsOf(props), withoutRecipients(props));
        messages.put(m.id(), m);
        return m;
    }

    @Override
    public synchronized MessageRecord updateMessage(long messageId, Map<Integer, Object> props) {
        MessageRecord old = require(messageId);
        MessageRecord m = new MessageRecord(messageId, old.folderId(), mergedRecipients(old, props), merge(old.props(), props));
        messages.put(messageId, m);
        return m;
    }

    @Override
    public synchronized Optional<MessageRecord> message(long messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    @Override
    public synchronized List<MessageRecord> messages(long folderId) {
        return messages.values().stream().filter(m -> m.folderId() == folderId).toList();
    }

    @Override
    public synchronized MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props) {
        requireFolder(toFolderId);
        MessageRecord old = require(messageId);
        MessageRecord m = new MessageRecord(messageId, toFolderId, mergedRecipients(old, props), merge(old.props(), props));
        messages.put(messageId, m);
        return m;
    }

    @Override
    public synchronized void deleteMessage(long messageId) {
        require(messageId);
        messages.remove(messageId);
    }

    @Override
    public synchronized List<MessageRecord> outgoingQueue() {
        long outbox = folder(FolderRole.OUTBOX).id();
        return messages.values().stream()
                .filter(m -> m.folderId() == outbox)
                .filter(m -> (flags(m) & MapiFlags.MSGFLAG_SUBMIT) != 0)
                .sorted(Comparator.comparing((MessageRecord m) -> submitTime(m)).thenComparingLong(MessageRecord::id))
                .toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** True after {@link #close()}; the simulator keeps the data and reuses the object on the next logon. */
    public synchronized boolean isClosed() {
        return closed;
    }

    synchronized void reopen() {
        closed = false;
    }

    /**
     * The recipients in a props map given to create/update/move: {@code PR_MESSAGE_RECIPIENTS}
     * (PROP_TAG(PT_OBJECT, 0x0E12)) with a {@code List<String>} value, the store provider's convention.
     */
    static final int RECIPIENTS_KEY = dev.mapiworkbench.sim.store.StoreProps.RECIPIENTS;

    private static List<String> recipientsOf(Map<Integer, Object> props) {
        Object r = props.get(RECIPIENTS_KEY);
        if (r instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return List.of();
    }

    private static List<String> mergedRecipients(MessageRecord old, Map<Integer, Object> props) {
        return props.containsKey(RECIPIENTS_KEY) ? recipientsOf(props) : old.recipients();
    }

    private static Map<Integer, Object> withoutRecipients(Map<Integer, Object> props) {
        Map<Integer, Object> m = new HashMap<>();
        props.forEach((k, v) -> {
            if (k != RECIPIENTS_KEY && v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static Map<Integer, Object> merge(Map<Integer, Object> base, Map<Integer, Object> changes) {
        Map<Integer, Object> m = new HashMap<>(base);
        changes.forEach((k, v) -> {
            if (k == RECIPIENTS_KEY) {
                return;
            }
            if (v == null) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        return m;
    }

    private static int flags(MessageRecord m) {
        Object f = m.props().get(PropTag.PR_MESSAGE_FLAGS);
        return f instanceof Integer i ? i : 0;
    }

    private static Instant submitTime(MessageRecord m) {
        Object t = m.props().get(PropTag.PR_CLIENT_SUBMIT_TIME);
        return t instanceof Instant i ? i : Instant.EPOCH;
    }

    private void requireFolder(long id) {
        if (folderById(id).isEmpty()) {
            throw new NoSuchElementException("no folder " + id + " in " + displayName);
        }
    }

    private MessageRecord require(long id) {
        MessageRecord m = messages.get(id);
        if (m == null) {
            throw new NoSuchElementException("no message " + id + " in " + displayName);
        }
        return m;
    }
}
