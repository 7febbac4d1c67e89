package dev.mapiworkbench.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the UI runs work off the FX thread. The work runs on a background thread; exactly
 * one of the callbacks then runs on the {@link UiThread}. Tests use {@link #sameThread()}.
 */
public interface BackgroundExecutor extends AutoCloseable {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI
     * thread. {@code name} appears in the log when the work fails. After {@link #close()} the work is
     * dropped (neither it nor a callback runs) and a debug line names it.
     */
    <T> void submit(
            String name, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Stops accepting work; running work finishes. */
    @Override
    void close();

    /** Runs the work and its callback on the calling thread (view-model tests). */
    static BackgroundExecutor sameThread() {
        return new BackgroundExecutor() {
            @Override
            public <T> void submit(
                    String name,
                    Callable<T> work,
                    Consumer<? super T> onSuccess,
                    Consumer<? super Throwable> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void close() {
                // nothing to stop
            }
        };
    }
}
