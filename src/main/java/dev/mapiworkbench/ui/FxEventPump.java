package dev.mapiworkbench.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where backend events cross to the FX thread. Any thread may {@link #post} an
 * update; updates are queued and the pump schedules at most one {@link UiThread#runLater} at a time,
 * so a burst of ten thousand events costs one or a few pulses, not ten thousand runnables.
 * {@link #postLatest} coalesces by key: only the newest update for a key runs (for "refresh the
 * open-objects table" style updates that make older ones pointless).
 *
 * <p>A drain stops after {@link #frameBudgetNanos} and schedules itself again, so the FX thread
 * keeps painting during a flood.
 */
public final class FxEventPump {

    private static final Logger LOG = LoggerFactory.getLogger(FxEventPump.class);

    /** Default drain budget per pulse: 8 ms, half a 60 Hz frame. */
    public static final long DEFAULT_BUDGET_NANOS = 8_000_000L;

    private final UiThread uiThread;
    private final long frameBudgetNanos;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Map<Object, Runnable> latest = new LinkedHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong longestDrain = new AtomicLong();

    public FxEventPump(UiThread uiThread) {
        this(uiThread, DEFAULT_BUDGET_NANOS);
    }

    public FxEventPump(UiThread uiThread, long frameBudgetNanos) {
        this.uiThread = uiThread;
        this.frameBudgetNanos = frameBudgetNanos;
    }

    /** Queues an update; updates run in posting order on the UI thread. */
    public void post(Runnable update) {
        posted.incrementAndGet();
        queue.add(update);
        schedule();
    }

    /** Queues an update that replaces any not yet run update with the same key. */
    public void postLatest(Object key, Runnable update) {
        posted.incrementAndGet();
        synchronized (latest) {
            latest.remove(key);
            latest.put(key, update);
        }
        schedule();
    }

    /** How many updates were posted. */
    public long postedCount() {
        return posted.get();
    }

    /** How many times the pump ran on the UI thread (one runLater each). */
    public long batchCount() {
        return batches.get();
    }

    /** The longest single drain on the UI thread, in nanoseconds (the probe reads it); resets it. */
    public long takeLongestDrainNanos() {
        return longestDrain.getAndSet(0);
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            uiThread.runLater(this::drain);
        }
    }

    private void drain() {
        batches.incrementAndGet();
        scheduled.set(false);
        long start = System.nanoTime();
        try {
            drainFrom(start);
        } finally {
            longestDrain.accumulateAndGet(System.nanoTime() - start, Math::max);
        }
    }

    private void drainFrom(long start) {
        Runnable update;
        while ((update = queue.poll()) != null) {
            runSafely(update);
            if (System.nanoTime() - start > frameBudgetNanos && !queue.isEmpty()) {
                schedule();
                return;
            }
        }
        Runnable[] keyed;
        synchronized (latest) {
            keyed = latest.values().toArray(new Runnable[0]);
            latest.clear();
        }
        for (Runnable r : keyed) {
            runSafely(r);
        }
    }

    private static void runSafely(Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            LOG.error("UI update failed", e);
        }
    }
}
