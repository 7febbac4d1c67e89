package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAPI spooler and the simulated transport provider ({@link SimTransportProvider}) of one logged-on
 * profile, each on its own thread. The spooler takes the oldest submitted Outbox message, locks it (SUBMITFLAG_LOCKED, held
 * in memory and shown in PR_SUBMIT_FLAGS, never written to the file), hands it to the transport, and when
 * the transport is done writes the outcome ({@link OutcomeWriter}): moves it to Sent Items (or deletes it
 * with PR_DELETE_AFTER_SUBMIT) in one store transaction, or marks it failed
 * (docs/decisions/0012-failed-send-representation.md).
 *
 * <p>Exactly-once: the transport's outcome is decided once, under the lock: DELIVERED, FAILED or
 * ABORTED (a Logoff chose "Leave in Outbox" before the transport finished). Only DELIVERED is in
 * the transport log and leaves the Outbox; ABORTED unlocks the message and keeps it queued for the
 * next logon (docs/decisions/0013-in-flight-message-at-logoff.md).
 */
final class Spooler {

    private static final Logger LOG = LoggerFactory.getLogger(Spooler.class);
    static final String FINISH = "Finish sending";
    static final String LEAVE = "Leave in Outbox";
    static final long DEFAULT_FLUSH_TIMEOUT_MILLIS = 120_000;

    /** RETRY: the SMTP server deferred it (4xx) or could not be reached; it stays queued (decision 0161). */
    enum Outcome {
        PENDING,
        DELIVERED,
        FAILED,
        ABORTED,
        RETRY
    }

    /** The message the transport is working on. */
    static final class InFlight {
        final MessageRecord msg;
        long writesAtPick;
        Outcome outcome = Outcome.PENDING;
        boolean started;
        boolean abortRequested;
        HResult failCode;
        String failReason;
        /** The transport rule that holds it ("transport rule 1 (subject~x=hang)") while it does, else null. */
        String heldBy;
        /** That rule's entry in {@link SimTransportRules}, else -1. */
        long heldByEntry = -1;
        /** The reply of the 4xx transport rule that deferred it on this try (greylisting), else null. */
        String deferredReply;
        /** When a 4xx transport rule tries it again (decision 0610), else null. */
        java.time.Instant retryAt;
        /** The SMTP transport's outcome (null with the simulated transport). */
        dev.mapiworkbench.sim.transport.TransportOutcome smtp;

        InFlight(MessageRecord msg) {
            this.msg = msg;
        }

        String subject() {
            Object s = msg.props().get(PropTag.PR_SUBJECT_W);
            return s == null ? "(no subject)" : s.toString();
        }
    }

    private final SimRuntime rt;
    private final SimProfile p;
    private final SimTransportProvider transport;
    /** Queue snapshot; its records are trusted while {@link SimProfile#clientWrites} is unchanged. */
    private final ArrayDeque<MessageRecord> pending = new ArrayDeque<>();

    private long snapshotWrites = -1;
    private boolean queueDirty = true;
    boolean stopRequested;
    private int threadsAlive;
    InFlight inFlight;
    private boolean draining;
    /** The last read of the queue found only mail a 4xx rule deferred: nothing to pick until a change. */
    private boolean onlyDeferred;

    private boolean syncFlushBusy;
    private int lastCode = -1;
    private String lastString;

    Spooler(SimRuntime rt, SimProfile p) {
        this.rt = rt;
        this.p = p;
        this.transport = new SimTransportProvider(rt, p, this);
    }

    // ------------------------------------------------------------------ life cycle (lock held)

    void start() {
        stopRequested = false;
        queueDirty = true;
        threadsAlive = 2;
        Thread s = new Thread(this::spoolLoop, "sim-spooler-" + p.name);
        Thread t = new Thread(this::transportLoop, "sim-transport-" + p.name);
        s.setDaemon(true);
        t.setDaemon(true);
        s.start();
        t.start();
    }

    /** Asks both threads to stop after the in-flight message is resolved, and waits for them. */
    void stopAndWait() {
        stopRequested = true;
        rt.changed.signalAll();
        while (threadsAlive > 0) {
            rt.changed.awaitUninterruptibly();
        }
        draining = false;
        publishStatus();
    }

    /** Messages of the outgoing queue read at a time. */
    static final int QUEUE_WINDOW = 256;

    /** A client submitted or aborted something: re-read the queue. */
    void queueChanged() {
        queueDirty = true;
        onlyDeferred = false;
        rt.changed.signalAll();
    }

    /** Anything queued (and not yet known to be failed) or in flight. */
    boolean busy() {
        return inFlight != null || queueDirty || !pending.isEmpty() || rt.transportRules.waiting(p);
    }

    boolean sending() {
        return inFlight != null;
    }

    // ------------------------------------------------------------------ status

