package dev.mapiworkbench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackgroundExecutor} on a small pool of daemon threads named {@code workbench-bg-N}; the
 * callbacks cross to the UI thread through {@link UiThread}.
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
        pool.execute(() -> {
            try {
                T result = work.call();
                uiThread.runLater(() -> onSuccess.accept(result));
            } catch (Exception | Error e) {
                LOG.debug("background task '{}' failed", name, e);
                uiThread.runLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
