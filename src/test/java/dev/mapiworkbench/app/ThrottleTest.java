package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The snapshot throttle, on a hand-driven scheduler and clock: no threads, no timing. */
class ThrottleTest {

    private static final long INTERVAL = 100;

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private boolean closed;

    private final Throttle.Scheduler scheduler = (task, delay) -> {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        tasks.add(task);
        delays.add(delay);
    };

    private Throttle throttle(Runnable action) {
        return new Throttle(scheduler, INTERVAL, clock::get, action);
    }

    private void runNext() {
        tasks.remove(0).run();
    }

    @Test
    void aBurstOfRequestsCostsOneRunAndTheFirstRunsAtOnce() {
        Throttle t = throttle(runs::incrementAndGet);
        for (int i = 0; i < 1000; i++) {
            t.request();
        }
        assertThat(tasks).hasSize(1);
        assertThat(delays).containsExactly(0L);
        runNext();
        assertThat(runs).hasValue(1);
        assertThat(tasks).isEmpty();
    }

    @Test
    void runsStartAtLeastTheIntervalApart() {
        Throttle t = throttle(runs::incrementAndGet);
        t.request();
        runNext();
        clock.addAndGet(30);
        t.request();
        assertThat(delays).containsExactly(0L, INTERVAL - 30);
        clock.addAndGet(INTERVAL);
        runNext();
        t.request();
        assertThat(delays.get(2)).isEqualTo(INTERVAL);
    }

    @Test
    void aRequestDuringARunCostsExactlyOneMoreRun() {
        AtomicInteger during = new AtomicInteger();
        Throttle[] t = new Throttle[1];
        t[0] = throttle(() -> {
            runs.incrementAndGet();
            if (during.getAndIncrement() == 0) {
                t[0].request();
                t[0].request();
            }
        });
        t[0].request();
        runNext();
        assertThat(tasks).hasSize(1);
        runNext();
        assertThat(runs).hasValue(2);
        assertThat(tasks).isEmpty();
    }

    @Test
    void aFailingActionDoesNotStopLaterRuns() {
        Throttle t = throttle(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        t.request();
        runNext();
        t.request();
        runNext();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aClosedSchedulerDropsTheRequestAndTheNextOneTriesAgain() {
        Throttle t = throttle(runs::incrementAndGet);
        closed = true;
        t.request();
        assertThat(tasks).isEmpty();
        closed = false;
        t.request();
        assertThat(tasks).hasSize(1);
    }
}
