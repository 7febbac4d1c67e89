package dev.mapiworkbench.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Work the first teardown of a process would otherwise do while the tester watches, done instead once the window
 * is up and idle (issue 12, decision 0631): first {@code background} on a daemon thread of its own (class
 * initialisation: no FX thread involved), then each of {@code fxSteps} in a {@code runLater} of its own, each only
 * after the scene has had no pulse for {@link #IDLE_MILLIS} ms (an idle window has none, docs/performance.md) — so
 * it never runs inside the start-up, the logon's updates or a person's clicking. Gives up waiting for idle after
 * {@link #GIVE_UP_SECONDS} s and runs anyway. {@code -Dworkbench.warmup=false} switches it off (the probe's
 * comparison, {@code FirstTeardownProbe}).
 */
final class IdleWarmUp {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IdleWarmUp.class);

    /** Whether the warm-up runs: {@code -Dworkbench.warmup=false} switches it off. */
    static final boolean ENABLED = !"false".equals(System.getProperty("workbench.warmup"));

    /** A scene without a pulse this long is idle. */
    static final long IDLE_MILLIS = 250;

    /** The longest wait for an idle scene before each step. */
    static final long GIVE_UP_SECONDS = 20;

    private IdleWarmUp() {}

    /** Starts the warm-up; returns at once. Call on the FX thread. */
    static void start(Scene scene, Runnable background, List<Runnable> fxSteps) {
        if (!ENABLED) {
            return;
        }
        AtomicLong lastPulse = new AtomicLong(System.nanoTime());
        Runnable stamp = () -> lastPulse.set(System.nanoTime());
        scene.addPostLayoutPulseListener(stamp);
        Thread t = new Thread(
                () -> {
                    try {
                        waitIdle(lastPulse);
                        background.run();
                        for (Runnable step : fxSteps) {
                            waitIdle(lastPulse);
                            CompletableFuture<Void> ran = new CompletableFuture<>();
                            Platform.runLater(() -> {
                                try {
                                    step.run();
                                } finally {
                                    ran.complete(null);
                                }
                            });
                            ran.join();
                        }
                    } catch (RuntimeException | LinkageError e) {
                        // only a warm-up: the first teardown does the same work itself
                        LOG.warn("the idle-time warm-up failed", e);
                    } finally {
                        Platform.runLater(() -> scene.removePostLayoutPulseListener(stamp));
                    }
                },
                "idle-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the scene has had no pulse for {@link #IDLE_MILLIS}, at most {@link #GIVE_UP_SECONDS}. */
    private static void waitIdle(AtomicLong lastPulse) {
        long idle = TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        while (true) {
            long now = System.nanoTime();
            long quiet = now - lastPulse.get();
            if (quiet >= idle || now >= giveUp) {
                return;
            }
            LockSupport.parkNanos(idle - quiet);
        }
    }

    /** Initialises {@code classes} (their static set-up, e.g. an ObjectMapper) on the calling thread. */
    static void initialise(List<Class<?>> classes) {
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
