package dev.mapiworkbench.sim.transport;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mail.MailMessage;
import dev.mapiworkbench.mail.MimeMail;
import dev.mapiworkbench.mapi.SmtpSettings;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends over SMTP with Jakarta Mail (Eclipse Angus): one connection kept open across messages
 * (checked with NOOP before reuse, reopened when it died), implicit TLS or required STARTTLS with
 * the certificate and host name checked ({@link PinningTrustManager}), AUTH PLAIN or LOGIN when a
 * user is set, connect and read/write timeouts. Outcomes by reply code
 * (docs/decisions/0161-smtp-outcomes.md). The password goes only into the AUTH exchange: Jakarta
 * Mail's debug output (which would show it) is never switched on, and no message names it.
 */
public final class SmtpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);

    private final SmtpSettings settings;
    private final String protocol;
    private final Session session;
    private final PinningTrustManager trust;
    private final TrackingSocketFactories sockets;

    @GuardedBy("this")
    private SMTPTransport connection;

    private volatile boolean aborted;

    public SmtpTransport(SmtpSettings settings) {
        this.settings = settings;
        this.protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
        this.trust = new PinningTrustManager(settings.trustedFingerprint());
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, null);
            this.sockets = new TrackingSocketFactories(ctx.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
        this.session = Session.getInstance(properties());
    }

    private Properties properties() {
        String p = "mail." + protocol;
        Properties props = new Properties();
        props.put(p + ".host", settings.host());
        props.put(p + ".port", Integer.toString(settings.port()));
        props.put(p + ".connectiontimeout", Long.toString(settings.connectTimeoutMillis()));
        props.put(p + ".timeout", Long.toString(settings.timeoutMillis()));
        props.put(p + ".writetimeout", Long.toString(settings.timeoutMillis()));
        props.put(p + ".localhost", "localhost");
        props.put(p + ".quitwait", "false");
        props.put(p + ".socketFactory.fallback", "false");
        props.put(p + ".ssl.checkserveridentity", "true");
        props.put(p + ".ssl.socketFactory", sockets.tls());
        if (settings.security() != SmtpSettings.Security.TLS) {
            props.put(p + ".socketFactory", sockets.plain());
        }
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            props.put(p + ".starttls.enable", "true");
            props.put(p + ".starttls.required", "true");
        }
        if (settings.user() != null) {
            props.put(p + ".auth", "true");
            props.put(p + ".auth.mechanisms", "PLAIN LOGIN");
        }
        props.put("mail.debug", "false");
        return props;
    }

    @Override
    public String describe() {
        return "SMTP " + settings.describe();
    }

    SmtpSettings settings() {
        return settings;
    }

    @Override
    public synchronized TransportOutcome send(MailMessage message) {
        try {
            checkAborted();
            MimeMessage mime = MimeMail.toMime(message, session);
            List<String> envelope = message.envelopeRecipients();
            Address[] rcpt = new Address[envelope.size()];
            for (int i = 0; i < rcpt.length; i++) {
                rcpt[i] = new InternetAddress(envelope.get(i), true);
            }
            SMTPTransport t = connected();
            checkAborted();
            t.sendMessage(mime, rcpt);
            String reply = t.getLastServerResponse();
            return TransportOutcome.sent(t.getLastReturnCode(), reply == null ? "250" : reply.trim());
        } catch (SendFailedException e) {
            return classify(e);
        } catch (AuthenticationFailedException e) {
            closeQuietly();
            String why = e.getMessage() == null || e.getMessage().isBlank()
                    ? ""
                    : ": " + e.getMessage().trim();
            return TransportOutcome.deferred(
                    535,
                    "authentication as '" + settings.user() + "' failed" + why
                            + (settings.password() == null ? " (no password was given)" : ""));
        } catch (MessagingException e) {
            closeQuietly();
            if (aborted) {
                return TransportOutcome.deferred(0, "the send was cut off by a Logoff that left the message queued");
            }
            return TransportOutcome.deferred(0, connectionProblem(e));
        } catch (RuntimeException e) {
            closeQuietly();
            LOG.warn("SMTP send to {} failed unexpectedly", settings.describe(), e);
            return TransportOutcome.deferred(0, "unexpected error: " + e);
        }
    }

    private void checkAborted() throws MessagingException {
        if (aborted) {
            throw new MessagingException("aborted");
        }
    }

    /** The open connection, or a new one (connect, EHLO, STARTTLS, AUTH). */
    @GuardedBy("this")
    private SMTPTransport connected() throws MessagingException {
        if (connection != null && connection.isConnected()) {
            return connection;
        }
        closeQuietly();
        SMTPTransport t = (SMTPTransport) session.getTransport(protocol);
        if (settings.user() != null) {
            t.connect(
                    settings.host(),
                    settings.port(),
                    settings.user(),
                    settings.password() == null ? "" : settings.password().reveal());
        } else {
            t.connect(settings.host(), settings.port(), null, null);
        }
        connection = t;
        LOG.info("connected to {}", describe());
        return t;
    }

    @GuardedBy("this")
    private TransportOutcome classify(SendFailedException e) {
        int worst = e instanceof SMTPSendFailedException s ? s.getReturnCode() : 0;
        String reply = e instanceof SMTPSendFailedException ? oneLine(e.getMessage()) : null;
        List<String> perAddress = new ArrayList<>();
        Exception next = e.getNextException();
        int guard = 0;
        while (next != null && guard++ < 100) {
            if (next instanceof SMTPAddressFailedException a) {
                perAddress.add(a.getAddress() + ": " + oneLine(a.getMessage()));
                worst = Math.max(worst, a.getReturnCode());
            } else if (next instanceof SMTPSendFailedException s && reply == null) {
                reply = oneLine(s.getMessage());
                worst = Math.max(worst, s.getReturnCode());
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        if (!perAddress.isEmpty()) {
            reply = String.join("; ", perAddress);
        }
        if (worst <= 0) {
            // no reply code: the connection broke (e.g. "[EOF]" in the middle of DATA)
            closeQuietly();
            return TransportOutcome.deferred(0, connectionProblem(e));
        }
        if (reply == null) {
            reply = oneLine(e.getMessage());
        }
        return TransportOutcome.ofCode(worst, reply);
    }

    /** A sentence for what went wrong before the server could answer. */
    private String connectionProblem(MessagingException e) {
        String where = settings.host() + ":" + settings.port();
        String chain = chainMessages(e);
        if (chain.contains("Server is not trusted")
                || chain.contains("Can't verify identity of server")
                || chain.contains("No subject alternative")
                || chain.contains("No name matching")) {
            return "the certificate of " + where + " does not name the host '" + settings.host() + "'";
        }
        CertificateException cert = cause(e, CertificateException.class);
        if (cert != null || (trust.lastRefused() != null && cause(e, SSLException.class) != null)) {
            String fp = trust.lastRefused();
            return "the certificate of " + where + " is not trusted" + (fp == null ? "" : " (SHA-256 " + fp + ")")
                    + "; for a test server you can trust exactly this certificate with --smtp-trust-fingerprint or"
                    + " the Trust certificate field of Transport settings";
        }
        String msg = String.valueOf(e.getMessage());
        if (chain.contains("STARTTLS is required")) {
            return where + " does not offer STARTTLS, which the settings require";
        }
        if (cause(e, SSLException.class) != null) {
            return "TLS with " + where + " failed: "
                    + oneLine(cause(e, SSLException.class).getMessage());
        }
        if (cause(e, UnknownHostException.class) != null) {
            return "unknown host '" + settings.host() + "'";
        }
        if (cause(e, ConnectException.class) != null) {
            return "cannot connect to " + where + ": "
                    + oneLine(cause(e, ConnectException.class).getMessage());
        }
        if (cause(e, SocketTimeoutException.class) != null) {
            return "no answer from " + where + " within the timeout (" + settings.timeoutMillis() + " ms)";
        }
        IOException io = cause(e, IOException.class);
        if (io != null || msg.contains("[EOF]")) {
            return "the connection to " + where + " broke: "
                    + oneLine(io != null ? String.valueOf(io.getMessage()) : msg);
        }
        return "SMTP error with " + where + ": " + oneLine(msg);
    }

    private static String chainMessages(Throwable t) {
        StringBuilder b = new StringBuilder();
        int guard = 0;
        Throwable c = t;
        while (c != null && guard++ < 50) {
            b.append(c.getMessage()).append(" | ");
            Throwable n = c.getCause();
            if (n == null && c instanceof MessagingException m) {
                n = m.getNextException();
            }
            c = n == c ? null : n;
        }
        return b.toString();
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        int guard = 0;
        Throwable c = t;
        while (c != null && guard++ < 50) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            Throwable n = c.getCause();
            if (n == null && c instanceof MessagingException m) {
                n = m.getNextException();
            }
            c = n == c ? null : n;
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.trim().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    @Override
    public void abort() {
        aborted = true;
        sockets.closeAll();
    }

    @GuardedBy("this")
    private void closeQuietly() {
        SMTPTransport t = connection;
        connection = null;
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("closing the SMTP connection: {}", e.getMessage());
            }
        }
        sockets.closeAll();
    }

    @Override
    public void close() {
        synchronized (this) {
            closeQuietly();
        }
    }
}
