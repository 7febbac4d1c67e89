package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class FxEventPumpTest {

    /** A UI thread that only runs what was scheduled when the test says so (one "pulse"). */
    static final class ManualUiThread implements UiThread {
        final Queue<Runnable> scheduled = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void runLater(Runnable action) {
            scheduled.add(action);
        }

        void pulse() {
            int n = scheduled.size();
            for (int i = 0; i < n; i++) {
                scheduled.poll().run();
            }
        }
    }

    @Test
    void aBurstOfTenThousandEventsSchedulesOneRunLater() {
        ManualUiThread ui = new ManualUiThread();
        FxEventPump pump = new FxEventPump(ui, Long.MAX_VALUE);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            pump.post(() -> seen.add(n));
        }
        assertThat(ui.scheduled).hasSize(1);
        ui.pulse();
        assertThat(seen).hasSize(10_000);
        assertThat(seen.get(0)).isZero();
        assertThat(seen.get(9_999)).isEqualTo(9_999);
        assertThat(pump.batchCount()).isEqualTo(1);
        assertThat(pump.postedCount()).isEqualTo(10_000);
    }

    @Test
    void postLatestKeepsOnlyTheNewestUpdatePerKey() {
        ManualUiThread ui = new ManualUiThread();
        FxEventPump pump = new FxEventPump(ui);
        List<String> seen = new ArrayList<>();
        pump.postLatest("snapshot", () -> seen.add("old"));
        pump.postLatest("snapshot", () -> seen.add("new"));
        pump.postLatest("other", () -> seen.add("other"));
        ui.pulse();
        assertThat(seen).containsExactly("new", "other");
    }

    @Test
    void aDrainOverItsBudgetYieldsAndContinuesOnTheNextPulse() {
        ManualUiThread ui = new ManualUiThread();
        FxEventPump pump = new FxEventPump(ui, 0); // every update exceeds a zero budget
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            pump.post(() -> seen.add(n));
        }
        ui.pulse();
        assertThat(seen).containsExactly(0);
        ui.pulse();
        ui.pulse();
        assertThat(seen).containsExactly(0, 1, 2);
    }

    @Test
    void anUpdateThatThrowsDoesNotStopTheOthers() {
        ManualUiThread ui = new ManualUiThread();
        FxEventPump pump = new FxEventPump(ui);
        List<String> seen = new ArrayList<>();
        pump.post(() -> {
            throw new IllegalStateException("boom");
        });
        pump.post(() -> seen.add("after"));
        while (!ui.scheduled.isEmpty()) {
            ui.pulse();
        }
        assertThat(seen).containsExactly("after");
    }
}
