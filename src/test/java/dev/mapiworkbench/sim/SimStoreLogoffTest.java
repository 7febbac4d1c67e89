package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.RuleSwitches;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * IMsgStore::StoreLogoff and the hang reported without it. Flags: imsgstore-storelogoff.md (exactly one
 * input flag; LOGOFF_INBOUND / LOGOFF_OUTBOUND / LOGOFF_OUTBOUND_QUEUE on output) with the values of
 * MAPIDefS.h:2044-2053. Hang: pywin32 PR #2196 ("without properly shutting down the message store, session
 * logoff and mapi.MAPIUninitialize() might hang indefinitely"), behind {@code sim.storeLogoffHang}.
 */
class SimStoreLogoffTest {

    private SimRuntime rt;

    @AfterEach
    void tearDown() {
        if (rt != null) {
            rt.rules.applyRules(RuleSwitches.Settings.defaults());
            while (rt.diagnostics().initCount() > 0) {
                rt.mapiUninitialize();
            }
        }
    }

    private MapiSession logOn(Map<String, String> extra) {
        rt = SimFixture.initialized(extra);
        return SimFixture.logon(rt);
    }

    /** A session of a runtime with {@code sim.storeLogoffHang=true}. */
    private MapiSession logOnWithHang() {
        return logOn(Map.of(RuleSwitches.STORE_LOGOFF_HANG, "true"));
    }

    private RuleSwitches switches() {
        return rt.capability(RuleSwitches.class).orElseThrow();
    }

    @Test
    @DisplayName(
            "imsgstore-storelogoff.md: each input flag alone is accepted and an idle store reports LOGOFF_COMPLETE")
    void everyInputFlagAloneIsAccepted() {
        MapiSession s = logOn(Map.of());
        MsgStore store = SimFixture.openDefaultStore(s);
        for (int flag : new int[] {
            MapiFlags.LOGOFF_NO_WAIT,
            MapiFlags.LOGOFF_ORDERLY,
            MapiFlags.LOGOFF_PURGE,
            MapiFlags.LOGOFF_ABORT,
            MapiFlags.LOGOFF_QUIET
        }) {
            assertThat(store.storeLogoff(flag)).as(HResult.hex(flag)).isEqualTo(MapiFlags.LOGOFF_COMPLETE);
        }
        assertFails(
                HResult.MAPI_E_INVALID_PARAMETER,
                () -> store.storeLogoff(MapiFlags.LOGOFF_ORDERLY | MapiFlags.LOGOFF_QUIET));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> store.storeLogoff(MapiFlags.LOGOFF_INBOUND));
        store.release();
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    @DisplayName(
            "pywin32 PR #2196: with the switch on, Logoff blocks while a store was released without StoreLogoff, until released")
    void logoffBlocksUntilReleased() throws Exception {
        MapiSession s = logOnWithHang();
        SimFixture.openDefaultStore(s).release(); // released without StoreLogoff

        CompletableFuture<Void> logoff = CompletableFuture.runAsync(() -> s.logoff(0, 0, 0));
        awaitBlocked("IMAPISession::Logoff");
        assertThat(logoff).isNotDone();
        assertThat(switches().blockedCalls().get(0).reason())
                .contains("Mailbox - Test")
                .contains("StoreLogoff");
        assertThat(rt.diagnostics().faults())
                .extracting(SubsystemDiagnostics.Fault::id)
                .contains("hang-without-storelogoff");
        assertThat(rt.diagnostics().initCount())
                .as("the lock is not held while blocked")
                .isEqualTo(1);

        switches().releaseBlockedCalls();
        logoff.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(switches().blockedCalls()).isEmpty();
        s.release();
    }

