package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.bench.BenchSupport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12: a window with thousands of open objects and nothing happening does not redraw. Pulses are
 * counted with the scene's post-layout pulse listener (it runs once per pulse and, unlike an
 * AnimationTimer, causes none). The idle check waits for a pulse and expects none to come (a wait
 * for an event that must not happen, ended early by the event); no timing is asserted.
 */
class IdleWindowPulseTest extends WindowTest {

    private static final int OBJECTS = 3_000;

    /** How long a window with nothing happening must stay without a pulse to count as idle. */
    private static final long QUIET_MILLIS = 1_500;

    private final AtomicLong pulses = new AtomicLong();
    private final AtomicReference<CountDownLatch> nextPulse = new AtomicReference<>(new CountDownLatch(1));

    @Test
    void aWindowShowingThousandsOfOpenObjectsStopsPulsingWhenNothingHappensAndPulsesAgainOnAChange(FxRobot robot)
            throws Exception {
        open();
        WaitForAsyncUtils.asyncFx(() -> wb.stage().getScene().addPostLayoutPulseListener(() -> {
                    pulses.incrementAndGet();
                    nextPulse.get().countDown();
                }))
                .get(TIMEOUT, TimeUnit.SECONDS);
        BenchSupport.fill(wb.client(), OBJECTS, "idle test buffer");
        int rows = wb.client().ledgerSnapshot().size();
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> wb.model().openObjects().size() == rows);
        assertThat(rows).isGreaterThan(OBJECTS);

        // the last snapshots land, then the window goes quiet: a window that kept redrawing (the
        // six pulses a second measured before) never gets a quiet spell and fails here
        assertThat(quietSpellWithin(TIMEOUT))
                .as("a spell of %d ms without a pulse", QUIET_MILLIS)
                .isTrue();
        long before = pulses.get();
        assertThat(noPulseFor(QUIET_MILLIS))
                .as("no pulse while nothing happens")
                .isTrue();
        assertThat(pulses.get()).isEqualTo(before);

        // a real change (one more object opened) is drawn: the counter sees pulses, so the quiet above
        // was the window's, not a listener that never ran
        CountDownLatch changed = armNextPulse();
        BenchSupport.fill(wb.client(), 1, "one more");
        int more = wb.client().ledgerSnapshot().size();
        assertThat(changed.await(TIMEOUT, TimeUnit.SECONDS))
                .as("a pulse after a change")
                .isTrue();
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> wb.model().openObjects().size() == more);
        assertThat(quietSpellWithin(TIMEOUT)).as("quiet again after the change").isTrue();
    }

    /** Waits up to {@code seconds} for a spell of {@link #QUIET_MILLIS} without a pulse. */
    private boolean quietSpellWithin(long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (noPulseFor(QUIET_MILLIS)) {
                return true;
            }
        }
        return false;
    }

    /** True when no pulse came within {@code millis} (returns false as soon as one comes). */
    private boolean noPulseFor(long millis) throws InterruptedException {
        return !armNextPulse().await(millis, TimeUnit.MILLISECONDS);
    }

    private CountDownLatch armNextPulse() {
        CountDownLatch latch = new CountDownLatch(1);
        nextPulse.set(latch);
        return latch;
    }
}
