package dev.mapiworkbench.ui;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.function.Consumer;

/**
 * Session events from any thread → the pump: snapshots folded into the newest (their Outbox deltas merged,
 * {@link OutboxQueueModel#merged}), notifications in order, and fnevCriticalError (logged, then the
 * no-UI teardown while a session is open).
 */
final class PumpedSessionListener implements SessionGateway.Listener {

    private final FxEventPump pump;
    private final ViewModelContext ctx;
    private final Consumer<String> onCriticalError;

    /** The snapshots not yet applied, folded into one (guarded by this listener). */
    @GuardedBy("this")
    private Snapshot waiting;

    /** {@code onCriticalError} runs on the UI thread while a session is open and not ending, with the reason. */
    PumpedSessionListener(FxEventPump pump, ViewModelContext ctx, Consumer<String> onCriticalError) {
        this.pump = pump;
        this.ctx = ctx;
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
        pump.post(() -> ctx.log(line));
    }

    @Override
    public void criticalError(String reason) {
        pump.post(() -> {
            ctx.log("fnevCriticalError: " + reason);
            if (ctx.sessionOn()) {
                onCriticalError.accept(reason);
            }
        });
    }
}
