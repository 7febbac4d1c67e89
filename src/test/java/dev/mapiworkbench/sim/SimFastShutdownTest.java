package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.RuleSwitches;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.Fault;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * IMAPIClientShutdown on a simulated session. Sources: "IMAPIClientShutdown : IUnknown" (exposed by any
 * IMAPISession through QueryInterface), "Best Practices for Fast Shutdown"
 * (https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941346(v=office.14)):
 * Query first, Notify and Do only after S_OK, MAPI_E_NO_SUPPORT when an administrator disabled it, and
 * no MAPI call at all after DoFastShutdown, "including the MAPIUninitialize function".
 */
class SimFastShutdownTest {

    private SimRuntime rt;

    private MapiSession logOn(Map<String, String> extra) {
        rt = SimFixture.initialized(extra);
        return SimFixture.logon(rt);
    }

    @Test
    @DisplayName(
            "Best Practices for Fast Shutdown: Query -> Notify -> Do, then no MAPI call, not even MAPIUninitialize")
    void queryNotifyDoThenNoFurtherCall() {
        MapiSession s = logOn(Map.of());
        ClientShutdown cs = s.queryClientShutdown();
        assertThat(cs.kind()).isEqualTo(ObjectKind.CLIENT_SHUTDOWN);
        cs.queryFastShutdown();
        cs.notifyProcessShutdown();
        cs.doFastShutdown();
        assertThat(rt.diagnostics().faults()).isEmpty();

        assertFails(HResult.MAPI_E_CALL_FAILED, rt::mapiUninitialize);
        assertFails(HResult.MAPI_E_CALL_FAILED, () -> s.getStatusTable(0));
        assertFails(HResult.MAPI_E_CALL_FAILED, () -> rt.mapiAllocateBuffer(8));
        assertThat(rt.diagnostics().initCount())
                .as("MAPIUninitialize did not count")
                .isEqualTo(1);
        assertThat(rt.diagnostics().faults())
                .extracting(Fault::id)
                .containsOnly("call-after-fast-shutdown")
                .hasSize(3);
        cs.release();
        assertThat(rt.diagnostics().faults()).hasSize(4);
    }

    @Test
    @DisplayName("policy: QueryFastShutdown fails MAPI_E_NO_SUPPORT when an administrator disabled fast shutdown")
    void disabledByPolicy() {
        MapiSession s = logOn(Map.of(RuleSwitches.FAST_SHUTDOWN, "disabled"));
        ClientShutdown cs = s.queryClientShutdown();
        assertFails(HResult.MAPI_E_NO_SUPPORT, cs::queryFastShutdown);
        assertThat(rt.diagnostics().faults()).isEmpty();
        cs.release();
        s.logoff(0, 0, 0); // the normal teardown is still possible
        s.release();
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().initCount()).isZero();
    }

    @Test
    @DisplayName("MFCMAPI's mistake: Notify and Do after a failed query is a fatal fault (providers lose data)")
    void notifyAfterAFailedQueryIsAFault() {
        MapiSession s = logOn(Map.of());
        ClientShutdown cs = s.queryClientShutdown();
        rt.rules.applyRules(RuleSwitches.Settings.defaults().withFastShutdownDisabled(true));
        assertFails(HResult.MAPI_E_NO_SUPPORT, cs::queryFastShutdown);
        cs.notifyProcessShutdown();
        assertFails(HResult.MAPI_E_NO_SUPPORT, cs::doFastShutdown);
        assertThat(rt.diagnostics().faults())
                .extracting(Fault::id)
                .containsExactly("fast-shutdown-not-gated", "fast-shutdown-not-gated");
        assertThat(rt.diagnostics().faults()).allMatch(Fault::fatal);
        cs.release();
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
    }

    @Test
    void anUnreleasedClientShutdownIsALeakAtLogoff() {
        MapiSession s = logOn(Map.of());
        s.queryClientShutdown();
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().leaks())
                .anySatisfy(l -> assertThat(l.kind()).isEqualTo("CLIENT_SHUTDOWN"));
    }
}
