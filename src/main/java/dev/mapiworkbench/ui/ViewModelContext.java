package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;

/**
 * What the main window's view-models share (they are parts of {@link MainViewModel}): the backend, the
 * background executor, the dialogs, where a fresh snapshot goes, the notification log, and whether a
 * session is open or ending.
 */
record ViewModelContext(
        SessionGateway gateway,
        BackgroundExecutor executor,
        DialogService dialogs,
        Consumer<Snapshot> apply,
        Consumer<String> log,
        ObservableBooleanValue loggedOn,
        ObservableBooleanValue tearingDown) {

    /** One line in the notification log. */
    void log(String line) {
        log.accept(line);
    }

    /** Applies a snapshot to the window's lists (UI thread). */
    void apply(Snapshot snapshot) {
        apply.accept(snapshot);
    }

    /** True while a session is open and not being torn down: the session actions are on. */
    boolean sessionOn() {
        return loggedOn.get() && !tearingDown.get();
    }
}
