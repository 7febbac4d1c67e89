package dev.mapiworkbench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackgroundExecutor} on a small pool of daemon threads named {@code workbench-bg-N}; the
 * callbacks cross to the UI thread through {@link UiThread}. Work submitted after {@link #close()} (the
 * window is closing: an event already queued on the FX thread, such as the logon that follows the first
 * frame, runs after {@code Application.stop}) is dropped with a debug line: nothing would show its result,
 * and the client it would call is shut down.
 */
public final class ThreadBackgroundExecutor implements BackgroundExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadBackgroundExecutor.class);

    private final ExecutorService pool;
    private final UiThread uiThread;

    public ThreadBackgroundExecutor(UiThread uiThread) {
        this.uiThread = uiThread;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "workbench-bg-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> void submit(
            String name, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            pool.execute(task(name, work, onSuccess, onFailure));
        } catch (RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                throw e;
            }
            LOG.debug("background task '{}' dropped: the executor is closed (the window is closing)", name);
        }
    }

    private <T> Runnable task(
            String name, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        return () -> {
            try {
                T result = work.call();
                uiThread.runLater(() -> onSuccess.accept(result));
            } catch (Exception | Error e) {
                LOG.debug("background task '{}' failed", name, e);
                uiThread.runLater(() -> onFailure.accept(e));
            }
        };
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    /**
     * After {@link #close()}: waits up to {@code timeout} for the work running then (the Notes tab's writes into
     * the profile, a screenshot being saved) to end; false if some is still running. Its callbacks may still be
     * queued on the UI thread.
     */
    public boolean awaitClosed(java.time.Duration timeout) {
        try {
            return pool.awaitTermination(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