    int statusCode() {
        int c = MapiFlags.STATUS_AVAILABLE;
        c |= offline() ? MapiFlags.STATUS_OFFLINE : MapiFlags.STATUS_OUTBOUND_ENABLED;
        if (inFlight != null) {
            c |= MapiFlags.STATUS_OUTBOUND_ACTIVE;
        }
        if (draining) {
            c |= MapiFlags.STATUS_OUTBOUND_FLUSH;
        }
        return c;
    }

    String statusString() {
        TransportSettings s = rt.transport();
        if (inFlight != null) {
            if (inFlight.heldBy != null) { // a hang rule (decision 0440): say so, not "Sending"
                return "Hung by " + inFlight.heldBy + " while sending '" + inFlight.subject()
                        + "': it stays in the transport until the rule is removed";
            }
            return (s.hang() ? "Hung while sending '" : "Sending '") + inFlight.subject() + "'";
        }
        if (offline()) {
            return "Offline";
        }
        String greylisted = rt.transportRules.firstWait(p);
        return greylisted != null ? greylisted : "Ready";
    }

    /** Publishes TABLE_ROW_MODIFIED for the spooler and transport rows when their status changed. */
    void publishStatus() {
        int c = statusCode();
        String s = statusString();
        if (c != lastCode || !s.equals(lastString)) {
            lastCode = c;
            lastString = s;
            p.statusRowChanged(EntryIds.ROW_SPOOLER);
            p.statusRowChanged(EntryIds.ROW_TRANSPORT);
        }
    }

    // ------------------------------------------------------------------ FlushQueues (lock held)

    /**
     * FlushQueues(FLUSH_UPLOAD) on the spooler row. With FLUSH_ASYNC_OK: wakes the spooler and returns.
     * Without it: waits until every message queued at the call has left the queue (sent or failed);
     * returns at once when the transport is offline (mail stays queued, as KB 188297 describes);
     * fails MAPI_E_TIMEOUT after the flush timeout (a hung or very slow transport), MAPI_E_BUSY when
     * another synchronous flush is running, MAPI_E_END_OF_SESSION when the session ends meanwhile.
     */
    void flush(SimStatus caller, int flags) {
        if ((flags & MapiFlags.FLUSH_UPLOAD) == 0) {
            return;
        }
        queueChanged();
        if ((flags & MapiFlags.FLUSH_ASYNC_OK) != 0 || offline()) {
            return;
        }
        if (syncFlushBusy) {
            throw caller.error(HResult.MAPI_E_BUSY, "FlushQueues", "a synchronous flush is already running");
        }
        syncFlushBusy = true;
        try {
            // the queue's ids from its index (no message read); each wake-up then checks from the front
            // only until it meets one still queued, so the flush costs the queue once, not once per change
            Set<Long> queued = new LinkedHashSet<>();
            if (inFlight != null) {
                queued.add(inFlight.msg.id());
            }
            queued.addAll(p.store.outgoingIds());
            ArrayDeque<Long> ids = new ArrayDeque<>(queued);
            long timeoutMillis = flushTimeoutMillis();
            long start = System.nanoTime();
            long timeout = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis); // saturates
            while (true) {
                dropSent(ids);
                if (ids.isEmpty()) {
                    return;
                }
                if (stopRequested || !caller.valid()) {
                    ids.removeIf(id -> !stillQueued(id)); // the exact number left, once
                    throw caller.error(
                            HResult.MAPI_E_END_OF_SESSION,
                            "FlushQueues",
                            "the session logged off while " + ids.size() + " message(s) were still queued");
                }
                if (offline()) {
                    return;
                }
                long left = timeout - (System.nanoTime() - start);
                if (left <= 0) {
                    ids.removeIf(id -> !stillQueued(id)); // the exact number left, once
                    throw caller.error(
                            HResult.MAPI_E_TIMEOUT,
                            "FlushQueues",
                            ids.size() + " message(s) still queued after " + timeoutMillis + " ms");
                }
                rt.changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw caller.error(HResult.MAPI_E_USER_CANCEL, "FlushQueues", "interrupted");
        } finally {
            syncFlushBusy = false;
        }
    }

    /** Offline by the settings or for a transport rule's offline period (lock held). */
    private boolean offline() {
        return rt.transport().offline() || rt.transportRules.offline();
    }

    private long flushTimeoutMillis() {
        String v = rt.options().extra().get("sim.flushTimeoutMillis");
        try {
            return v == null ? DEFAULT_FLUSH_TIMEOUT_MILLIS : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return DEFAULT_FLUSH_TIMEOUT_MILLIS;
        }
    }

    /** Removes the front ids that are no longer queued, up to the first one that still is. */
    private void dropSent(ArrayDeque<Long> ids) {
        while (!ids.isEmpty() && !stillQueued(ids.peekFirst())) {
            ids.pollFirst();
        }
    }

