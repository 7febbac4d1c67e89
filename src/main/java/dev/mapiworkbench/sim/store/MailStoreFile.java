package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.sim.store.TableView.RowKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated message store provider's file: one per profile, like a PST. Property maps use
 * MAPI property tags ({@link dev.mapiworkbench.mapi.PropTag}) as keys and the Java value types of
 * {@link dev.mapiworkbench.mapi.PropValue}. Every mutating call is one durable transaction.
 * Thread-safe.
 */
public interface MailStoreFile extends AutoCloseable {

    /**
     * Opens or creates the store file. Fails with {@link StoreFileException} naming the file; a FIFO,
     * device or socket at the path is refused before anything opens it (reading a FIFO would block).
     */
    static MailStoreFile open(Path file, String displayName) {
        if (java.nio.file.Files.exists(file)
                && !java.nio.file.Files.isRegularFile(file)
                && !java.nio.file.Files.isDirectory(file)) {
            throw new StoreFileException(
                    file,
                    "is not a regular file (a FIFO, device or socket), so not a message"
                            + " store file (left untouched)",
                    null);
        }
        return SqliteMailStore.open(file, displayName);
    }

    Path file();

    /** The store's display name ("Mailbox - demo") and its stable 16-byte record key. */
    String displayName();

    byte[] recordKey();

    List<FolderRecord> folders();

    FolderRecord folder(FolderRole role);

    Optional<FolderRecord> folderById(long id);

    /** Creates a message in a folder with the given properties; returns it with its new id. */
    MessageRecord createMessage(long folderId, Map<Integer, Object> props);

    /** Merges {@code props} into the message's properties (a null value removes the property). */
    MessageRecord updateMessage(long messageId, Map<Integer, Object> props);

    Optional<MessageRecord> message(long messageId);

    /**
     * A window of a folder's contents, read by key: up to {@code limit} messages of the folder whose id
     * is above {@code afterId}, by id (oldest first). Costs the window, not the folder.
     */
    default List<MessageRecord> messages(long folderId, long afterId, int limit) {
        return window(folderId, TableView.DEFAULT, afterId <= 0 ? null : RowKey.ofId(afterId), limit);
    }

    /** Up to {@code limit} ids of the folder's messages above {@code afterId}, by id (no properties read). */
    default List<Long> messageIds(long folderId, long afterId, int limit) {
        return windowKeys(folderId, TableView.DEFAULT, afterId <= 0 ? null : RowKey.ofId(afterId), limit).stream()
                .map(RowKey::id)
                .toList();
    }

    /** The number of the folder's messages whose id is at most {@code upToId} ({@code Long.MAX_VALUE}: all). */
    default int messageCount(long folderId, long upToId) {
        return count(folderId, TableView.DEFAULT, upToId == Long.MAX_VALUE ? null : RowKey.ofId(upToId));
    }

    /**
     * A window of a folder in a table's view (its sort and filter), read by an index: up to {@code limit}
     * messages that come after {@code after} in the view ({@code null}: from its first row), in view
     * order. Costs the window, not the folder.
     */
    List<MessageRecord> window(long folderId, TableView view, RowKey after, int limit);

    /** The keys of the same window (no properties read): what a seek needs. */
    List<RowKey> windowKeys(long folderId, TableView view, RowKey after, int limit);

    /**
     * The number of the view's messages up to and including {@code upTo} in view order ({@code null}:
     * all of them): a cursor's position, and the row count.
     */
    int count(long folderId, TableView view, RowKey upTo);

    /** Moves a message and sets properties in the same transaction (e.g. Outbox to Sent Items). */
    MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props);

    /**
     * {@link #moveMessage(long, long, Map)} for a caller that holds the message as the file has it now
     * ({@code current}: read with no write to it since, e.g. under the simulator's lock): the store may leave out
     * reading it back and writing the values that do not change (decision 0731). The result is the same.
     */
    default MessageRecord moveMessage(
            long messageId, long toFolderId, Map<Integer, Object> props, MessageRecord current) {
        return moveMessage(messageId, toFolderId, props);
    }

    void deleteMessage(long messageId);

    /**
     * The ids of the outgoing queue (Outbox messages with MSGFLAG_SUBMIT, ordered by
     * PR_CLIENT_SUBMIT_TIME then id), read from its index without reading any message: what a
     * synchronous FlushQueues waits for.
     */
    List<Long> outgoingIds();

    /** The first {@code limit} messages of the outgoing queue (the head of the queue, read by index). */
    List<MessageRecord> outgoingQueue(int limit);

    /**
     * The queued messages with SUBMITFLAG_LOCKED in PR_SUBMIT_FLAGS (the locks a spooler that died left),
     * by id, found by their own index without reading the rest of the queue.
     */
    List<MessageRecord> lockedOutgoing();

    @Override
    void close();

    enum FolderRole {
        ROOT,
        IPM_SUBTREE,
        INBOX,
        OUTBOX,
        SENT_ITEMS,
        DELETED_ITEMS
    }

    record FolderRecord(long id, FolderRole role, String name, Long parentId) {}

    /** {@code recipients} are SMTP addresses; {@code props} holds every other MAPI property. */
    record MessageRecord(long id, long folderId, List<String> recipients, Map<Integer, Object> props) {
        public MessageRecord {
            recipients = List.copyOf(recipients);
            props = Map.copyOf(props);
        }
    }
}
