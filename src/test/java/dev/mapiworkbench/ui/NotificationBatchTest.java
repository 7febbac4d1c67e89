package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * Decision 0861: a draining Outbox sends four notifications per message; they reach the window's notification log
 * in batches, one list change per batch, not an update and two list changes per line. No FX toolkit: the pump runs
 * on a UI thread the test pulses.
 */
class NotificationBatchTest {

    private final AtomicReference<SessionGateway.Listener> listener = new AtomicReference<>();
    private final FxEventPumpTest.ManualUiThread ui = new FxEventPumpTest.ManualUiThread();
    private final FxEventPump pump = new FxEventPump(ui);

    /**
     * Waits (at most 10 s) for the batch to reach the pump, then pulses until nothing is scheduled (a pump update
     * may schedule the next).
     */
    private void pulseUntilIdle() {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (ui.scheduled.isEmpty() && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        while (!ui.scheduled.isEmpty()) {
            ui.pulse();
        }
    }

    private MainViewModel model() {
        SessionGateway gateway = (SessionGateway) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SessionGateway.class}, (proxy, m, args) -> {
                    return switch (m.getName()) {
                        case "setListener" -> {
                            listener.set((SessionGateway.Listener) args[0]);
                            yield null;
                        }
                        case "backendName" -> "Scripted";
                        case "transportSettings", "historyDir" -> Optional.empty();
                        case "isLoggedOn", "isSharedAndOwned" -> false;
                        default -> null;
                    };
                });
        DialogService dialogs = (DialogService) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DialogService.class},
                (proxy, m, args) -> m.getReturnType() == Optional.class ? Optional.empty() : null);
        return new MainViewModel(gateway, BackgroundExecutor.sameThread(), dialogs, UiThread.direct(), pump);
    }

    @Test
    void aFloodOfNotificationsReachesTheLogAsOneChangeWithTheNewestLinesInOrder() {
        MainViewModel vm = model();
        List<ListChangeListener.Change<? extends String>> changes = new ArrayList<>();
        vm.notifications().addListener((ListChangeListener<String>) changes::add);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            listener.get().notification("Outbox contents table  fnevTableModified/TABLE_ROW_DELETED  #" + i);
        }
        pulseUntilIdle();
        long posted = pump.postedCount();

        assertThat(posted).as("pump updates for %d notifications", n).isLessThanOrEqualTo(1);
        assertThat(changes).as("list changes for %d notifications", n).hasSizeLessThanOrEqualTo(2);
        List<String> lines = List.copyOf(vm.notifications());
        assertThat(lines).hasSize(MainViewModel.LOG_LIMIT);
        for (int k = 0; k < lines.size(); k++) {
            assertThat(lines.get(k))
                    .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d  Outbox contents table  .*")
                    .endsWith("#" + (n - MainViewModel.LOG_LIMIT + k));
        }
    }

    @Test
    void aLineTheWindowAddsAndACriticalErrorComeAfterTheNotificationsBeforeThem() {
        MainViewModel vm = model();
        listener.get().notification("first");
        listener.get().notification("second");
        vm.note("a line of the window's own");
        listener.get().notification("session  fnevCriticalError  MAPI_E_END_OF_SESSION");
        listener.get().criticalError("MAPI_E_END_OF_SESSION");
        listener.get().notification("after");
        pulseUntilIdle();

        assertThat(vm.notifications().stream().map(l -> l.substring(14)).toList())
                .containsExactly(
                        "first",
                        "second",
                        "a line of the window's own",
                        "session  fnevCriticalError  MAPI_E_END_OF_SESSION",
                        "fnevCriticalError: MAPI_E_END_OF_SESSION",
                        "after");
    }

    @Test
    void batchesKeepTheLimitAcrossFlushes() {
        MainViewModel vm = model();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 700; i++) {
                listener.get().notification("r" + round + " " + i);
            }
            pulseUntilIdle();
        }
        List<String> lines = List.copyOf(vm.notifications());
        assertThat(lines).hasSize(MainViewModel.LOG_LIMIT);
        assertThat(lines.get(0)).endsWith("r2 100");
        assertThat(lines.get(lines.size() - 1)).endsWith("r4 699");
    }
}
