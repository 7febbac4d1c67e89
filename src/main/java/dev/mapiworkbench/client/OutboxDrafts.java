package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiUnknown;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts left in the Outbox: messages saved there (SaveChanges) but never submitted, e.g. because
 * the process was killed between SaveChanges and SubmitMessage (issue 11, item 8; decision 0121).
 * The next logon reports them ({@link #report}) and offers to submit or delete each one.
 */
public final class OutboxDrafts {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrafts.class);

    private OutboxDrafts() {}

    /** The Outbox's drafts (saved, not submitted, not failed) as the client's queue model sees them. */
    public static List<OutboxItem> find(ClientSession session) {
        if (session.outboxCount(OutboxItem.State.DRAFT) == 0) {
            return List.of(); // no copy of a 100,000-message queue to find none
        }
        return session.outboxSnapshot().stream()
                .filter(i -> i.state() == OutboxItem.State.DRAFT)
                .toList();
    }

    /** The drafts after a logon, with one log line when there are any. */
    public static List<OutboxItem> report(ClientSession session) {
        List<OutboxItem> drafts = find(session);
        if (!drafts.isEmpty()) {
            LOG.info("{}", describe(drafts));
        }
        return drafts;
    }

    /** "2 drafts left in the Outbox (saved, never submitted): 'a', 'b'". */
    public static String describe(List<OutboxItem> drafts) {
        return drafts.size() + (drafts.size() == 1 ? " draft" : " drafts")
                + " left in the Outbox (saved, never submitted): "
                + drafts.stream().map(d -> "'" + d.subject() + "'").collect(Collectors.joining(", "));
    }

    /**
     * Opens the draft (OpenEntry MAPI_MODIFY), SubmitMessage, Release; then refreshes the queue model.
     * The model counts it as submitted before SubmitMessage, so that a spooler faster than the
     * model's next read still shows it as sent, not as vanished.
     */
    public static void submit(ClientSession session, String entryIdHex) {
        MapiUnknown o = session(session).openEntry(EntryId.fromHex(entryIdHex), MapiFlags.MAPI_MODIFY);
        try {
            if (!(o instanceof MapiMessage m)) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_PARAMETER, "IMessage::SubmitMessage", "the entry id is not a message");
            }
            session.submitting(entryIdHex);
            m.submitMessage(0);
        } finally {
            o.release();
        }
        session.refreshOutbox();
    }

    /** Opens the Outbox, DeleteMessages([draft]), Release; then refreshes the queue model. */
    public static void delete(ClientSession session, String entryIdHex) {
        EntryId outboxId = session.folders().stream()
                .filter(f -> f.role() == MailFolder.Role.OUTBOX)
                .map(MailFolder::entryId)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new MapiException(
                        HResult.MAPI_E_NOT_FOUND, "IMAPIFolder::DeleteMessages", "the store names no Outbox"));
        MapiUnknown o = session(session).openEntry(outboxId, MapiFlags.MAPI_MODIFY);
        try {
            ((MapiFolder) o).deleteMessages(List.of(EntryId.fromHex(entryIdHex)), 0);
        } finally {
            o.release();
        }
        session.refreshOutbox();
    }

    private static MapiSession session(ClientSession session) {
        MapiSession s = session.mapiSession();
        if (s == null || session.state() != SessionState.LOGGED_ON) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_INITIALIZED,
                    "IMAPISession::OpenEntry",
                    "the client is not logged on (" + session.state() + ")");
        }
        return s;
    }
}
