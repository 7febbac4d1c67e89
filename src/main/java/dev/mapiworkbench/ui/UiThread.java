package dev.mapiworkbench.ui;

/**
 * Where view-model callbacks run: the FX application thread in the app, the calling thread in
 * tests. Kept as an interface so that view models never touch {@code Platform} directly.
 */
@FunctionalInterface
public interface UiThread {

    /** Runs {@code action} later on the UI thread. */
    void runLater(Runnable action);

    /** The JavaFX application thread. */
    static UiThread fx() {
        return javafx.application.Platform::runLater;
    }

    /** Runs immediately on the calling thread (view-model tests). */
    static UiThread direct() {
        return Runnable::run;
    }
}
