package dev.mapiworkbench.sim;

import dev.mapiworkbench.mail.MailMessage;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.RecipientType;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.SmtpSettings;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import dev.mapiworkbench.sim.store.StoreProps;
import dev.mapiworkbench.sim.transport.SmtpTransport;
import dev.mapiworkbench.sim.transport.Transport;
import dev.mapiworkbench.sim.transport.TransportOutcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP side of one profile's spooler (docs/decisions/0160, 0161): which server to use (the
 * runtime's choice, else the profile's saved one, else none: the simulated transport), the kept-open
 * {@link Transport}, the send of the in-flight message on an I/O thread while the transport thread
 * waits on the simulator's condition (so a Logoff can cut it off), the retry backoff after a 4xx
 * or an unreachable server, and the non-delivery report of a 5xx. State guarded by the runtime lock.
 */
final class SmtpLink {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpLink.class);
    static final long DEFAULT_RETRY_BASE_MILLIS = 2_000;
    static final long DEFAULT_RETRY_MAX_MILLIS = 120_000;
    /** The message class of a non-delivery report (MS-OXOMSG 2.2.2.1: REPORT.&lt;class&gt;.NDR). */
    static final String NDR_CLASS = "REPORT.IPM.Note.NDR";

    private final SimRuntime rt;
    private final SimProfile p;
    /** Read from the profile at the first use; null when it has none (or it says "simulated"). */
    private SmtpSettings saved;

    private boolean savedLoaded;
    private Transport transport;
    private SmtpSettings transportFor;
    private ExecutorService io;
    private int failuresInARow;
    private long retryAtNanos;
    private Instant retryAt;

    SmtpLink(SimRuntime rt, SimProfile p) {
        this.rt = rt;
        this.p = p;
    }

    // ------------------------------------------------------------------ which transport

    /** The server for the next message, or null for the simulated transport. */
    SmtpSettings settings() {
        SimSmtpControl c = rt.smtpControl();
        if (c.overridden()) {
            return c.withPassword(c.override());
        }
        if (!savedLoaded) {
            savedLoaded = true;
            saved = ProfileTransportFile.load(rt.options().profileDir(), p.name);
        }
        return saved == null ? null : c.withPassword(saved);
    }

    boolean active() {
        return settings() != null;
    }

    /** The profile's file was rewritten (SmtpControl.useSmtp with save). */
    void reloadSaved() {
        savedLoaded = false;
    }

    // ------------------------------------------------------------------ backoff

    /** True while deferred mail waits for its next try (the spooler picks nothing meanwhile). */
    boolean holding() {
        return retryAtNanos != 0 && retryAtNanos - System.nanoTime() > 0 && active();
    }

    long holdNanos() {
        return Math.max(1, retryAtNanos - System.nanoTime());
    }

    Instant nextRetryTime() {
        return retryAt;
    }

    /** "retry now": the wait ends at once. */
    void retryNow() {
        retryAtNanos = 0;
        retryAt = null;
    }

    private void deferred() {
        failuresInARow++;
        long base = longOption("sim.smtpRetryBaseMillis", DEFAULT_RETRY_BASE_MILLIS);
        long max = longOption("sim.smtpRetryMaxMillis", DEFAULT_RETRY_MAX_MILLIS);
        int shift = Math.min(failuresInARow - 1, 20);
        long delay = Math.min(max, base << shift);
        retryAtNanos = System.nanoTime() + Math.max(1, delay) * 1_000_000L;
        retryAt = Instant.now().plusMillis(delay);
    }

    private long longOption(String key, long fallback) {
        String v = rt.options().extra().get(key);
        try {
            return v == null ? fallback : Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ------------------------------------------------------------------ the send (lock held)

    /**
     * Sends the in-flight message and decides its outcome: DELIVERED on 2xx (even when a Logoff asked
     * to abort after the server had it), FAILED on 5xx, RETRY on 4xx or no connection, ABORTED when a
     * Logoff's "Leave in Outbox" cut the send off before the server accepted it.
     */
    void send(Spooler.InFlight job) throws InterruptedException {
        SmtpSettings s = settings();
        MailMessage mail = mailOf(job.msg, s);
        Transport t = transportFor(s);
        TransportOutcome[] result = new TransportOutcome[1];
        try {
            executor().execute(() -> {
                TransportOutcome o;
                try {
                    o = t.send(mail);
                } catch (RuntimeException e) {
                    o = TransportOutcome.deferred(0, "unexpected error: " + e);
                }
                rt.lock.lock();
                try {
                    result[0] = o;
                    rt.changed.signalAll();
                } finally {
                    rt.lock.unlock();
                }
            });
        } catch (RejectedExecutionException e) {
            result[0] = TransportOutcome.deferred(0, "the SMTP I/O thread is gone: " + e.getMessage());
        }
        p.spooler.publishStatus();
        boolean cut = false;
        while (result[0] == null) {
            if (job.abortRequested && !cut) {
                cut = true;
                t.abort();
            }
            rt.changed.await();
        }
        job.smtp = result[0];
        decide(job, t);
        if (job.outcome == Spooler.Outcome.RETRY && !s.equals(settings())) {
            retryNow(); // the settings changed during the send (e.g. a password was typed): try again at once
        }
    }

    private void decide(Spooler.InFlight job, Transport t) {
        TransportOutcome o = job.smtp;
        switch (o.kind()) {
            case SENT -> {
                failuresInARow = 0;
                retryNow();
                job.outcome = Spooler.Outcome.DELIVERED;
                rt.recordDelivery(new SimRuntime.Delivery(
                        job.msg.id(), job.subject(), Recipients.addresses(job.msg.recipients()), Instant.now()));
                LOG.info("message {} sent via {}: {}", job.msg.id(), t.describe(), o.reply());
            }
            case REJECTED -> {
                failuresInARow = 0;
                job.outcome = Spooler.Outcome.FAILED;
                job.failCode = HResult.MAPI_E_NOT_FOUND;
                job.failReason = "the server rejected it: " + o.reply();
                LOG.info("message {} rejected by {}: {}", job.msg.id(), t.describe(), o.reply());
            }
            case DEFERRED -> {
                if (job.abortRequested) {
                    job.outcome = Spooler.Outcome.ABORTED;
                    rt.abortedSend();
                } else {
                    deferred();
                    job.outcome = Spooler.Outcome.RETRY;
                    LOG.info(
                            "message {} deferred by {}: {} (next try {})",
                            job.msg.id(),
                            t.describe(),
                            o.reply(),
                            retryAt);
                }
                dropTransport(t);
            }
            default -> throw new IllegalStateException(o.kind().name());
        }
    }

    /** The reply, the attempt count and the retry time on the message (lock held). */
    static void replyProps(Spooler.InFlight job, Map<Integer, Object> props) {
        if (job.smtp == null) {
            return;
        }
        String reply = job.smtp.reply();
        props.put(SendFailureProps.PR_WB_TRANSPORT_REPLY_W, reply == null || reply.isBlank() ? "(no reply)" : reply);
        Object n = job.msg.props().get(SendFailureProps.PR_WB_SEND_ATTEMPTS);
        props.put(SendFailureProps.PR_WB_SEND_ATTEMPTS, (n instanceof Integer i ? i : 0) + 1);
        props.put(SendFailureProps.PR_WB_NEXT_RETRY_TIME, null);
    }

    private Transport transportFor(SmtpSettings s) {
        if (transport == null || !s.equals(transportFor)) {
            if (transport != null) {
                dropTransport(transport);
            }
            transport = new SmtpTransport(s);
            transportFor = s;
        }
        return transport;
    }

    /** After an abort or a broken connection the next send starts with a fresh transport. */
    private void dropTransport(Transport t) {
        if (transport == t) {
            transport = null;
            transportFor = null;
        }
        closeLater(t);
    }

    private void closeLater(Transport t) {
        try {
            executor().execute(t::close);
        } catch (RejectedExecutionException e) {
            t.close();
        }
    }

    private ExecutorService executor() {
        if (io == null || io.isShutdown()) {
            io = Executors.newSingleThreadExecutor(r -> {
                Thread th = new Thread(r, "sim-smtp-" + p.name);
                th.setDaemon(true);
                return th;
            });
        }
        return io;
    }

    /** The spooler stopped (last Logoff): the kept-open connection is closed (QUIT) off the lock. */
    void stopped() {
        if (transport != null) {
            closeLater(transport);
            transport = null;
            transportFor = null;
        }
        if (io != null) {
            io.shutdown();
            io = null;
        }
    }

    // ------------------------------------------------------------------ message building

    /** The Internet message of a MAPI message: subject, body, typed recipients, sender from the profile. */
    MailMessage mailOf(MessageRecord r, SmtpSettings s) {
        Map<Integer, Object> props = r.props();
        Object subject = props.get(PropTag.PR_SUBJECT_W);
        Object body = props.get(PropTag.PR_BODY_W);
        Object submitted = props.get(PropTag.PR_CLIENT_SUBMIT_TIME);
        String from = sender(s);
        List<String> stored = r.recipients();
        return new MailMessage(
                p.name,
                from,
                Recipients.of(stored, RecipientType.MAPI_TO),
                Recipients.of(stored, RecipientType.MAPI_CC),
                Recipients.of(stored, RecipientType.MAPI_BCC),
                subject == null ? null : subject.toString(),
                body == null ? null : body.toString(),
                submitted instanceof Instant i ? i : Instant.now(),
                messageId(r, from));
    }

    /** The sender: the settings' From, else the user when it is an address, else {@code <profile>@localhost}. */
    String sender(SmtpSettings s) {
        return sender(s, p.name);
    }

    static String sender(SmtpSettings s, String profileName) {
        if (s != null && s.sender() != null) {
            return s.sender();
        }
        if (s != null && s.user() != null && s.user().indexOf('@') > 0) {
            return s.user();
        }
        String local = profileName.replaceAll("[^A-Za-z0-9._-]", ".");
        return local + "@localhost";
    }

    /**
     * Stable per message (store record key, message id, submit time): a retry of the same message
     * carries the same Message-ID, so a receiver can tell a duplicate after a cut connection.
     */
    private String messageId(MessageRecord r, String from) {
        Object t = r.props().get(PropTag.PR_CLIENT_SUBMIT_TIME);
        long millis = t instanceof Instant i ? i.toEpochMilli() : 0;
        String domain = from.substring(from.indexOf('@') + 1);
        return "<wb." + HexFormat.of().formatHex(p.uid, 0, 8) + "." + r.id() + "." + millis + "@" + domain + ">";
    }

    // ------------------------------------------------------------------ non-delivery report

    /** A 5xx: a non-delivery report, unread, into the Inbox (the simulator's first inbound mail). */
    void deliverNonDeliveryReport(MessageRecord failed, TransportOutcome o) {
        Object subject = failed.props().get(PropTag.PR_SUBJECT_W);
        String subj = subject == null ? "" : subject.toString();
        SmtpSettings s = settings();
        String server = s == null ? "the SMTP server" : s.host() + ":" + s.port();
        StringBuilder body = new StringBuilder();
        body.append("Your message did not reach some or all of its recipients.\n\n");
        body.append("  Subject: ").append(subj).append('\n');
        body.append("  To: ")
                .append(String.join("; ", Recipients.addresses(failed.recipients())))
                .append("\n\n");
        body.append("The server ")
                .append(server)
                .append(" rejected it:\n\n  ")
                .append(o.reply())
                .append("\n\n");
        body.append("The message stays in the Outbox, marked as failed; submit it again to retry.\n");
        Map<Integer, Object> props = new HashMap<>();
        props.put(PropTag.PR_MESSAGE_CLASS_W, NDR_CLASS);
        props.put(PropTag.PR_SUBJECT_W, "Undeliverable: " + subj);
        props.put(PropTag.PR_BODY_W, body.toString());
        props.put(PropTag.PR_MESSAGE_FLAGS, 0);
        props.put(PropTag.PR_MESSAGE_DELIVERY_TIME, Instant.now());
        props.put(SendFailureProps.PR_WB_TRANSPORT_REPLY_W, o.reply());
        props.put(StoreProps.RECIPIENTS, List.of(sender(s)));
        MessageRecord ndr = p.store.createMessage(p.inboxId, props);
        p.messageCreated(ndr);
        LOG.info("non-delivery report {} for message {} in the Inbox", ndr.id(), failed.id());
    }

    /** For status rows: "SMTP 127.0.0.1:2525 (none)". */
    String describe() {
        SmtpSettings s = settings();
        return s == null ? null : "SMTP " + s.describe();
    }
}
