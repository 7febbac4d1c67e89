package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.TransportRule;
import dev.mapiworkbench.mapi.TransportRuleControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated transport's per-message rules ({@link TransportRule}, docs/scenarios.md "Transport rules",
 * decision 0440): asked by the transport provider thread of {@link Spooler} when it starts a send, and the
 * {@link TransportRuleControl} capability. State is guarded by the runtime's lock.
 */
final class SimTransportRules implements TransportRuleControl {

    private static final Logger LOG = LoggerFactory.getLogger(SimTransportRules.class);

    /** The backend extra with the rules in force from the start, one {@link TransportRule} per line. */
    static final String EXTRA = "sim.transportRules";

    private final SimRuntime rt;
    private List<TransportRule> rules = List.of();
    /** Sends started since the rules were put in force (what {@code #N} counts). */
    private long sends;
    /** Bumped by {@link #replace}: a hang or an offline period of older rules ends. */
    private long generation;
    /** Rule index and message id of the once-per-message rules (offline, smtp 4xx) that fired. */
    private final Set<List<Long>> fired = new HashSet<>();

    private long offlineUntilNanos;
    private boolean offline;

    /** What the rules decided for one send. {@code latencyMillis} &lt; 0: the transport's own latency. */
    record Send(long latencyMillis, boolean requeue, long hangGeneration) {
        static final Send NONE = new Send(-1, false, -1);
    }

    SimTransportRules(SimRuntime rt, String lines) {
        this.rt = rt;
        if (lines != null) {
            List<TransportRule> initial = new ArrayList<>();
            for (String line : lines.split("\n", -1)) {
                if (!line.isBlank()) {
                    initial.add(TransportRule.parse(line));
                }
            }
            rules = List.copyOf(initial);
        }
    }

    @Override
    public List<TransportRule> rules() {
        return rt.locked(() -> rules);
    }

    @Override
    public void replace(List<TransportRule> newRules) {
        List<TransportRule> copy = List.copyOf(Objects.requireNonNull(newRules, "rules"));
        rt.locked(() -> {
            rules = copy;
            sends = 0;
            generation++;
            fired.clear();
            if (offline) {
                endOffline();
            }
            rt.changed.signalAll();
        });
    }

    /** The runtime closes (lock held): a hang ends and an offline period's timer thread stops. */
    void stop() {
        generation++;
        offline = false;
        rt.changed.signalAll();
    }

    /** Whether an offline period started by a rule is running (lock held). */
    boolean offline() {
        return offline;
    }

    /** Whether a send hung by a rule of {@code hangGeneration} still hangs (lock held). */
    boolean hangs(Send send) {
        return send.hangGeneration() >= 0 && send.hangGeneration() == generation;
    }

    /**
     * The transport starts sending {@code job} (lock held): the first matching rule decides. A failing rule
     * sets the job's failure; a deferring or offline rule asks for the message to stay queued.
     */
    Send decide(Spooler.InFlight job) {
        if (rules.isEmpty()) {
            return Send.NONE;
        }
        long n = ++sends;
        List<String> to = Recipients.addresses(job.msg.recipients());
        for (int i = 0; i < rules.size(); i++) {
            TransportRule r = rules.get(i);
            if (!r.matches(n, job.subject(), to)) {
                continue;
            }
            boolean once = r.action() == TransportRule.Action.OFFLINE || r.transient4xx();
            if (once && !fired.add(List.of((long) i, job.msg.id()))) {
                continue;
            }
            String which = "transport rule " + (i + 1) + " (" + r + ")";
            LOG.info("{} applies to send {} of '{}'", which, n, job.subject());
            switch (r.action()) {
                case DELAY -> {
                    return new Send(r.millis(), false, -1);
                }
                case HANG -> {
                    job.heldBy = which; // the status row names the rule while it holds the message
                    return new Send(-1, false, generation);
                }
                case FAIL -> {
                    job.failCode = r.hresult();
                    job.failReason = r.reason() != null ? r.reason() : which + " failed it";
                    return Send.NONE;
                }
                case SMTP -> {
                    if (r.transient4xx()) {
                        LOG.info("{}: deferred, the message stays queued: {}", which, r.reason());
                        return new Send(-1, true, -1);
                    }
                    job.failCode = r.hresult();
                    job.failReason = "the server rejected it: " + r.reason();
                    return Send.NONE;
                }
                case OFFLINE -> {
                    startOffline(r.millis());
                    return new Send(-1, true, -1);
                }
                default -> throw new IllegalStateException("unknown action " + r.action());
            }
        }
        return Send.NONE;
    }

    private void startOffline(long millis) {
        offline = true;
        offlineUntilNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        long mine = generation;
        Thread t = new Thread(() -> awaitOnline(mine), "sim-transport-offline");
        t.setDaemon(true);
        t.start();
        wake();
    }

    private void awaitOnline(long mine) {
        rt.lock.lock();
        try {
            while (offline && generation == mine) {
                long left = offlineUntilNanos - System.nanoTime();
                if (left <= 0) {
                    endOffline();
                    return;
                }
                rt.changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            rt.lock.unlock();
        }
    }

    private void endOffline() {
        offline = false;
        LOG.info("the transport's offline period ended");
        wake();
    }

    /** The spoolers re-read their queues and publish their status; waiters look again. */
    private void wake() {
        for (SimProfile p : rt.profiles()) {
            p.spooler.queueChanged();
            p.spooler.publishStatus();
        }
        rt.changed.signalAll();
    }
}
