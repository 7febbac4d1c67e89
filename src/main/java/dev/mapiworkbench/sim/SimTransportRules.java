package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.TransportRule;
import dev.mapiworkbench.mapi.TransportRuleControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated transport's per-message rules ({@link TransportRule}, docs/scenarios.md "Transport rules",
 * decision 0440): asked by the transport provider thread of {@link Spooler} when it starts a send, and the
 * {@link TransportRuleControl} capability. A 4xx rule defers its message for the rule's retry delay as a
 * greylisting server expects (decision 0610): the message stays queued, the spooler passes over it until its
 * retry time and sends the others meanwhile. State is guarded by the runtime's lock.
 */
final class SimTransportRules implements TransportRuleControl {

    private static final Logger LOG = LoggerFactory.getLogger(SimTransportRules.class);

    /** The backend extra with the rules in force from the start, one {@link TransportRule} per line. */
    static final String EXTRA = "sim.transportRules";

    private final SimRuntime rt;
    /** The rules in force, each with an id that stays while it is in force (what holds and waits refer to). */
    private List<Entry> entries = List.of();

    private long nextEntry = 1;
    /** Sends started since the rules were put in force (what {@code #N} counts). */
    private long sends;
    /** Bumped by {@link #replace}: a hang or an offline period of older rules ends. */
    private long generation;
    /** Rule entry and message id of the once-per-message rules (offline, smtp 4xx) that fired. */
    private final Set<List<Long>> fired = new HashSet<>();
    /** Messages a 4xx rule deferred since the rules were put in force (their retry is "accepted"). */
    private final Set<Long> deferredOnce = new HashSet<>();
    /** Per rule entry: how often {@link #release} let its held sends go (a send hangs while the count is its). */
    private final Map<Long, Long> releases = new LinkedHashMap<>();
    /** The sends a hang rule holds now, in the order they were held. */
    private final Set<Spooler.InFlight> held = new LinkedHashSet<>();
    /** Messages a 4xx rule deferred that wait for their retry, by profile and message id. */
    private final Map<WaitKey, Wait> waits = new LinkedHashMap<>();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The clock of the retry delays (nanoseconds, as {@link System#nanoTime()}); tests set their own. */
    LongSupplier clock = System::nanoTime;

    private long offlineUntilNanos;
    private boolean offline;

    /**
     * What the rules decided for one send. {@code latencyMillis} &lt; 0: the transport's own latency;
     * {@code hangEntry} the entry of the hang rule (else -1) and {@code hangRelease} its release count then.
     */
    record Send(long latencyMillis, boolean requeue, long hangGeneration, long hangEntry, long hangRelease) {
        static final Send NONE = new Send(-1, false, -1, -1, 0);

        static Send requeued() {
            return new Send(-1, true, -1, -1, 0);
        }
    }

    /** A rule in force and its id. */
    private record Entry(long id, TransportRule rule) {}

    private record WaitKey(SimProfile profile, long messageId) {}

    /** A deferred message: which rule entry, its reply and when it is tried again. */
    private record Wait(long entry, String subject, String reply, long retryAtNanos, Instant retryAt) {}

    SimTransportRules(SimRuntime rt, String lines) {
        this.rt = rt;
        if (lines != null) {
            List<TransportRule> initial = new ArrayList<>();
            for (String line : lines.split("\n", -1)) {
                if (!line.isBlank()) {
                    initial.add(TransportRule.parse(line));
                }
            }
            entries = entriesOf(initial);
        }
    }

    @Override
    public List<TransportRule> rules() {
        return rt.locked(() -> entries.stream().map(Entry::rule).toList());
    }

    /** True when no rule is in force (lock held): {@link #decide} then answers {@link Send#NONE} and counts nothing. */
    boolean none() {
        return entries.isEmpty();
    }

    /** New entries for {@code rules} (lock held or in the constructor). */
    private List<Entry> entriesOf(List<TransportRule> rules) {
        List<Entry> out = new ArrayList<>(rules.size());
        for (TransportRule r : rules) {
            out.add(new Entry(nextEntry++, r));
        }
        return List.copyOf(out);
    }

    @Override
    public void replace(List<TransportRule> newRules) {
        List<TransportRule> copy = List.copyOf(Objects.requireNonNull(newRules, "rules"));
        rt.locked(() -> {
            entries = entriesOf(copy);
            sends = 0;
            generation++;
            fired.clear();
            deferredOnce.clear();
            releases.clear();
            boolean waited = !waits.isEmpty();
            waits.clear();
            if (offline) {
                endOffline();
            } else if (waited) {
                wake();
            }
            rt.changed.signalAll();
            changed();
        });
    }

    @Override
    public void add(TransportRule rule) {
        Objects.requireNonNull(rule, "rule");
        rt.locked(() -> {
            List<Entry> more = new ArrayList<>(entries);
            more.add(new Entry(nextEntry++, rule));
            entries = List.copyOf(more);
            sends = 0;
            LOG.info("transport rule {} added: {}", entries.size(), rule);
            changed();
        });
    }

    @Override
    public boolean remove(int rule) {
        return rt.locked(() -> {
            if (rule < 1 || rule > entries.size()) {
                return false;
            }
            List<Entry> fewer = new ArrayList<>(entries);
            Entry gone = fewer.remove(rule - 1);
            entries = List.copyOf(fewer);
            fired.removeIf(f -> f.get(0) == gone.id());
            releases.remove(gone.id());
            if (waits.values().removeIf(w -> w.entry() == gone.id())) {
                wake();
            }
            LOG.info("transport rule {} removed: {}", rule, gone.rule());
            rt.changed.signalAll(); // a send it held goes on
            changed();
            return true;
        });
    }

    @Override
    public boolean release(int rule) {
        return rt.locked(() -> {
            if (rule < 1 || rule > entries.size()) {
                return false;
            }
            long entry = entries.get(rule - 1).id();
            boolean any = held.stream().anyMatch(j -> j.heldByEntry == entry);
            if (any) {
                releases.merge(entry, 1L, Long::sum);
                LOG.info("the sends held by transport rule {} go on (the rule stays)", rule);
                rt.changed.signalAll();
            }
            return any;
        });
    }

    @Override
    public void retryNow() {
        rt.locked(() -> {
            if (!waits.isEmpty()) {
                LOG.info("retry now: {} deferred message(s) are tried again at once", waits.size());
                waits.clear();
                wake();
                changed();
            }
        });
    }

    @Override
    public List<Activity> activity() {
        return rt.locked(() -> {
            List<Activity> out = new ArrayList<>();
            for (Spooler.InFlight j : held) {
                int n = number(j.heldByEntry);
                if (n > 0) {
                    out.add(new Activity(n, Doing.HOLDING, j.subject(), null, null));
                }
            }
            for (Wait w : waits.values()) {
                out.add(new Activity(number(w.entry()), Doing.GREYLISTED, w.subject(), w.reply(), w.retryAt()));
            }
            out.sort(java.util.Comparator.comparingInt(Activity::rule));
            return List.copyOf(out);
        });
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** The runtime closes (lock held): a hang ends and an offline period's timer thread stops. */
    void stop() {
        generation++;
        offline = false;
        waits.clear();
        rt.changed.signalAll();
    }

    /** Whether an offline period started by a rule is running (lock held). */
    boolean offline() {
        return offline;
    }

    /** Whether a send hung by a rule still hangs: the rule is in force and did not release it (lock held). */
    boolean hangs(Send send) {
        return send.hangGeneration() >= 0
                && send.hangGeneration() == generation
                && number(send.hangEntry()) > 0
                && releases.getOrDefault(send.hangEntry(), 0L) == send.hangRelease();
    }

    /** The rule number (from 1) of entry {@code id}, or -1 when it is no longer in force. */
    private int number(long id) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id() == id) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The transport finished with {@code job} or no rule holds it any more (lock held). */
    void letGo(Spooler.InFlight job) {
        if (held.remove(job)) {
            changed();
        }
    }

    // ------------------------------------------------------------------ greylisting (lock held)

    /** Whether message {@code id} of {@code p} waits for its retry after a 4xx rule. */
    boolean waiting(SimProfile p, long id) {
        return !waits.isEmpty() && waits.containsKey(new WaitKey(p, id));
    }

    /** Whether any message of {@code p} waits for its retry. */
    boolean waiting(SimProfile p) {
        return waits.keySet().stream().anyMatch(k -> k.profile() == p);
    }

    /**
     * Ends the waits of {@code p} whose retry time has come; returns the nanoseconds until the next one
     * (0: none waits any more).
     */
    long dueRetries(SimProfile p) {
        if (waits.isEmpty()) {
            return 0;
        }
        long now = clock.getAsLong();
        long next = Long.MAX_VALUE;
        boolean ended = false;
        var it = waits.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().profile() != p) {
                continue;
            }
            long left = e.getValue().retryAtNanos() - now;
            if (left <= 0) {
                LOG.info(
                        "message {} is tried again after its greylisting delay",
                        e.getKey().messageId());
                it.remove();
                ended = true;
                p.spooler.queueChanged();
            } else {
                next = Math.min(next, left);
            }
        }
        if (ended) {
            changed();
        }
        return next == Long.MAX_VALUE ? 0 : next;
    }

