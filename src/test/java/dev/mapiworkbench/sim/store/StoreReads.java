package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole-folder and whole-queue reads for the tests, window by window: the store itself has no read of
 * a whole folder (decision 0410), so a test that checks a folder's contents pages through it as a table
 * does.
 */
public final class StoreReads {

    private static final int WINDOW = 500;

    private StoreReads() {}

    /** Every message of the folder, by id (oldest first). */
    public static List<MessageRecord> messages(MailStoreFile store, long folderId) {
        List<MessageRecord> out = new ArrayList<>();
        long after = 0;
        for (List<MessageRecord> w = store.messages(folderId, after, WINDOW);
                !w.isEmpty();
                w = store.messages(folderId, after, WINDOW)) {
            out.addAll(w);
            after = w.get(w.size() - 1).id();
        }
        return out;
    }

    /** The whole outgoing queue, in queue order (one read: the queue's head as long as the queue). */
    public static List<MessageRecord> queue(MailStoreFile store) {
        return store.outgoingQueue(Integer.MAX_VALUE);
    }
}
