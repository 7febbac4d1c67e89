package dev.mapiworkbench.teardown;

import static dev.mapiworkbench.teardown.TeardownPlanner.args;
import static dev.mapiworkbench.teardown.TeardownPlanner.planned;
import static dev.mapiworkbench.teardown.TeardownPlanner.skipped;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.teardown.TeardownPlanner.PlannedCall;
import dev.mapiworkbench.teardown.TeardownPlanner.PlannedStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Plans the steps documented outside the seed's 8 (docs/mapi-behaviours.md):
 * <ul>
 *   <li>{@code store-logoff}: {@code IMsgStore::StoreLogoff(LOGOFF_NO_WAIT)} on every open store, before
 *   it is released (imsgstore-storelogoff.md; pywin32 PR #2196: without it Logoff and MAPIUninitialize
 *   "might hang indefinitely"; MFCMAPI's mapiProcessor.cpp passes LOGOFF_NO_WAIT before Release).</li>
 *   <li>the fast-shutdown plan ("Best Practices for Fast Shutdown",
 *   https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941346(v=office.14)):
 *   QueryInterface(IID_IMAPIClientShutdown) and QueryFastShutdown; NotifyProcessShutdown and
 *   DoFastShutdown only after S_OK (otherwise they are skipped and the desktop steps that follow are the
 *   fallback, the interface released first); after a successful DoFastShutdown every later step is skipped:
 *   no MAPI call, not even MAPIUninitialize.</li>
 * </ul>
 * The state between the three fast-shutdown steps of one run is kept per client session.
 */
final class RulesSteps {

    /** Reason of every step after a successful DoFastShutdown. */
    static final String AFTER_FAST_SHUTDOWN = "DoFastShutdown was called: no further MAPI call, not even"
            + " MAPIUninitialize (Best Practices for Fast Shutdown)";
    /** Reason of Notify and Do when the query did not return S_OK. */
    static final String QUERY_FAILED = "QueryFastShutdown did not return S_OK: not continuing, providers would"
            + " lose data (Best Practices for Fast Shutdown); the normal desktop teardown follows";

    private static final class FastState {
        ClientShutdown shutdown;
        boolean queryOk;
        boolean done;
    }

    private final Map<ClientSession, FastState> fast = Collections.synchronizedMap(new WeakHashMap<>());

    boolean fastShutdownDone(ClientSession session) {
        FastState st = fast.get(session);
        return st != null && st.done;
    }

    PlannedStep planStoreLogoff(StepDefinition step, Ledger ledger) {
        List<Ledger.ObjectRecord> stores = ledger.objects().stream()
                .filter(o -> o.role() == Ledger.Role.STORE && o.object() instanceof MsgStore)
                .toList();
        if (stores.isEmpty()) {
            return skipped(step, "no message store is open");
        }
        List<PlannedCall> calls = new ArrayList<>();
        for (Ledger.ObjectRecord o : stores) {
            MsgStore store = (MsgStore) o.object();
            String flags = Calls.hex(MapiFlags.LOGOFF_NO_WAIT) + " (LOGOFF_NO_WAIT)";
            calls.add(new PlannedCall(
                    "IMsgStore::StoreLogoff(&ulFlags=LOGOFF_NO_WAIT) on " + o.name(),
                    () -> Calls.invoke("IMsgStore::StoreLogoff", o.name(), args("lpulFlags", flags), () -> {
                        int out = store.storeLogoff(MapiFlags.LOGOFF_NO_WAIT);
                        return "ulFlags out=" + FlagSet.STORE_LOGOFF_OUT.format(out);
                    })));
        }
        return planned(step, calls, null);
    }

    PlannedStep planFastShutdown(StepDefinition step, ClientSession session) {
        MapiSession s = session.mapiSession();
        if (s == null) {
            return skipped(step, "the client is not logged on");
        }
        return switch (step.id()) {
            case QUERY_FAST_SHUTDOWN -> planQuery(step, session, s);
            case NOTIFY_PROCESS_SHUTDOWN -> planGated(step, session, "NotifyProcessShutdown", false);
            default -> planGated(step, session, "DoFastShutdown", true);
        };
    }

    private PlannedStep planQuery(StepDefinition step, ClientSession session, MapiSession s) {
        FastState st = new FastState();
        fast.put(session, st);
        PlannedCall qi = new PlannedCall(
                "IMAPISession::QueryInterface(IID_IMAPIClientShutdown)",
                () -> Calls.invoke(
                        "IMAPISession::QueryInterface",
                        "session",
                        args("riid", "IID_IMAPIClientShutdown {00020397-0000-0000-C000-000000000046}"),
                        () -> {
                            st.shutdown = s.queryClientShutdown();
                            return Calls.hex(st.shutdown.handle());
                        }));
        PlannedCall query = new PlannedCall(
                "IMAPIClientShutdown::QueryFastShutdown()",
                () -> Calls.invoke("IMAPIClientShutdown::QueryFastShutdown", "client shutdown", args(), () -> {
                    if (st.shutdown == null) {
                        throw new MapiException(
                                HResult.MAPI_E_INTERFACE_NOT_SUPPORTED,
                                "IMAPIClientShutdown::QueryFastShutdown",
                                "QueryInterface did not return the interface");
                    }
                    try {
                        st.shutdown.queryFastShutdown();
                        st.queryOk = true;
                        return null;
                    } catch (MapiException e) {
                        st.shutdown.release(); // the fallback teardown does not need it
                        st.shutdown = null;
                        throw e;
                    }
                }));
        return planned(step, List.of(qi, query), null);
    }

    private PlannedStep planGated(StepDefinition step, ClientSession session, String method, boolean last) {
        FastState st = fast.get(session);
        if (st == null || !st.queryOk || st.shutdown == null) {
            return skipped(step, QUERY_FAILED);
        }
        String api = "IMAPIClientShutdown::" + method;
        return planned(
                step,
                List.of(new PlannedCall(
                        api + "()",
                        () -> Calls.invoke(api, "client shutdown", args(), () -> {
                            if (last) {
                                st.shutdown.doFastShutdown();
                                st.done = true;
                                session.loggedOff();
                            } else {
                                st.shutdown.notifyProcessShutdown();
                            }
                            return null;
                        }))),
                last ? "the process may exit now; nothing is released or uninitialised after this" : null);
    }
}
