package dev.mapiworkbench.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Builds RFC 5322 messages with MIME (RFC 2045) from a {@link MailMessage}, and reads .eml files
 * back, with Jakarta Mail. The body is one {@code text/plain; charset=UTF-8} part (quoted-printable
 * or base64 when it is not plain ASCII, as Jakarta Mail chooses); non-ASCII subjects and display
 * names are RFC 2047 encoded words in UTF-8 (docs/decisions/0162-mime-and-eml.md).
 */
public final class MimeMail {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeMail() {}

    /** A MimeMessage ready to send or write: headers set, {@code saveChanges} done. */
    public static MimeMessage toMime(MailMessage m, Session session) throws MessagingException {
        MimeMessage msg = new FixedIdMessage(session == null ? SESSION : session, m.messageId());
        try {
            msg.setFrom(new InternetAddress(m.fromAddress(), m.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        setRecipients(msg, Message.RecipientType.TO, m.to());
        setRecipients(msg, Message.RecipientType.CC, m.cc());
        setRecipients(msg, Message.RecipientType.BCC, m.bcc());
        msg.setSubject(m.subject() == null ? "" : m.subject(), "UTF-8");
        msg.setSentDate(Date.from(m.date() == null ? Instant.now() : m.date()));
        msg.setText(m.body() == null ? "" : m.body(), "UTF-8");
        msg.saveChanges();
        return msg;
    }

    /** The message as .eml bytes (CRLF line ends), Bcc included (as a saved draft keeps it). */
    public static byte[] toBytes(MailMessage m) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            toMime(m, null).writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("writing the message failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads an .eml file: sender, recipients by type, decoded subject, the first text/plain part
     * (a text/html-only message gives its markup), Date and Message-ID.
     *
     * @throws MessagingException when it is not a message Jakarta Mail can parse, or has no sender
     */
    public static MailMessage parse(InputStream in) throws MessagingException, IOException {
        MimeMessage msg = new MimeMessage(SESSION, in);
        Address[] from = msg.getFrom();
        String fromName = null;
        String fromAddress = null;
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress a) {
            fromName = a.getPersonal();
            fromAddress = a.getAddress();
        }
        Date sent = msg.getSentDate();
        return new MailMessage(
                fromName,
                fromAddress,
                addresses(msg, Message.RecipientType.TO),
                addresses(msg, Message.RecipientType.CC),
                addresses(msg, Message.RecipientType.BCC),
                msg.getSubject(),
                text(msg),
                sent == null ? null : sent.toInstant(),
                msg.getMessageID());
    }

    /** Checks one address (no display name, no group): the {@link AddressException} message says why not. */
    public static String checkAddress(String address) throws AddressException {
        InternetAddress a = new InternetAddress(address, true);
        if (a.isGroup() || a.getPersonal() != null) {
            throw new AddressException("expected a plain address", address);
        }
        return a.getAddress();
    }

    private static void setRecipients(MimeMessage msg, Message.RecipientType type, List<String> list)
            throws MessagingException {
        if (list.isEmpty()) {
            return;
        }
        InternetAddress[] a = new InternetAddress[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = new InternetAddress(list.get(i), true);
        }
        msg.setRecipients(type, a);
    }

    private static List<String> addresses(MimeMessage msg, Message.RecipientType type) throws MessagingException {
        List<String> out = new ArrayList<>();
        Address[] a = msg.getRecipients(type);
        if (a != null) {
            for (Address x : a) {
                if (x instanceof InternetAddress ia) {
                    if (ia.isGroup()) {
                        InternetAddress[] members = ia.getGroup(false);
                        for (InternetAddress m : members == null ? new InternetAddress[0] : members) {
                            out.add(m.getAddress());
                        }
                    } else {
                        out.add(ia.getAddress());
                    }
                }
            }
        }
        return out;
    }

    private static String text(Part p) throws MessagingException, IOException {
        if (p.isMimeType("text/plain")) {
            return content(p);
        }
        if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            String html = null;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(b.getDisposition())) {
                    continue;
                }
                String t = text(b);
                if (t != null && b.isMimeType("text/plain")) {
                    return t;
                }
                if (t != null && html == null) {
                    html = t;
                }
            }
            return html;
        }
        if (p.isMimeType("text/*")) {
            return content(p);
        }
        return null;
    }

    private static String content(Part p) throws MessagingException, IOException {
        Object c = p.getContent();
        if (c instanceof String s) {
            return s;
        }
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Keeps the Message-ID it was given (MimeMessage would make a new one in saveChanges). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (id != null) {
                setHeader("Message-ID", id);
            } else {
                super.updateMessageID();
            }
        }
    }
}
