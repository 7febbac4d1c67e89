package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SendFailureProps;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one row of the Outbox contents table means for the {@link OutboxModel}: the item's state from
 * PR_MESSAGE_FLAGS, PR_SUBMIT_FLAGS and the failure properties, its subject, server reply and submit time,
 * and the row's PR_INSTANCE_KEY. Pure functions: the model holds the state and the lock.
 */
final class OutboxRows {

    /** Columns of the Outbox contents table the queue model reads. */
    static final int[] COLUMNS = {
        PropTag.PR_ENTRYID,
        PropTag.PR_INSTANCE_KEY,
        PropTag.PR_SUBJECT_W,
        PropTag.PR_DISPLAY_TO_W,
        PropTag.PR_MESSAGE_FLAGS,
        PropTag.PR_SUBMIT_FLAGS,
        SendFailureProps.PR_WB_SEND_ERROR_W,
        SendFailureProps.PR_WB_TRANSPORT_REPLY_W,
        PropTag.PR_CLIENT_SUBMIT_TIME
    };

    private OutboxRows() {}

    /**
     * True for a TABLE_ROW_ADDED that shows a message this client already submitted as it was when
     * SaveChanges added it (unsubmitted, no failure): notifications arrive on another thread, so it can
     * come after {@link OutboxModel#submitted}; it is older news than the model's and does not make the message a
     * failed send (decision 0260). A TABLE_ROW_MODIFIED without MSGFLAG_SUBMIT still does.
     */
    static boolean addedBeforeSubmit(int tableEvent, Row r, OutboxItem old) {
        if (tableEvent != EventType.TABLE_ROW_ADDED
                || old == null
                || !old.state().pending()) {
            return false;
        }
        int flags = r.find(PropTag.PR_MESSAGE_FLAGS).map(PropValue::asInt).orElse(0);
        String failure = r.find(SendFailureProps.PR_WB_SEND_ERROR_W)
                .map(PropValue::asString)
                .orElse(null);
        return (flags & MapiFlags.MSGFLAG_SUBMIT) == 0 && !SendFailureProps.isFailed(flags, failure);
    }

    /** The row's PR_INSTANCE_KEY as hex, from the notification's propIndex or else from the row. */
    static Optional<String> instanceKey(PropValue index, Row r) {
        PropValue v = index != null && !index.isError()
                ? index
                : r == null ? null : r.find(PropTag.PR_INSTANCE_KEY).orElse(null);
        return v == null || v.isError()
                ? Optional.empty()
                : Optional.of(HexFormat.of().formatHex(v.asBinary()));
    }

    /**
     * The item a table row stands for, given the item the model had: rows with MSGFLAG_SUBMIT are submitted
     * (locked with SUBMITFLAG_LOCKED), rows with the failure properties failed, rows without MSGFLAG_SUBMIT
     * drafts, or failed sends when they were queued before and not taken out by AbortSubmit
     * ({@code aborted}); {@code old} itself when nothing changed, so identity tells what changed.
     */
    static OutboxItem itemFor(String id, Row r, OutboxItem old, Instant now, List<String> recips, boolean aborted) {
        int flags = r.find(PropTag.PR_MESSAGE_FLAGS).map(PropValue::asInt).orElse(0);
        int submitFlags = r.find(PropTag.PR_SUBMIT_FLAGS).map(PropValue::asInt).orElse(0);
        String subject = r.find(PropTag.PR_SUBJECT_W).map(PropValue::asString).orElse("");
        OutboxItem.State st;
        String reason = null;
        String failure = r.find(SendFailureProps.PR_WB_SEND_ERROR_W)
                .map(PropValue::asString)
                .orElse(null);
        if (SendFailureProps.isFailed(flags, failure)) {
            st = OutboxItem.State.FAILED;
            reason = failure;
        } else if ((flags & MapiFlags.MSGFLAG_SUBMIT) != 0) {
            st = (submitFlags & MapiFlags.SUBMITFLAG_LOCKED) != 0
                    ? OutboxItem.State.LOCKED
                    : OutboxItem.State.SUBMITTED;
        } else if (old != null && !aborted && (old.state().pending() || old.state() == OutboxItem.State.FAILED)) {
            st = OutboxItem.State.FAILED;
            reason = old.reason() != null ? old.reason() : "the transport did not deliver it";
        } else {
            st = OutboxItem.State.DRAFT;
        }
        String reply = r.find(SendFailureProps.PR_WB_TRANSPORT_REPLY_W)
                .filter(v -> !v.isError())
                .map(PropValue::asString)
                .orElse(null);
        Instant submitTime = r.find(PropTag.PR_CLIENT_SUBMIT_TIME)
                .filter(v -> !v.isError() && v.value() instanceof Instant)
                .map(PropValue::asTime)
                .orElse(null);
        return old != null
                        && old.state() == st
                        && old.subject().equals(subject)
                        && Objects.equals(old.reason(), reason)
                        && Objects.equals(old.reply(), reply)
                        && Objects.equals(old.submitTime(), submitTime)
                ? old
                : new OutboxItem(id, subject, recips, st, reason, now, reply, submitTime);
    }

    /** PR_DISPLAY_TO's "a; b" as a list. */
    static List<String> splitRecipients(String displayTo) {
        if (displayTo.indexOf(';') < 0) { // one recipient, the usual case: no split, no stream
            String one = displayTo.trim();
            return one.isEmpty() ? List.of() : List.of(one);
        }
        List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (from <= displayTo.length()) {
            int end = displayTo.indexOf(';', from);
            if (end < 0) {
                end = displayTo.length();
            }
            String t = displayTo.substring(from, end).trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
            from = end + 1;
        }
        return List.copyOf(out);
    }
}
