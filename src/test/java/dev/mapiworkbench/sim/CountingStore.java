package dev.mapiworkbench.sim;

import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.TableView;
import dev.mapiworkbench.sim.store.TableView.RowKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that counts the messages its reads return (each one a message parsed from the file), for the
 * tests that check that no code path reads a whole folder per change (decision 0410).
 */
final class CountingStore implements MailStoreFile {

    private final MailStoreFile store;
    private final AtomicLong messagesRead = new AtomicLong();
    private final AtomicLong keysRead = new AtomicLong();

    CountingStore(MailStoreFile store) {
        this.store = store;
    }

    /** Messages returned by every read so far (by key, by window, the queue's head, the locked ones). */
    long messagesRead() {
        return messagesRead.get();
    }

    /** Keys and ids returned without their messages (window keys, the queue's ids). */
    long keysRead() {
        return keysRead.get();
    }

    private <T> List<T> counted(List<T> read, AtomicLong counter) {
        counter.addAndGet(read.size());
        return read;
    }

    @Override
    public Path file() {
        return store.file();
    }

    @Override
    public String displayName() {
        return store.displayName();
    }

    @Override
    public byte[] recordKey() {
        return store.recordKey();
    }

    @Override
    public List<FolderRecord> folders() {
        return store.folders();
    }

    @Override
    public FolderRecord folder(FolderRole role) {
        return store.folder(role);
    }

    @Override
    public Optional<FolderRecord> folderById(long id) {
        return store.folderById(id);
    }

    @Override
    public MessageRecord createMessage(long folderId, Map<Integer, Object> props) {
        return store.createMessage(folderId, props);
    }

    @Override
    public MessageRecord updateMessage(long messageId, Map<Integer, Object> props) {
        return store.updateMessage(messageId, props);
    }

    @Override
    public Optional<MessageRecord> message(long messageId) {
        Optional<MessageRecord> r = store.message(messageId);
        r.ifPresent(x -> messagesRead.incrementAndGet());
        return r;
    }

    @Override
    public List<MessageRecord> window(long folderId, TableView view, RowKey after, int limit) {
        return counted(store.window(folderId, view, after, limit), messagesRead);
    }

    @Override
    public List<RowKey> windowKeys(long folderId, TableView view, RowKey after, int limit) {
        return counted(store.windowKeys(folderId, view, after, limit), keysRead);
    }

    @Override
    public int count(long folderId, TableView view, RowKey upTo) {
        return store.count(folderId, view, upTo);
    }

    @Override
    public MessageRecord moveMessage(long messageId, long toFolderId, Map<Integer, Object> props) {
        return store.moveMessage(messageId, toFolderId, props);
    }

    @Override
    public void deleteMessage(long messageId) {
        store.deleteMessage(messageId);
    }

    @Override
    public List<Long> outgoingIds() {
        return counted(store.outgoingIds(), keysRead);
    }

    @Override
    public List<MessageRecord> outgoingQueue(int limit) {
        return counted(store.outgoingQueue(limit), messagesRead);
    }

    @Override
    public List<MessageRecord> lockedOutgoing() {
        return counted(store.lockedOutgoing(), messagesRead);
    }

    @Override
    public void close() {
        store.close();
    }
}
