package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.RuleSwitches;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.Fault;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per-thread MAPIInitialize bookkeeping. Stephen Griffin, "MAPI Multithreading Rules"
 * (https://blogs.msdn.microsoft.com/stephen_griffin/2004/09/24/mapi-multithreading-rules/): every thread
 * that uses MAPI calls MAPIInitialize (and MAPIUninitialize); a thread never uninitialises without having
 * initialised; without MAPI_MULTITHREAD_NOTIFICATIONS the first thread to initialise must uninitialise
 * last (MAPI's notification window lives on it; "Initializing MAPI" in the MAPI SDK: "if the thread
 * disappears, the notification window is destroyed"). Consequences behind {@code sim.threadRules=strict}.
 */
class SimThreadRulesTest {

    private final ExecutorService second = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "second-mapi-thread");
        t.setDaemon(true);
        return t;
    });
    private SimRuntime rt;

    @AfterEach
    void tearDown() {
        second.shutdownNow();
    }

    private <T> T onSecond(Supplier<T> work) throws Exception {
        return CompletableFuture.supplyAsync(work, second).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void strict(MapiInit init) {
        rt = SimFixture.memoryRuntime(TransportSettings.instant(), Map.of(RuleSwitches.THREAD_RULES, "strict"));
        rt.mapiInitialize(init);
    }

    @Test
    @DisplayName("Griffin rule 1: a thread that did not call MAPIInitialize gets MAPI_E_NOT_INITIALIZED")
    void aCallFromAnUninitialisedThreadFails() throws Exception {
        strict(MapiInit.multithreaded());
        MapiSession s = SimFixture.logon(rt);
        Throwable t = onSecond(() -> {
            try {
                s.getStatusTable(0);
                return null;
            } catch (MapiException e) {
                return e;
            }
        });
        assertThat(t).isInstanceOf(MapiException.class);
        assertThat(((MapiException) t).hresult()).isEqualTo(HResult.MAPI_E_NOT_INITIALIZED);
        String me = Thread.currentThread().getName();
        assertThat(onSecond(() -> {
                    rt.mapiInitialize(MapiInit.multithreaded());
                    s.getStatusTable(0).release();
                    rt.mapiUninitialize();
                    return rt.rules.threadInits();
                }))
                .extracting(RuleSwitches.ThreadInit::thread)
                .containsExactly(me, "second-mapi-thread");
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
    }

    @Test
    @DisplayName("Griffin rule 3: MAPIUninitialize on a thread that never initialised is a fault and does not count")
    void uninitializeWithoutInitializeDoesNotCount() throws Exception {
        strict(null);
        onSecond(() -> {
            rt.mapiUninitialize();
            return null;
        });
        assertThat(rt.diagnostics().initCount()).isEqualTo(1);
        assertThat(rt.diagnostics().faults())
                .extracting(Fault::id)
                .containsExactly("thread-uninitialize-without-initialize");
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().initCount()).isZero();
    }

    @Test
    @DisplayName(
            "Griffin rule 4: without MAPI_MULTITHREAD_NOTIFICATIONS the first thread uninitialising first ends notifications")
    void firstThreadGoingFirstEndsNotifications() throws Exception {
        strict(null); // MAPIInitialize(NULL): notifications on the first thread
        onSecond(() -> {
            rt.mapiInitialize(null);
            return null;
        });
        rt.mapiUninitialize(); // the first thread leaves while the second still uses MAPI
        assertThat(rt.diagnostics().faults()).extracting(Fault::id).containsExactly("first-thread-uninitialized-early");
        assertThat(rt.notifier.running()).isFalse();
        onSecond(() -> {
            rt.mapiUninitialize();
            return null;
        });
        assertThat(rt.diagnostics().initCount()).isZero();
    }

    @Test
    void withMultithreadNotificationsTheOrderDoesNotMatter() throws Exception {
        strict(MapiInit.multithreaded());
        onSecond(() -> {
            rt.mapiInitialize(MapiInit.multithreaded());
            return null;
        });
        rt.mapiUninitialize();
        assertThat(rt.notifier.running()).isTrue();
        onSecond(() -> {
            rt.mapiUninitialize();
            return null;
        });
        assertThat(rt.diagnostics().faults()).isEmpty();
        assertFails(HResult.MAPI_E_NOT_INITIALIZED, () -> rt.mapiAllocateBuffer(4));
    }
}
