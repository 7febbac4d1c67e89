package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.transport.TransportOutcome;
import java.time.Instant;

/**
 * The simulated transport provider of one profile (its thread is the {@link Spooler}'s second): takes the
 * message the spooler locked, hands it to the SMTP transport when the profile uses one ({@link SmtpLink}),
 * else "sends" it itself as {@link TransportSettings} say (latency, hang, failures by count, probability
 * or recipient), and decides the outcome once, under the lock: DELIVERED (in the transport log), FAILED, or
 * ABORTED when a Logoff chose "Leave in Outbox" meanwhile (docs/decisions/0013).
 */
final class SimTransportProvider {

    private final SimRuntime rt;
    private final SimProfile p;
    private final Spooler spooler;

    SimTransportProvider(SimRuntime rt, SimProfile p, Spooler spooler) {
        this.rt = rt;
        this.p = p;
        this.spooler = spooler;
    }

    /** The thread's loop (lock held): returns when the spooler stops. */
    void run() throws InterruptedException {
        while (true) {
            while (!spooler.stopRequested && (spooler.inFlight == null || spooler.inFlight.started)) {
                rt.changed.awaitUninterruptibly();
            }
            Spooler.InFlight job = spooler.inFlight;
            if (job == null || job.started) {
                break;
            }
            job.started = true;
            if (p.smtp.active()) {
                p.smtp.send(job);
                rt.changed.signalAll();
                continue;
            }
            TransportSettings s = rt.transport();
            decideFailure(job, s);
            SimTransportRules.Send rule = rt.transportRules.decide(p, job); // per-message rules (decision 0440)
            long start = System.nanoTime();
            long latency = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                    rule.latencyMillis() >= 0 ? rule.latencyMillis() : s.latencyMillis()); // saturates
            while (!job.abortRequested && !rule.requeue()) {
                if (rt.transport().hang() || rt.transportRules.hangs(rule)) {
                    spooler.publishStatus();
                    rt.changed.awaitUninterruptibly();
                    continue;
                }
                if (job.heldBy != null) { // the rule that held it is gone or released it: it is sending again
                    job.heldBy = null;
                    rt.transportRules.letGo(job);
                    spooler.publishStatus();
                }
                long left = latency - (System.nanoTime() - start);
                if (left <= 0) {
                    break;
                }
                rt.changed.awaitNanos(left);
            }
            decide(job, rule);
            rt.changed.signalAll();
        }
    }

    /**
     * IXPLogon::SubmitMessage on the spooler's own thread: a message this transport can deliver at once (no SMTP
     * transport, no latency, no hang, no transport rule in force) is sent during the call and its outcome decided
     * before it returns, as a transport provider may do ("Indicates that the MAPI spooler has a message for the
     * transport provider to deliver", https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/ixplogon-submitmessage).
     * The transport's thread is then not woken: a zero-latency drain costs no thread hand-off per message
     * (decision 0731). Returns false, changing nothing, when the message needs the transport's thread (lock held).
     */
    boolean submitAtOnce(Spooler.InFlight job) {
        TransportSettings s = rt.transport();
        if (job.started || p.smtp.active() || s.latencyMillis() > 0 || s.hang() || !rt.transportRules.none()) {
            return false;
        }
        job.started = true;
        decideFailure(job, s);
        decide(job, rt.transportRules.decide(p, job));
        return true;
    }

    /** The outcome of a send whose wait is over (lock held): aborted, deferred, requeued, failed or delivered. */
    private void decide(Spooler.InFlight job, SimTransportRules.Send rule) {
        rt.transportRules.letGo(job);
        if (job.abortRequested) {
            job.outcome = Spooler.Outcome.ABORTED;
            rt.abortedSend();
        } else if (job.deferredReply != null) {
            // a 4xx rule (greylisting, decision 0610): it stays queued with the reply and its retry time
            job.smtp = TransportOutcome.deferred(code(job.deferredReply), job.deferredReply);
            job.outcome = Spooler.Outcome.RETRY;
        } else if (rule.requeue()) {
            job.outcome = Spooler.Outcome.ABORTED; // deferred or offline: it stays queued, unlocked
            spooler.queueChanged();
        } else if (job.failCode != null) {
            job.outcome = Spooler.Outcome.FAILED;
        } else {
            if (rt.transportRules.deferredBefore(job)) { // the server accepts the retry
                job.smtp = TransportOutcome.sent(250, "250 2.0.0 OK: accepted on retry after greylisting");
            }
            job.outcome = Spooler.Outcome.DELIVERED;
            rt.recordDelivery(new SimRuntime.Delivery(
                    job.msg.id(), job.subject(), Recipients.addresses(job.msg.recipients()), Instant.now()));
        }
    }

    /** The reply's code: "451 4.7.1 …" is 451. */
    private static int code(String reply) {
        return Integer.parseInt(reply.substring(0, 3));
    }

    private void decideFailure(Spooler.InFlight job, TransportSettings s) {
        int n = rt.nextTransportAttempt();
        if (s.failEvery() > 0 && n % s.failEvery() == 0) {
            job.failCode = HResult.MAPI_E_NETWORK_ERROR;
            job.failReason =
                    "the simulated transport fails every " + s.failEvery() + ". message (this was message " + n + ")";
        } else if (s.failProbability() > 0 && rt.nextFailDraw() < s.failProbability()) {
            job.failCode = HResult.MAPI_E_NETWORK_ERROR;
            job.failReason =
                    "random transport failure (probability " + s.failProbability() + ", seed " + s.seed() + ")";
        } else {
            for (String r : Recipients.addresses(job.msg.recipients())) {
                if (s.failRecipients().stream().anyMatch(f -> f.equalsIgnoreCase(r))) {
                    job.failCode = HResult.MAPI_E_NOT_FOUND;
                    job.failReason = "recipient " + r + " was rejected by the simulated transport";
                    break;
                }
            }
        }
    }
}
