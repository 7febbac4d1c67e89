package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.Notification;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one notification thread (docs/decisions/0011-notification-threading.md). Started by
 * the first MAPIInitialize, ended by the last MAPIUninitialize after it has delivered what was
 * already queued. {@link #post} never blocks, so it may be called while holding the simulator's
 * lock; sinks always run on this thread, never under a simulator lock.
 */
final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final AtomicInteger GENERATION = new AtomicInteger();

    private volatile ExecutorService executor;
    private volatile Thread thread;

    void start() {
        int n = GENERATION.incrementAndGet();
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sim-mapi-notify-" + n);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    void stop() {
        ExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdown();
        }
    }

    boolean running() {
        return executor != null;
    }

    boolean isNotificationThread() {
        return Thread.currentThread() == thread;
    }

    /** Queues one OnNotify call. Dropped (and logged) when no notification thread runs. */
    void post(AdviseSink sink, List<Notification> notifications) {
        ExecutorService e = executor;
        if (e == null) {
            LOG.debug("notification dropped, MAPI not initialised: {}", notifications);
            return;
        }
        try {
            e.execute(() -> {
                try {
                    sink.onNotify(notifications);
                } catch (RuntimeException ex) {
                    LOG.warn("an advise sink threw from OnNotify; ignored as MAPI ignores the ULONG result", ex);
                }
            });
        } catch (RejectedExecutionException ex) {
            LOG.debug("notification dropped, notification thread ending: {}", notifications);
        }
    }

    /** Waits until everything posted before this call has been delivered. False on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        ExecutorService e = executor;
        if (e == null || isNotificationThread()) {
            return true;
        }
        CountDownLatch latch = new CountDownLatch(1);
        try {
            e.execute(latch::countDown);
        } catch (RejectedExecutionException ex) {
            return e.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
