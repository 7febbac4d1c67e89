package dev.mapiworkbench.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Internet message as the Workbench knows it: what a MAPI message's properties give (subject,
 * plain-text body, recipients by type, sender, submit time) and what an .eml file gives back.
 *
 * @param fromName    display name of the sender (may be null)
 * @param fromAddress sender address (RFC 5322 addr-spec)
 * @param to          To recipients (addresses)
 * @param cc          Cc recipients
 * @param bcc         Bcc recipients: in the SMTP envelope, never in the header that is sent
 * @param subject     subject (may be null)
 * @param body        plain-text body (may be null)
 * @param date        the Date header (null: now, when written)
 * @param messageId   the Message-ID with its angle brackets (null: one is made up when written)
 */
public record MailMessage(
        String fromName,
        String fromAddress,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        String body,
        Instant date,
        String messageId) {

    public MailMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** Every recipient, To then Cc then Bcc: the SMTP envelope's RCPT TO list. */
    public List<String> envelopeRecipients() {
        List<String> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    public MailMessage withMessageId(String id) {
        return new MailMessage(fromName, fromAddress, to, cc, bcc, subject, body, date, id);
    }
}
