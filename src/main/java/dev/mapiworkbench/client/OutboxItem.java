package dev.mapiworkbench.client;

import java.time.Instant;
import java.util.List;

/**
 * One message of the Outbox queue model. Immutable snapshot.
 *
 * @param id         the message's entry id in hex (stable across logons)
 * @param subject    PR_SUBJECT
 * @param recipients SMTP addresses
 * @param state      draft, submitted, locked by the spooler, sent, or failed
 * @param reason     why it failed (null otherwise)
 * @param updated    when the model last changed this item
 * @param reply      the destination server's last reply to it (PR_WB_TRANSPORT_REPLY_W: "451 4.3.0 try
 *                   later" while it is retried, "550 5.1.1 ..." when failed, "250 OK" once sent); null
 *                   with the simulated transport or when not known
 * @param submitTime PR_CLIENT_SUBMIT_TIME from the Outbox contents table (null when not submitted or not known),
 *                   so the window's Time column needs no read of the folder (decision 0260)
 */
public record OutboxItem(
        String id,
        String subject,
        List<String> recipients,
        State state,
        String reason,
        Instant updated,
        String reply,
        Instant submitTime) {

    public OutboxItem {
        recipients = List.copyOf(recipients);
    }

    /** An item without a server reply. */
    public OutboxItem(String id, String subject, List<String> recipients, State state, String reason, Instant updated) {
        this(id, subject, recipients, state, reason, updated, null, null);
    }

    /** A message's place in the outgoing queue. */
    public enum State {
        /** Saved in the Outbox, not submitted. */
        DRAFT,
        /** MSGFLAG_SUBMIT set, waiting for the spooler. */
        SUBMITTED,
        /** SUBMITFLAG_LOCKED: the spooler has it and the transport is sending it. */
        LOCKED,
        /** Left the Outbox (moved to Sent Items or deleted after submit). */
        SENT,
        /** The transport failed it; {@code reason} says why. */
        FAILED;

        /** True for the states that still count as "queued": submitted or locked. */
        public boolean pending() {
            return this == SUBMITTED || this == LOCKED;
        }
    }

    public OutboxItem withState(State newState, String newReason, Instant at) {
        return new OutboxItem(id, subject, recipients, newState, newReason, at, reply, submitTime);
    }

    public OutboxItem withSubmitTime(Instant time) {
        return new OutboxItem(id, subject, recipients, state, reason, updated, reply, time);
    }

    public OutboxItem withReply(String newReply) {
        return new OutboxItem(id, subject, recipients, state, reason, updated, newReply, submitTime);
    }
}
