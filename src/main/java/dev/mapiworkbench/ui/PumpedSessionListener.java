package dev.mapiworkbench.ui;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Session events from any thread → the pump: snapshots folded into the newest (their Outbox deltas merged,
 * {@link OutboxQueueModel#merged}), notifications in order and in batches (a draining Outbox sends four per
 * message: they wait in the {@link NotificationLines} up to {@value #BATCH_MILLIS} ms, and one pump update adds
 * all that arrived meanwhile, decision 0861), and fnevCriticalError (logged after the notifications before it, then the no-UI teardown while a
 * session is open).
 */
final class PumpedSessionListener implements SessionGateway.Listener {

    /** How long a notification line waits for those that follow it before they go to the log together. */
    static final long BATCH_MILLIS = 20;

    /** Schedules the batches of every window (one daemon thread). */
    private static final ScheduledExecutorService BATCHES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workbench-log-batches");
        t.setDaemon(true);
        return t;
    });

    private final FxEventPump pump;
    private final ViewModelContext ctx;
    private final NotificationLines lines;
    private final Consumer<String> onCriticalError;

    /** The snapshots not yet applied, folded into one (guarded by this listener). */
    @GuardedBy("this")
    private Snapshot waiting;

    /**
     * {@code lines}: the notification log the notifications go to; {@code onCriticalError} runs on the UI thread
     * while a session is open and not ending, with the reason.
     */
    PumpedSessionListener(
            FxEventPump pump, ViewModelContext ctx, NotificationLines lines, Consumer<String> onCriticalError) {
        this.pump = pump;
        this.ctx = ctx;
        this.lines = lines;
        this.onCriticalError = onCriticalError;
    }

    @Override
    public void snapshot(Snapshot snapshot) {
        synchronized (this) {
            waiting = OutboxQueueModel.merged(waiting, snapshot);
        }
        pump.postLatest("snapshot", this::applyWaiting);
    }

    private void applyWaiting() {
        Snapshot s;
        synchronized (this) {
            s = waiting;
            waiting = null;
        }
        if (s != null) {
            ctx.apply(s);
        }
    }

    @Override
    public void notification(String line) {
        if (lines.offer(line)) {
            // the first line waiting: the lines of the next BATCH_MILLIS go with it, in one pump update (a
            // Platform.runLater per line was most of the notification thread's time while the Outbox drained)
            ScheduledFuture<?> unused =
                    BATCHES.schedule(() -> pump.postLatest(lines, lines::flush), BATCH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void criticalError(String reason) {
        lines.offer("fnevCriticalError: " + reason); // in its place among the notifications
        pump.post(() -> {
            lines.flush();
            if (ctx.sessionOn()) {
                onCriticalError.accept(reason);
            }
        });
    }
}
