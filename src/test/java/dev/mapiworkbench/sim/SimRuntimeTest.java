package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBackend;
import dev.mapiworkbench.mapi.MapiBackends;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.Fault;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runtime functions: MAPIInitialize count, OLE and MAPI util ordering, the backend SPI. */
class SimRuntimeTest {

    private final SimRuntime rt = SimFixture.memoryRuntime(TransportSettings.instant());

    @Test
    @DisplayName("§1.1 mapiinitialize.md: calls before MAPIInitialize fail MAPI_E_NOT_INITIALIZED")
    void callsBeforeInitializeFail() {
        assertFails(HResult.MAPI_E_NOT_INITIALIZED, () -> rt.mapiLogonEx(0, "Test", null, 0));
        assertFails(HResult.MAPI_E_NOT_INITIALIZED, () -> rt.mapiAllocateBuffer(8));
        assertThat(rt.diagnostics().initCount()).isZero();
    }

    @Test
    @DisplayName("§1.1 MAPIInitialize/MAPIUninitialize are reference counted")
    void initializeIsReferenceCounted() {
        rt.mapiInitialize(MapiInit.multithreaded());
        rt.mapiInitialize(null);
        assertThat(rt.diagnostics().initCount()).isEqualTo(2);
        rt.mapiUninitialize();
        MapiSession s = rt.mapiLogonEx(0, "Test", null, 0);
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().initCount()).isZero();
        assertFails(HResult.MAPI_E_NOT_INITIALIZED, () -> rt.mapiLogonEx(0, "Test", null, 0));
        assertThat(rt.diagnostics().faults()).isEmpty();
    }

    @Test
    @DisplayName(
            "§2.1 MAPIINIT_0: a version other than MAPI_INIT_VERSION fails MAPI_E_VERSION, unknown flags MAPI_E_UNKNOWN_FLAGS")
    void initValidatesMapiInit0() {
        assertFails(HResult.MAPI_E_VERSION, () -> rt.mapiInitialize(new MapiInit(1, 0)));
        assertFails(HResult.MAPI_E_UNKNOWN_FLAGS, () -> rt.mapiInitialize(new MapiInit(0, 0x40)));
        assertThat(rt.diagnostics().initCount()).isZero();
    }

    @Test
    @DisplayName("§5.3-7 an unbalanced MAPIUninitialize is a non-fatal fault, not a crash")
    void unbalancedUninitializeIsAFault() {
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().faults()).extracting(Fault::id).containsExactly("uninitialize-unbalanced");
        assertThat(rt.diagnostics().faults().get(0).fatal()).isFalse();
    }

    @Test
    @DisplayName(
            "§1.1 step 7: OleUninitialize after the last MAPIUninitialize is a fatal 'ungraceful-termination' fault")
    void oleUninitializeAfterMapiUninitializeIsUngraceful() {
        assertThat(rt.oleInitialize()).isEqualTo(HResult.S_OK);
        rt.mapiInitialize(MapiInit.multithreaded());
        rt.mapiUninitialize();
        rt.oleUninitialize();
        assertThat(rt.diagnostics().faults()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("ungraceful-termination");
            assertThat(f.fatal()).isTrue();
        });
        // the process survives: MAPI can be used again
        rt.mapiInitialize(null);
        assertThat(rt.diagnostics().initCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("§1.1 steps 6-7: OleUninitialize before MAPIUninitialize is clean; OleInitialize twice gives S_FALSE")
    void oleUninitializeBeforeMapiUninitializeIsClean() {
        assertThat(rt.oleInitialize()).isEqualTo(HResult.S_OK);
        assertThat(rt.oleInitialize()).isEqualTo(HResult.S_FALSE);
        rt.mapiInitialize(MapiInit.multithreaded());
        rt.oleUninitialize();
        rt.oleUninitialize();
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().faults()).isEmpty();
        assertThat(rt.oleCount()).isZero();
    }

    @Test
    @DisplayName("§1.1 step 8: DeinitMapiUtil without ScInitMapiUtil is a non-fatal fault; balanced calls are clean")
    void mapiUtilBalance() {
        rt.scInitMapiUtil(0);
        rt.deinitMapiUtil();
        assertThat(rt.diagnostics().faults()).isEmpty();
        rt.deinitMapiUtil();
        assertThat(rt.diagnostics().faults()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("deinit-without-init");
            assertThat(f.fatal()).isFalse();
        });
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.scInitMapiUtil(1));
    }

    @Test
    @DisplayName("§1.1 the last MAPIUninitialize with a session still logged on logs it off and records a fault")
    void lastUninitializeEndsOpenSessions() {
        rt.mapiInitialize(null);
        MapiSession s = SimFixture.logon(rt);
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().faults()).extracting(Fault::id).contains("uninitialize-with-session");
        assertThat(rt.diagnostics().liveObjects())
                .singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(SubsystemDiagnostics.ObjectState.INVALID));
        assertFails(HResult.MAPI_E_END_OF_SESSION, () -> s.getStatusTable(0));
        assertThat(s.release()).isZero();
    }

    @Test
    @DisplayName("MAPILogonEx with an impossible profile name fails MAPI_E_LOGON_FAILED")
    void logonFailed() {
        rt.mapiInitialize(null);
        assertFails(HResult.MAPI_E_LOGON_FAILED, () -> rt.mapiLogonEx(0, "../etc", null, 0));
        SimRuntime refusing =
                SimFixture.memoryRuntime(TransportSettings.instant(), java.util.Map.of("sim.logonFails", "true"));
        refusing.mapiInitialize(null);
        assertFails(HResult.MAPI_E_LOGON_FAILED, () -> refusing.mapiLogonEx(0, "Test", null, 0));
    }

    @Test
    @DisplayName("the backend SPI: id sim, priority 0, always available, every capability offered")
    void backendAndCapabilities() {
        MapiBackend b = MapiBackends.byId("sim").orElseThrow();
        assertThat(b.priority()).isZero();
        assertThat(b.probe().available()).isTrue();
        MapiRuntime r = b.open(BackendOptions.simulated(Path.of("unused")));
        assertThat(r.backendId()).isEqualTo("sim");
        for (Class<?> c : new Class<?>[] {
            SubsystemDiagnostics.class,
            TransportControl.class,
            SharedSessionControl.class,
            CriticalErrorInjector.class,
            ProviderUiHost.class
        }) {
            assertThat(r.capability(c)).as(c.getSimpleName()).isPresent();
        }
        assertThat(r.capability(String.class)).isEmpty();
        assertThat(MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS).isEqualTo(1);
    }
}
