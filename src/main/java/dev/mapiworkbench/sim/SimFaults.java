package dev.mapiworkbench.sim;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.MapiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's fault injector (decision 0170). Every simulated MAPI call asks {@link #before}
 * first, <b>without</b> the runtime lock held, so a blocked call never stops the rest of the
 * subsystem (the spooler, the notification thread, other sessions) — which is what a provider that
 * hangs in one call does to a real client. It has its own lock; the fast path with no fault in force
 * is one volatile read.
 */
final class SimFaults implements FaultControl {

    private static final Logger LOG = LoggerFactory.getLogger(SimFaults.class);

    /** What the caller must do besides running the call. */
    enum Effect {
        NONE,
        LEAK,
        LATE_NOTIFY,
        CRITICAL_ERROR
    }

    private static final class Entry {
        final long id;
        final FaultSpec spec;
        long matched;
        long fired;
        long releases;
        final List<BlockedCall> blocked = new ArrayList<>();

        Entry(long id, FaultSpec spec) {
            this.id = id;
            this.spec = spec;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    @GuardedBy("lock")
    private final List<Entry> entries = new ArrayList<>();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean any;

    @GuardedBy("lock")
    private long nextId = 1;

    /**
     * Applies the faults in force to one call. Throws the injected HRESULT, blocks, or returns the
     * effect the caller applies. Must be called without the runtime lock.
     *
     * @param api    {@code IMsgStore::Release}, {@code MAPIUninitialize} …
     * @param target the object's display name, or null for functions
     * @param handle the object's handle, or 0
     */
    Effect before(String api, String target, long handle) {
        if (!any) {
            return Effect.NONE;
        }
        Entry hit = null;
        lock.lock();
        try {
            for (Entry e : entries) {
                if (e.spec.matchesApi(api) && e.spec.matchesObject(target, handle)) {
                    e.matched++;
                    if (hit == null && e.spec.hits(e.matched)) {
                        hit = e;
                        e.fired++;
                    }
                }
            }
            if (hit == null) {
                return Effect.NONE;
            }
            if (hit.spec.action() == FaultSpec.Action.BLOCK) {
                block(hit, api, target);
                return Effect.NONE;
            }
        } finally {
            lock.unlock();
            // listeners outside the lock
        }
        fire();
        LOG.info("injected fault #{} {} hit {}{}", hit.id, hit.spec, api, target == null ? "" : " on " + target);
        return switch (hit.spec.action()) {
            case FAIL ->
                throw new MapiException(hit.spec.hresult(), api, "injected fault #" + hit.id + " (" + hit.spec + ")");
            case LEAK -> Effect.LEAK;
            case LATE_NOTIFY -> Effect.LATE_NOTIFY;
            case CRITICAL_ERROR -> Effect.CRITICAL_ERROR;
            case BLOCK -> Effect.NONE;
        };
    }

    /** Lock held: waits until the fault is released or removed (or its time is up). */
    @GuardedBy("lock")
    private void block(Entry e, String api, String target) {
        BlockedCall call = new BlockedCall(api, target, Thread.currentThread().getName(), Instant.now());
        e.blocked.add(call);
        long releasesAtStart = e.releases;
        LOG.info("injected fault #{} {} blocks {}{}", e.id, e.spec, api, target == null ? "" : " on " + target);
        lock.unlock();
        try {
            fire();
        } finally {
            lock.lock();
        }
        try {
            long deadline = e.spec.blockMillis() > 0
                    ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(e.spec.blockMillis())
                    : Long.MAX_VALUE;
            while (e.releases == releasesAtStart && entries.contains(e)) {
                if (deadline == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            LOG.info("a call blocked by fault #{} was interrupted; it runs now", e.id);
        } finally {
            e.blocked.remove(call);
        }
        lock.unlock();
        try {
            fire();
        } finally {
            lock.lock();
        }
    }

    @Override
    public long add(FaultSpec spec) {
        long id;
        lock.lock();
        try {
            id = nextId++;
            entries.add(new Entry(id, spec));
            any = true;
        } finally {
            lock.unlock();
        }
        LOG.info("fault #{} added: {}", id, spec);
        fire();
        return id;
    }

    @Override
    public boolean remove(long id) {
        boolean removed;
        lock.lock();
        try {
            removed = entries.removeIf(e -> e.id == id);
            any = !entries.isEmpty();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (removed) {
            LOG.info("fault #{} removed", id);
            fire();
        }
        return removed;
    }

    @Override
    public boolean release(long id) {
        boolean found = false;
        lock.lock();
        try {
            for (Entry e : entries) {
                if (e.id == id) {
                    e.releases++;
                    found = true;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (found) {
            LOG.info("fault #{} released", id);
            fire();
        }
        return found;
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            entries.clear();
            any = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        fire();
    }

    @Override
    public List<ActiveFault> faults() {
        lock.lock();
        try {
            List<ActiveFault> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                out.add(new ActiveFault(e.id, e.spec, e.matched, e.fired, e.blocked));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException ex) {
                LOG.warn("a fault listener failed", ex);
            }
        }
    }
}
