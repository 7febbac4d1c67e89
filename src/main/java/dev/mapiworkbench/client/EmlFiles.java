package dev.mapiworkbench.client;

import dev.mapiworkbench.mail.MailMessage;
import dev.mapiworkbench.mail.MimeMail;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.RecipientType;
import dev.mapiworkbench.mapi.SmtpControl;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * .eml files (RFC 5322 with MIME) in and out of the mail store (decision 0162): export any message
 * the client can open, import a file into the Outbox as a queued message. Every MAPI object is
 * opened through the client's session and released before returning, also on failure.
 */
public final class EmlFiles {

    /** Largest .eml file import reads (a plain-text workbench has no use for bigger ones). */
    public static final long MAX_IMPORT_BYTES = 25L * 1024 * 1024;

    private static final int[] EXPORT_TAGS = {
        PropTag.PR_SUBJECT_W,
        PropTag.PR_BODY_W,
        PropTag.PR_DISPLAY_TO_W,
        PropTag.PR_DISPLAY_CC_W,
        PropTag.PR_DISPLAY_BCC_W,
        PropTag.PR_CLIENT_SUBMIT_TIME,
        PropTag.PR_MESSAGE_DELIVERY_TIME,
        PropTag.PR_MESSAGE_CLASS_W
    };

    private EmlFiles() {}

    /**
     * Finds a message: its entry id in hex, or {@code FOLDER:N}, the N-th message (1-based, oldest
     * first) of {@code inbox}, {@code outbox}, {@code sent} or {@code deleted}.
     *
     * @throws IllegalArgumentException when {@code which} names nothing (the message says why)
     */
    public static String resolve(ClientSession client, String which) {
        String w = which == null ? "" : which.trim();
        int colon = w.indexOf(':');
        if (colon < 0) {
            if (!w.matches("(?i)[0-9a-f]{2,}") || w.length() % 2 != 0) {
                throw new IllegalArgumentException("'" + which + "' is neither FOLDER:N nor an entry id in hex");
            }
            return w.toUpperCase(Locale.ROOT);
        }
        MailFolder.Role role = switch (w.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "inbox" -> MailFolder.Role.INBOX;
            case "outbox" -> MailFolder.Role.OUTBOX;
            case "sent" -> MailFolder.Role.SENT_ITEMS;
            case "deleted" -> MailFolder.Role.DELETED_ITEMS;
            default ->
                throw new IllegalArgumentException(
                        "unknown folder '" + w.substring(0, colon) + "' (expected inbox, outbox, sent or deleted)");
        };
        int n;
        try {
            n = Integer.parseInt(w.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + w.substring(colon + 1) + "' is not a message number");
        }
        MailFolder folder = client.folders().stream()
                .filter(f -> f.role() == role)
                .findFirst()
                .orElseThrow();
        List<FolderMessage> msgs = client.messages(folder);
        if (n < 1 || n > msgs.size()) {
            throw new IllegalArgumentException(
                    folder.name() + " has " + msgs.size() + " message(s), not a number " + n);
        }
        return msgs.get(n - 1).entryIdHex();
    }

