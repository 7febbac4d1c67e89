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
        if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)
                && !java.nio.file.Files.isDirectory(file)) {
            throw new StoreFileException(file, "is not a regular file (a FIFO, device or socket), so not a message"
                    + " store file (left untouched)", null);
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

    /** Messages of a folder, oldest first. */
    List<MessageRecord> messages(long folderId);

    /** Moves a message and sets properties in the same transaction (e.g. Outbox to Sent Items). */
    MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props);

    void deleteMessage(long messageId);

    /** Outbox messages with MSGFLAG_SUBMIT, ordered by PR_CLIENT_SUBMIT_TIME then id. */
    List<MessageRecord> outgoingQueue();

    @Override
    void close();

    enum FolderRole { ROOT, IPM_SUBTREE, INBOX, OUTBOX, SENT_ITEMS, DELETED_ITEMS }

    record FolderRecord(long id, FolderRole role, String name, Long parentId) {
    }

    /** {@code recipients} are SMTP addresses; {@code props} holds every other MAPI property. */
    record MessageRecord(long id, long folderId, List<String> recipients, Map<Integer, Object> props) {
        public MessageRecord {
            recipients = List.copyOf(recipients);
            props = Map.copyOf(props);
        }
    }
}
