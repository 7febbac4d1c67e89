package dev.mapiworkbench.client;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread ({@code client-outbox-refresh}) at most, ending after a second without work, so a
 * client that is never shut down (or a JVM running many logon/teardown cycles) keeps no thread alive.
 */
final class BackgroundRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRefresher.class);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final ExecutorService pool;

    BackgroundRefresher() {
        ThreadPoolExecutor p =
                new ThreadPoolExecutor(1, 1, IDLE.toMillis(), TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "client-outbox-refresh");
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        this.pool = p;
    }

    /** Runs {@code work} on the thread, unless shut down. */
    void schedule(Runnable work) {
        if (!pool.isShutdown()) {
            try {
                pool.execute(work);
            } catch (RejectedExecutionException e) {
                LOG.debug("refresh rejected", e);
            }
        }
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
