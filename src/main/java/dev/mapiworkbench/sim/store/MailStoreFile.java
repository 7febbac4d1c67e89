package dev.mapiworkbench.sim.store;

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

    /** Messages of a folder, oldest first. Reads the whole folder: tables use {@link #messages(long, long, int)}. */
    List<MessageRecord> messages(long folderId);

    /**
     * A window of a folder's contents, read by key: up to {@code limit} messages of the folder whose id
     * is above {@code afterId}, by id (oldest first). Costs the window, not the folder.
     */
    List<MessageRecord> messages(long folderId, long afterId, int limit);

    /** Up to {@code limit} ids of the folder's messages above {@code afterId}, by id (no properties read). */
    List<Long> messageIds(long folderId, long afterId, int limit);

    /** The number of the folder's messages whose id is at most {@code upToId} ({@code Long.MAX_VALUE}: all). */
    int messageCount(long folderId, long upToId);

    /** Moves a message and sets properties in the same transaction (e.g. Outbox to Sent Items). */
    MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props);

    void deleteMessage(long messageId);

    /** Outbox messages with MSGFLAG_SUBMIT, ordered by PR_CLIENT_SUBMIT_TIME then id. */
    List<MessageRecord> outgoingQueue();

    /** The first {@code limit} messages of {@link #outgoingQueue()} (the head of the queue, read by index). */
    List<MessageRecord> outgoingQueue(int limit);

    /** The queued messages whose PR_SUBMIT_FLAGS has a bit of {@code mask} (found without reading the others). */
    List<MessageRecord> outgoingWithSubmitFlags(int mask);

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
