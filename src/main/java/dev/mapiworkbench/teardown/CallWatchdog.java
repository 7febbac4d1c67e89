package dev.mapiworkbench.teardown;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends a run whose call never returns, for callers with nobody to press Abandon (the headless command, a
 * replay; decision 0310). Give it every event of the run ({@link #onEvent}, e.g. from a wrapping
 * listener) and the run's handle ({@link #watch}); when a call has been in progress for the limit, the
 * run is {@linkplain Teardown#abandon() abandoned}: the blocked step ends {@code abandoned} with a reason
 * naming the call, the step and the time, and {@link #blocker()} says what gave up and why. A limit of
 * zero or less watches nothing. Thread-safe; its timer is one daemon thread, stopped by {@link #close()}.
 */
public final class CallWatchdog implements TeardownListener, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallWatchdog.class);

    private final Duration limit;
    private final String limitName;
    private final CompletableFuture<Teardown> run = new CompletableFuture<>();
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();

    /** Counts calls started: a timer task only fires for the call it was scheduled for. */
    private long generation;

    private ScheduledFuture<?> pending;
    private volatile String blocker;

    /**
     * @param limit     how long one call may stay in progress
     * @param limitName how the limit is named in {@link #blocker()} (the option that sets it, e.g. {@code --call-timeout 300})
     */
    public CallWatchdog(Duration limit, String limitName) {
        this.limit = limit;
        this.limitName = limitName;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "teardown-call-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /** The run to abandon when a call blocks (events may arrive before it is known). */
    public void watch(Teardown teardown) {
        run.complete(teardown);
    }

    /** Why the watchdog abandoned the run (the call, the step and the limit), or null when it did not. */
    public String blocker() {
        return blocker;
    }

    @Override
    public void onEvent(TeardownEvent event) {
        if (event instanceof TeardownEvent.CallStarted c) {
            started(c);
        } else if (event instanceof TeardownEvent.CallMade
                || event instanceof TeardownEvent.StepFinished
                || event instanceof TeardownEvent.Finished) {
            cancelPending();
        }
    }

    private void started(TeardownEvent.CallStarted c) {
        if (limit.isZero() || limit.isNegative()) {
            return;
        }
        synchronized (lock) {
            if (pending != null) {
                pending.cancel(false);
            }
            long mine = ++generation;
            String what = c.call() + " (step " + c.stepIndex() + " '" + c.step().title() + "')";
            pending = timer.schedule(() -> fire(mine, what), limit.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelPending() {
        synchronized (lock) {
            generation++;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
        }
    }

    private void fire(long mine, String what) {
        synchronized (lock) {
            if (mine != generation) {
                return; // the call returned meanwhile
            }
            pending = null;
        }
        String why = what + " did not return within " + limitName;
        // the handle may not be known yet when the very first call blocks: abandon once it is
        CompletableFuture<Void> unused = run.thenAccept(t -> {
            blocker = why; // before abandon(): its result completes on another thread, which may read this
            if (t.abandon("given up by the call watchdog (" + limitName + ")")) {
                LOG.info("abandoned the teardown: {}", why);
            } else {
                blocker = null;
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
