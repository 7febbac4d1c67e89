package dev.mapiworkbench.app;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action after {@link #request()}, coalesced: a burst of requests costs one run, a request made
 * while the action runs costs exactly one more run after it, and runs start at least {@code intervalNanos}
 * apart. Never more than one run at a time. The gateway uses it so that a 10k-object teardown (10k ledger
 * changes) rebuilds the window's snapshot a few times per second, not 10k times.
 */
final class Throttle {

    private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

    /** Where runs are scheduled: a delay in nanoseconds, then the task. */
    @FunctionalInterface
    interface Scheduler {
        /**
         * Runs {@code task} after {@code delayNanos}.
         *
         * @throws RejectedExecutionException when the scheduler is closed (the request is then dropped)
         */
        void schedule(Runnable task, long delayNanos);

        /** On an executor; the task reports its own failures, so its future is not kept. */
        static Scheduler of(ScheduledExecutorService executor) {
            return (task, delay) -> {
                ScheduledFuture<?> unused = executor.schedule(task, delay, TimeUnit.NANOSECONDS);
            };
        }
    }

    private final Scheduler scheduler;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Runnable action;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastRun;

    /**
     * @param scheduler     runs the action (one thread is enough: runs never overlap)
     * @param intervalNanos the least time between the starts of two runs
     * @param clock         nanoseconds, as {@link System#nanoTime()}
     * @param action        what to run; an exception it throws is logged and does not stop later runs
     */
    Throttle(Scheduler scheduler, long intervalNanos, LongSupplier clock, Runnable action) {
        this.scheduler = scheduler;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.action = action;
        this.lastRun = clock.getAsLong() - intervalNanos;
    }

    /** Asks for a run; returns at once. Any thread. */
    void request() {
        dirty.set(true);
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastRun + intervalNanos - clock.getAsLong());
            try {
                scheduler.schedule(this::run, wait);
            } catch (RejectedExecutionException closed) {
                scheduled.set(false);
            }
        }
    }

    private void run() {
        try {
            dirty.set(false);
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("a throttled run failed", e);
        } finally {
            lastRun = clock.getAsLong();
            scheduled.set(false);
            if (dirty.get()) {
                request();
            }
        }
    }
}
