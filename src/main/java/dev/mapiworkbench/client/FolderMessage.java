package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.MapiFlags;
import java.time.Instant;
import java.util.List;

/**
 * One row of a folder's contents table as the message list shows it.
 *
 * @param entryIdHex   PR_ENTRYID in hex
 * @param subject      PR_SUBJECT ("" when absent)
 * @param recipients   PR_DISPLAY_TO split at ';'
 * @param messageFlags PR_MESSAGE_FLAGS (0 when absent)
 * @param submitFlags  PR_SUBMIT_FLAGS (0 when absent)
 * @param submitTime   PR_CLIENT_SUBMIT_TIME, or null
 * @param deliveryTime PR_MESSAGE_DELIVERY_TIME, or null
 */
public record FolderMessage(
        String entryIdHex,
        String subject,
        List<String> recipients,
        int messageFlags,
        int submitFlags,
        Instant submitTime,
        Instant deliveryTime) {

    public FolderMessage {
        recipients = List.copyOf(recipients);
    }

    /** A short word for the flags: "sending" (locked), "queued" (submitted), "unsent" or "sent"/"read". */
    public String stateWord() {
        if ((messageFlags & MapiFlags.MSGFLAG_SUBMIT) != 0) {
            return (submitFlags & MapiFlags.SUBMITFLAG_LOCKED) != 0 ? "sending" : "queued";
        }
        if ((messageFlags & MapiFlags.MSGFLAG_UNSENT) != 0) {
            return "unsent";
        }
        return (messageFlags & MapiFlags.MSGFLAG_READ) != 0 ? "read" : "unread";
    }
}