    /** The first message of {@code p} that waits, as the spooler's status row names it, or null. */
    String firstWait(SimProfile p) {
        for (var e : waits.entrySet()) {
            if (e.getKey().profile() == p) {
                Wait w = e.getValue();
                return "Greylisted: '" + w.subject() + "' was deferred by transport rule " + number(w.entry()) + " ("
                        + w.reply() + "); it is tried again at " + w.retryAt();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ the decision (lock held)

    /**
     * The transport starts sending {@code job} of profile {@code p} (lock held): the first matching rule
     * decides. A failing rule sets the job's failure; a deferring or offline rule asks for the message to stay
     * queued (a 4xx one also sets the job's reply and retry time).
     */
    Send decide(SimProfile p, Spooler.InFlight job) {
        if (entries.isEmpty()) {
            return Send.NONE;
        }
        long n = ++sends;
        List<String> to = Recipients.addresses(job.msg.recipients());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            TransportRule r = e.rule();
            if (!r.matches(n, job.subject(), to)) {
                continue;
            }
            boolean once = r.action() == TransportRule.Action.OFFLINE || r.transient4xx();
            if (once && !fired.add(List.of(e.id(), job.msg.id()))) {
                continue;
            }
            String which = "transport rule " + (i + 1) + " (" + r + ")";
            LOG.info("{} applies to send {} of '{}'", which, n, job.subject());
            switch (r.action()) {
                case DELAY -> {
                    return new Send(r.millis(), false, -1, -1, 0);
                }
                case HANG -> {
                    job.heldBy = which; // the status row names the rule while it holds the message
                    job.heldByEntry = e.id();
                    held.add(job);
                    changed();
                    return new Send(-1, false, generation, e.id(), releases.getOrDefault(e.id(), 0L));
                }
                case FAIL -> {
                    job.failCode = r.hresult();
                    job.failReason = r.reason() != null ? r.reason() : which + " failed it";
                    return Send.NONE;
                }
                case SMTP -> {
                    if (r.transient4xx()) {
                        defer(p, job, e, i + 1);
                        return Send.requeued();
                    }
                    job.failCode = r.hresult();
                    job.failReason = "the server rejected it: " + r.reason();
                    return Send.NONE;
                }
                case OFFLINE -> {
                    startOffline(r.millis());
                    return Send.requeued();
                }
                default -> throw new IllegalStateException("unknown action " + r.action());
            }
        }
        return Send.NONE;
    }

    /** Whether a 4xx rule deferred {@code job}'s message before (its reply is on the message). */
    boolean deferredBefore(Spooler.InFlight job) {
        return deferredOnce.contains(job.msg.id());
    }

    private void defer(SimProfile p, Spooler.InFlight job, Entry e, int number) {
        TransportRule r = e.rule();
        long delay = r.millis();
        Instant at = Instant.now().plusMillis(delay);
        job.deferredReply = r.reason();
        job.retryAt = at;
        deferredOnce.add(job.msg.id());
        if (delay > 0) {
            long due = clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(delay);
            waits.put(new WaitKey(p, job.msg.id()), new Wait(e.id(), job.subject(), r.reason(), due, at));
            changed();
        }
        LOG.info(
                "transport rule {} ({}): '{}' deferred, the message stays queued and is tried again in {} ms: {}",
                number,
                r,
                job.subject(),
                delay,
                r.reason());
    }

    private void startOffline(long millis) {
        offline = true;
        offlineUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
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

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("a transport rule listener failed", e);
            }
        }
    }
}