    @Test
    @DisplayName("StoreLogoff before Release: Logoff does not block even with the switch on")
    void storeLogoffBeforeReleaseDoesNotBlock() throws Exception {
        MapiSession s = logOnWithHang();
        MsgStore store = SimFixture.openDefaultStore(s);
        assertThat(store.storeLogoff(MapiFlags.LOGOFF_NO_WAIT)).isEqualTo(MapiFlags.LOGOFF_COMPLETE);
        store.release();

        CompletableFuture.runAsync(() -> s.logoff(0, 0, 0)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(rt.diagnostics().faults())
                .extracting(SubsystemDiagnostics.Fault::id)
                .doesNotContain("hang-without-storelogoff");
        s.release();
    }

    @Test
    @DisplayName("pywin32 PR #2196: the last MAPIUninitialize blocks too when the session was never logged off")
    void lastMapiUninitializeBlocks() throws Exception {
        logOnWithHang();
        MapiSession s = rt.mapiLogonEx(0, "Test", null, MapiFlags.MAPI_EXTENDED);
        MsgStore store = SimFixture.openDefaultStore(s);
        store.release(); // and the session is never logged off: the last MAPIUninitialize ends it

        CompletableFuture<Void> uninit = CompletableFuture.runAsync(rt::mapiUninitialize);
        awaitBlocked("MAPIUninitialize");
        switches().applyRules(switches().ruleSettings().withStoreLogoffHang(false, null)); // turning it off releases
        uninit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(rt.diagnostics().initCount()).isZero();
    }

    @Test
    @DisplayName(
            "a blocked Logoff is abandoned by interrupting its thread: MAPI_E_CALL_FAILED, the process is not hung")
    void interruptAbandonsTheBlockedCall() throws Exception {
        MapiSession s = logOnWithHang();
        SimFixture.openDefaultStore(s).release();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        s.logoff(0, 0, 0);
                    } catch (MapiException e) {
                        failure.set(e);
                    }
                },
                "teardown-under-test");
        t.setDaemon(true);
        t.start();
        awaitBlocked("IMAPISession::Logoff");
        t.interrupt();
        t.join(WAIT.toMillis());
        assertThat(t.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(MapiException.class).hasMessageContaining("abandoned");
        assertThat(((MapiException) failure.get()).hresult()).isEqualTo(HResult.MAPI_E_CALL_FAILED);
        assertThat(switches().blockedCalls()).isEmpty();
        switches().applyRules(RuleSwitches.Settings.defaults());
        s.logoff(0, 0, 0); // still logged on: Logoff can be tried again once the hang is gone
        s.release();
    }

    @Test
    @DisplayName("sim.storeLogoffHang=<ms>: the hang ends by itself after that long")
    void aHangLimitEndsTheBlock() throws Exception {
        MapiSession s = logOn(Map.of(RuleSwitches.STORE_LOGOFF_HANG, "50"));
        assertThat(switches().ruleSettings().hangLimit()).isEqualTo(Duration.ofMillis(50));
        SimFixture.openDefaultStore(s).release();
        CompletableFuture.runAsync(() -> s.logoff(0, 0, 0)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(rt.diagnostics().faults())
                .extracting(SubsystemDiagnostics.Fault::id)
                .contains("hang-without-storelogoff");
        s.release();
    }

    @Test
    void badSwitchValuesAreRejectedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RuleSwitches.Settings.fromExtras(Map.of(RuleSwitches.STORE_LOGOFF_HANG, "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sim.storeLogoffHang=soon");
        RuleSwitches.Settings all = RuleSwitches.Settings.fromExtras(Map.of(
                RuleSwitches.STORE_LOGOFF_HANG,
                "true",
                RuleSwitches.FAST_SHUTDOWN,
                "disabled",
                RuleSwitches.LATE_NOTIFICATIONS,
                "true",
                RuleSwitches.THREAD_RULES,
                "strict"));
        assertThat(RuleSwitches.Settings.fromExtras(all.toExtras())).isEqualTo(all);
    }

    private void awaitBlocked(String api) throws InterruptedException, TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (switches().blockedCalls().stream().noneMatch(b -> b.api().equals(api))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(api + " did not block");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
