package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.ObjectKind;

/**
 * IMAPIClientShutdown of a simulated session (QueryInterface(IID_IMAPIClientShutdown), MAPIDefS.h:2807-2825).
 * "Fast Shutdown Overview" and "Best Practices for Fast Shutdown"
 * (https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941344(v=office.14),
 * .../dd941346(v=office.14)):
 * <ul>
 *   <li>QueryFastShutdown: S_OK, or MAPI_E_NO_SUPPORT when the administrator's policy disabled fast
 *   shutdown ({@code sim.fastShutdown=disabled}).</li>
 *   <li>NotifyProcessShutdown: S_OK ("has attempted to notify loaded MAPI providers"); called although the
 *   query did not return S_OK it records the fault {@code fast-shutdown-not-gated}: the providers were
 *   never told, "all loaded MAPI providers will have data loss".</li>
 *   <li>DoFastShutdown: MAPI_E_NO_SUPPORT when fast shutdown is disabled (imapiclientshutdown-dofastshutdown.md);
 *   otherwise S_OK, and from then on every MAPI call is the fault {@code call-after-fast-shutdown}.</li>
 * </ul>
 */
final class SimClientShutdown extends SimObject implements ClientShutdown {

    private boolean queryOk;

    SimClientShutdown(SimRuntime rt, SimSession session) {
        super(rt, session, ObjectKind.CLIENT_SHUTDOWN, "client shutdown of " + session.displayName());
    }

    @Override
    public void queryFastShutdown() {
        run("QueryFastShutdown", () -> {
            queryOk = false;
            if (rt.rules.fastShutdownDisabled()) {
                throw error(
                        HResult.MAPI_E_NO_SUPPORT,
                        "QueryFastShutdown",
                        "an administrator disabled fast shutdown (policy): do not continue, providers would lose data");
            }
            queryOk = true;
        });
    }

    @Override
    public void notifyProcessShutdown() {
        run("NotifyProcessShutdown", () -> {
            if (!queryOk) {
                notGated("NotifyProcessShutdown");
            }
        });
    }

    @Override
    public void doFastShutdown() {
        run("DoFastShutdown", () -> {
            if (!queryOk) {
                notGated("DoFastShutdown");
            }
            if (rt.rules.fastShutdownDisabled()) {
                throw error(HResult.MAPI_E_NO_SUPPORT, "DoFastShutdown", "fast shutdown is disabled by policy");
            }
            rt.rules.fastShutdownDone();
        });
    }

    private void notGated(String method) {
        rt.fault(
                "fast-shutdown-not-gated",
                "IMAPIClientShutdown::" + method + " was called although"
                        + " QueryFastShutdown did not return S_OK: the providers were not told of the exit and lose data"
                        + " (Best Practices for Fast Shutdown)",
                true);
    }
}