    /** The message as an Internet message: its properties, and the profile's sender (a report: the mailer). */
    public static MailMessage read(ClientSession client, String entryIdHex) {
        MapiSession s = requireSession(client);
        MapiUnknown o = s.openEntry(EntryId.fromHex(entryIdHex), MapiFlags.MAPI_BEST_ACCESS);
        try {
            if (!(o instanceof MapiMessage m)) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_OBJECT, "IMAPISession::OpenEntry", entryIdHex + " is not a message");
            }
            List<PropValue> v = m.getProps(EXPORT_TAGS);
            String cls = str(v.get(7));
            boolean report = cls != null && cls.toUpperCase(Locale.ROOT).startsWith("REPORT.");
            String from = report
                    ? "MAILER-DAEMON@localhost"
                    : client.capability(SmtpControl.class)
                            .map(SmtpControl::senderAddress)
                            .orElse("workbench@localhost");
            Instant date = time(v.get(5)) != null ? time(v.get(5)) : time(v.get(6));
            return new MailMessage(
                    report ? "Mail Delivery System" : null,
                    from,
                    split(str(v.get(2))),
                    split(str(v.get(3))),
                    split(str(v.get(4))),
                    str(v.get(0)),
                    str(v.get(1)),
                    date,
                    null);
        } finally {
            o.release();
        }
    }

    /** Writes the message to {@code file} (beside it first, then moved into place: never half-written). */
    public static void export(ClientSession client, String entryIdHex, Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = MimeMail.toBytes(read(client, entryIdHex));
        } catch (MessagingException e) {
            throw new IOException("the message cannot be written as RFC 5322: " + e.getMessage(), e);
        }
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads {@code file} and queues it in the Outbox: CreateMessage, SetProps (subject, body),
     * ModifyRecipients per type (To, Cc, Bcc), SaveChanges, SubmitMessage.
     *
     * @return the new message's entry id in hex
     * @throws IOException when the file cannot be read or is not a message with at least one recipient
     */
    public static String importToOutbox(ClientSession client, Path file) throws IOException {
        MailMessage mail;
        if (Files.size(file) > MAX_IMPORT_BYTES) {
            throw new IOException(file + " is larger than " + MAX_IMPORT_BYTES / (1024 * 1024) + " MB");
        }
        try (InputStream in = Files.newInputStream(file)) {
            mail = MimeMail.parse(in);
        } catch (MessagingException e) {
            throw new IOException(file + " is not an RFC 5322 message: " + e.getMessage(), e);
        }
        if (mail.envelopeRecipients().isEmpty()) {
            throw new IOException(file + " has no To, Cc or Bcc recipient");
        }
        for (String a : mail.envelopeRecipients()) {
            try {
                MimeMail.checkAddress(a);
            } catch (AddressException e) {
                throw new IOException(file + ": '" + a + "' is not an address: " + e.getMessage(), e);
            }
        }
        MapiSession s = requireSession(client);
        MailFolder outbox = client.folders().stream()
                .filter(f -> f.role() == MailFolder.Role.OUTBOX)
                .findFirst()
                .orElseThrow();
        MapiUnknown o = s.openEntry(outbox.entryId(), MapiFlags.MAPI_MODIFY | MapiFlags.MAPI_BEST_ACCESS);
        try {
            if (!(o instanceof MapiFolder f)) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_OBJECT,
                        "IMAPISession::OpenEntry",
                        "the Outbox entry id does not name a folder");
            }
            MapiMessage m = f.createMessage(0);
            try {
                List<PropValue> props = new ArrayList<>();
                props.add(PropValue.of(PropTag.PR_SUBJECT_W, mail.subject() == null ? "" : mail.subject()));
                props.add(PropValue.of(PropTag.PR_BODY_W, mail.body() == null ? "" : mail.body()));
                props.add(PropValue.of(PropTag.PR_MESSAGE_CLASS_W, "IPM.Note"));
                m.setProps(props);
                add(m, mail.to(), RecipientType.MAPI_TO);
                add(m, mail.cc(), RecipientType.MAPI_CC);
                add(m, mail.bcc(), RecipientType.MAPI_BCC);
                m.saveChanges(0);
                String id = m.getProp(PropTag.PR_ENTRYID).asEntryId().toHex();
                m.submitMessage(0);
                return id;
            } finally {
                m.release();
            }
        } finally {
            o.release();
        }
    }

    private static void add(MapiMessage m, List<String> addresses, int type) {
        if (!addresses.isEmpty()) {
            m.modifyRecipients(MapiFlags.MODRECIP_ADD, addresses, type);
        }
    }

    private static MapiSession requireSession(ClientSession client) {
        MapiSession s = client.mapiSession();
        if (client.state() != SessionState.LOGGED_ON || s == null) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_INITIALIZED,
                    "IMAPISession::OpenEntry",
                    "the client is not logged on (" + client.state() + ")");
        }
        return s;
    }

    private static String str(PropValue v) {
        return v.isError() ? null : v.asString();
    }

    private static Instant time(PropValue v) {
        return v.isError() ? null : v.asTime();
    }

    private static List<String> split(String display) {
        List<String> out = new ArrayList<>();
        if (display != null) {
            for (String p : display.split(";", -1)) {
                if (!p.isBlank()) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }
}
