package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link Spooler} writes to the profile's store once the transport's outcome is decided (lock
 * held): DELIVERED moves the message to Sent Items (PR_SENTMAIL_ENTRYID's folder when it names one) or
 * deletes it (PR_DELETE_AFTER_SUBMIT), FAILED marks it unsent with the failure properties
 * (docs/decisions/0012-failed-send-representation.md), ABORTED unlocks it and keeps it queued
 * (docs/decisions/0013-in-flight-message-at-logoff.md), RETRY records the next try (decision 0161). Also
 * the start-up clean-up of a lock a dead spooler left.
 */
final class OutcomeWriter {

    /** The spooler's log: these lines are its. */
    private static final Logger LOG = LoggerFactory.getLogger(Spooler.class);

    private OutcomeWriter() {}

    /**
     * Writes the outcome of {@code job} (decided, lock held) into the store and notifies; true when the
     * spooler must read the queue again (RETRY: the message stays queued for a later try).
     */
    static boolean write(SimProfile p, Spooler.InFlight job) {
        long id = job.msg.id();
        Optional<MessageRecord> current =
                job.writesAtPick == p.clientWrites ? Optional.of(job.msg) : p.store.message(id);
        if (current.isEmpty()) {
            return false;
        }
        MessageRecord cur = current.get();
        int flags = Spooler.flags(cur);
        Map<Integer, Object> props = new HashMap<>();
        switch (job.outcome) {
            case DELIVERED -> {
                if (Boolean.TRUE.equals(cur.props().get(PropTag.PR_DELETE_AFTER_SUBMIT))) {
                    p.store.deleteMessage(id);
                    p.messageDeleted(id, cur.folderId());
                    return false;
                }
                props.put(
                        PropTag.PR_MESSAGE_FLAGS,
                        (flags & ~(MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT)) | MapiFlags.MSGFLAG_READ);
                props.put(PropTag.PR_SUBMIT_FLAGS, 0);
                Spooler.clearFailure(props);
                SmtpLink.replyProps(job, props);
                // cur is the message as the file has it (the spooler's pick, or read again after a client's write)
                MessageRecord moved = p.store.moveMessage(id, sentFolder(p, cur), props, cur);
                p.messageMoved(moved, cur.folderId());
            }
            case FAILED -> {
                props.put(PropTag.PR_MESSAGE_FLAGS, (flags & ~MapiFlags.MSGFLAG_SUBMIT) | MapiFlags.MSGFLAG_UNSENT);
                props.put(PropTag.PR_SUBMIT_FLAGS, 0);
                props.put(SendFailureProps.PR_WB_SEND_ERROR_W, job.failCode.name() + ": " + job.failReason);
                props.put(SendFailureProps.PR_WB_SEND_ERROR_SCODE, job.failCode.value());
                props.put(SendFailureProps.PR_WB_SEND_ERROR_TIME, Instant.now());
                SmtpLink.replyProps(job, props);
                MessageRecord failed = p.store.updateMessage(id, props);
                p.messageModified(failed);
                if (job.smtp != null) {
                    p.smtp.deliverNonDeliveryReport(failed, job.smtp);
                }
                LOG.info("send of message {} failed: {}", id, job.failReason);
            }
            case ABORTED -> {
                if ((Spooler.submitFlags(cur) & MapiFlags.SUBMITFLAG_LOCKED) != 0) {
                    props.put(PropTag.PR_SUBMIT_FLAGS, Spooler.submitFlags(cur) & ~MapiFlags.SUBMITFLAG_LOCKED);
                    cur = p.store.updateMessage(id, props);
                }
                p.messageModified(cur);
            }
            case RETRY -> {
                SmtpLink.replyProps(job, props);
                props.put(
                        SendFailureProps.PR_WB_NEXT_RETRY_TIME,
                        job.retryAt != null ? job.retryAt : p.smtp.nextRetryTime()); // a 4xx rule's: decision 0610
                p.messageModified(p.store.updateMessage(id, props));
                return true;
            }
            default -> throw new IllegalStateException("unresolved outcome");
        }
        return false;
    }

    private static long sentFolder(SimProfile p, MessageRecord cur) {
        Object target = cur.props().get(PropTag.PR_SENTMAIL_ENTRYID);
        if (target instanceof byte[] b) {
            EntryIds.Parsed parsed = p.parseOwn(new dev.mapiworkbench.mapi.EntryId(b));
            if (parsed != null
                    && parsed.type() == EntryIds.FOLDER
                    && p.store.folderById(parsed.id()).isPresent()) {
                return parsed.id();
            }
        }
        return p.sentId;
    }

    /** A previous spooler that died (process exit) may have left SUBMITFLAG_LOCKED behind. */
    static void clearStaleLocks(SimProfile p) {
        for (MessageRecord r : p.store.lockedOutgoing()) {
            Map<Integer, Object> props = new HashMap<>();
            props.put(PropTag.PR_SUBMIT_FLAGS, Spooler.submitFlags(r) & ~MapiFlags.SUBMITFLAG_LOCKED);
            p.store.updateMessage(r.id(), props);
            LOG.info("cleared a stale SUBMITFLAG_LOCKED on message {} of profile '{}'", r.id(), p.name);
        }
    }
}