    boolean stillQueued(long id) {
        Optional<MessageRecord> r = p.store.message(id);
        return r.isPresent() && r.get().folderId() == p.outboxId && (flags(r.get()) & MapiFlags.MSGFLAG_SUBMIT) != 0;
    }

    // ------------------------------------------------------------------ threads

    private void spoolLoop() {
        rt.lock.lock();
        try {
            OutcomeWriter.clearStaleLocks(p);
            publishStatus();
            while (!stopRequested) {
                boolean holding = p.smtp.holding();
                long retryIn = rt.transportRules.dueRetries(p); // greylisted mail whose time came is queued again
                MessageRecord next = offline() || holding ? null : nextQueued();
                if (next == null) {
                    if (draining) {
                        draining = false;
                        publishStatus();
                    }
                    rt.changed.signalAll();
                    if (holding || retryIn > 0) {
                        rt.changed.awaitNanos(holding ? p.smtp.holdNanos() : retryIn);
                    } else {
                        rt.changed.await();
                    }
                    continue;
                }
                // The lock is spooler state: shown on the message (see SimProfile.messageProps) but not
                // written to the file, so a crash leaves no stale lock and a send costs one durable commit.
                InFlight job = new InFlight(next);
                job.writesAtPick = p.clientWrites;
                inFlight = job;
                p.messageModified(next);
                draining = true;
                publishStatus();
                if (!transport.submitAtOnce(job)) { // else the transport's thread sends it (decision 0731)
                    rt.changed.signalAll();
                    while (job.outcome == Outcome.PENDING) {
                        rt.changed.await();
                    }
                }
                inFlight = null;
                try {
                    queueDirty |= OutcomeWriter.write(p, job);
                } finally {
                    publishStatus();
                    rt.changed.signalAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("spooler of profile '{}' stopped", p.name, e);
            rt.fault("spooler-failed", "the spooler of profile '" + p.name + "' stopped: " + e, false);
            stopRequested = true;
            if (inFlight != null) {
                inFlight.abortRequested = true;
            }
        } finally {
            threadsAlive--;
            draining = false;
            rt.changed.signalAll();
            rt.lock.unlock();
        }
    }

    /** The transport provider's thread: {@link SimTransportProvider#run} under the lock. */
    private void transportLoop() {
        rt.lock.lock();
        try {
            transport.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            p.smtp.stopped();
            threadsAlive--;
            rt.changed.signalAll();
            rt.lock.unlock();
        }
    }

    static void clearFailure(Map<Integer, Object> props) {
        props.put(SendFailureProps.PR_WB_SEND_ERROR_W, null);
        props.put(SendFailureProps.PR_WB_SEND_ERROR_SCODE, null);
        props.put(SendFailureProps.PR_WB_SEND_ERROR_TIME, null);
    }

    /**
     * The head of the outgoing queue. The queue is read a window at a time ({@link #QUEUE_WINDOW}
     * messages, by the index on the submit time), again when a client changed it or the window is used
     * up, so a submission costs one window read, not a read of the whole queue.
     */
    private MessageRecord nextQueued() {
        if (onlyDeferred && !queueDirty) {
            return null; // the window read last time holds only mail waiting for its retry (decision 0610)
        }
        boolean fresh = queueDirty || pending.isEmpty();
        if (fresh) {
            pending.clear();
            pending.addAll(p.store.outgoingQueue(QUEUE_WINDOW));
            snapshotWrites = p.clientWrites;
            queueDirty = false;
        }
        while (!pending.isEmpty()) {
            MessageRecord head = pending.poll();
            // Clients write only under the lock and count their writes: an unchanged count means the
            // snapshot record is still what the file holds, so the extra read is skipped.
            Optional<MessageRecord> r =
                    snapshotWrites == p.clientWrites ? Optional.of(head) : p.store.message(head.id());
            if (r.isPresent()
                    && r.get().folderId() == p.outboxId
                    && (flags(r.get()) & MapiFlags.MSGFLAG_SUBMIT) != 0
                    && !rt.transportRules.waiting(p, r.get().id())) {
                return r.get();
            }
        }
        onlyDeferred = fresh && rt.transportRules.waiting(p);
        return null;
    }

    static int flags(MessageRecord r) {
        Object f = r.props().get(PropTag.PR_MESSAGE_FLAGS);
        return f instanceof Integer i ? i : 0;
    }

    static int submitFlags(MessageRecord r) {
        Object f = r.props().get(PropTag.PR_SUBMIT_FLAGS);
        return f instanceof Integer i ? i : 0;
    }

    /** For ProviderUi: "Finish sending 'subject' before logging off?". */
    static String question(InFlight job) {
        return "Finish sending '" + job.subject() + "' before logging off?";
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "Spooler[%s, inFlight=%s, stop=%s]",
                p.name,
                inFlight == null ? "none" : inFlight.msg.id(),
                stopRequested);
    }
}
