package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.client.ReleaseOrder;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands each step of a plan, from the client's ledger, into concrete calls ("IMsgStore::Unadvise
 * (connection=0x3) on store 'Mailbox - demo'"); a step with nothing to do is skipped with a reason.
 * Planning reads the ledger at the moment it is called: the executor plans each step just before
 * running it, so a what-if reorder sees the state the earlier steps left.
 */
public final class TeardownPlanner {

    /** The steps documented outside the seed's 8: store-logoff and the fast-shutdown plan's three. */
    private final RulesSteps rules = new RulesSteps();

    /** Reason of a step skipped by a what-if option. */
    public static final String WHAT_IF_SKIP = "what-if: skipped on purpose";

    /**
     * A step ready to run: its definition, the calls it will make (empty when skipped) and, when it is
     * skipped, why. {@code note} is an extra remark for the step's reason when it runs (e.g. queued mail).
     */
    public record PlannedStep(StepDefinition step, List<PlannedCall> calls, String skipReason, String note) {
        public PlannedStep {
            calls = List.copyOf(calls);
        }

        public boolean skipped() {
            return skipReason != null;
        }

        /** The calls' descriptions. */
        public List<String> descriptions() {
            return calls.stream().map(PlannedCall::description).toList();
        }
    }

    /** One call of a planned step: a description for previews plus the action that makes it. */
    public record PlannedCall(String description, CallAction action) {}

    /** Makes the call and returns its record (HRESULT, args, duration). */
    @FunctionalInterface
    public interface CallAction {
        CallRecord run();
    }

    /**
     * Plans one step.
     *
     * @param logoffFlags the flags the logoff step passes ({@link TeardownRequest#logoffFlags})
     */
    public PlannedStep plan(StepDefinition step, ClientSession session, TeardownRequest request, int logoffFlags) {
        if (request.whatIf().skip().contains(step.id())) {
            return skipped(step, WHAT_IF_SKIP);
        }
        if (request.plan() == Plan.FAST_SHUTDOWN
                && rules.fastShutdownDone(session)
                && step.id() != StepId.DO_FAST_SHUTDOWN) {
            return skipped(step, RulesSteps.AFTER_FAST_SHUTDOWN);
        }
        boolean force = request.whatIf().force().contains(step.id());
        Ledger ledger = session.ledger();
        MapiRuntime rt = session.runtime();
        return switch (step.id()) {
            case FLUSH_OUTBOX -> FlushStepPlanner.plan(step, session);
            case UNADVISE -> planUnadvise(step, ledger);
            case RELEASE_OBJECTS -> planRelease(step, ledger);
            case FREE_BUFFERS -> planFree(step, ledger, rt);
            case LOGOFF -> planLogoff(step, session, logoffFlags, force);
            case RELEASE_SESSION -> planReleaseSession(step, ledger);
            case OLE_UNINITIALIZE ->
                planUninit(step, ledger, Ledger.Init.OLE, force, "OleUninitialize", rt::oleUninitialize);
            case MAPI_UNINITIALIZE ->
                planUninit(step, ledger, Ledger.Init.MAPI, force, "MAPIUninitialize", rt::mapiUninitialize);
            case DEINIT_MAPI_UTIL ->
                planUninit(step, ledger, Ledger.Init.MAPI_UTIL, force, "DeinitMapiUtil", rt::deinitMapiUtil);
            case STORE_LOGOFF -> rules.planStoreLogoff(step, ledger);
            case QUERY_FAST_SHUTDOWN, NOTIFY_PROCESS_SHUTDOWN, DO_FAST_SHUTDOWN ->
                rules.planFastShutdown(step, session);
            case ENGINE -> throw new IllegalArgumentException("'" + step.id() + "' is not a plan step");
        };
    }

    static PlannedStep skipped(StepDefinition step, String reason) {
        return new PlannedStep(step, List.of(), reason, null);
    }

    static PlannedStep planned(StepDefinition step, List<PlannedCall> calls, String note) {
        return new PlannedStep(step, calls, null, note);
    }

    static Map<String, String> args(String... kv) {
        if (kv.length == 0) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- desktop steps 1-3 ------------------------------------------------------------------

    private PlannedStep planUnadvise(StepDefinition step, Ledger ledger) {
        List<Ledger.AdviseRecord> advises = ReleaseOrder.advises(ledger);
        if (advises.isEmpty()) {
            return skipped(step, "no advise connection is registered");
        }
        List<PlannedCall> calls = new ArrayList<>();
        for (Ledger.AdviseRecord a : advises) {
            String conn = Calls.hex(a.connection());
            calls.add(new PlannedCall(
                    a.unadviseApi() + "(connection=" + conn + ") on " + a.sourceName(),
                    () -> Calls.invoke(a.unadviseApi(), a.sourceName(), args("ulConnection", conn), () -> {
                        a.cancel();
                        ledger.unadvised(a.id());
                        return null;
                    })));
        }
        return planned(step, calls, null);
    }

    private PlannedStep planRelease(StepDefinition step, Ledger ledger) {
        List<Ledger.ObjectRecord> objects = ReleaseOrder.objects(ledger);
        if (objects.isEmpty()) {
            return skipped(step, "no object is open besides the session");
        }
        List<PlannedCall> calls = new ArrayList<>();
        for (Ledger.ObjectRecord o : objects) {
            String api = o.kind().interfaceName() + "::Release";
            int refs = o.clientRefs();
            calls.add(new PlannedCall(
                    api + " on " + o.name() + (refs > 1 ? " (x" + refs + ")" : ""),
                    () -> Calls.invoke(api, o.name(), args(), () -> {
                        int left = 0;
                        for (int i = 0; i < refs; i++) {
                            left = o.object().release();
                            ledger.released(o.id());
                        }
                        return "refs=" + left;
                    })));
        }
        return planned(step, calls, null);
    }

    private PlannedStep planFree(StepDefinition step, Ledger ledger, MapiRuntime rt) {
        List<Ledger.BufferRecord> buffers = ReleaseOrder.buffers(ledger);
        if (buffers.isEmpty()) {
            return skipped(step, "no entry identifier buffer is cached");
        }
        List<PlannedCall> calls = new ArrayList<>();
        for (Ledger.BufferRecord b : buffers) {
            String addr = Calls.hex(b.buffer().address());
            calls.add(new PlannedCall(
                    "MAPIFreeBuffer(" + addr + ") " + b.name(),
                    () -> Calls.invoke("MAPIFreeBuffer", null, args("lpBuffer", addr + " (" + b.name() + ")"), () -> {
                        rt.mapiFreeBuffer(b.buffer());
                        ledger.freed(b.id());
                        return null;
                    })));
        }
        return planned(step, calls, null);
    }

    // ---- logoff and after -------------------------------------------------------------------

    private PlannedStep planLogoff(StepDefinition step, ClientSession session, int flags, boolean force) {
        MapiSession s = session.mapiSession();
        if (s == null) {
            return skipped(step, "the client is not logged on");
        }
        if (!force && session.ledger().byRole(Ledger.Role.SESSION).isEmpty()) {
            return skipped(step, "the session pointer was already released");
        }
        String flagText =
                Calls.hex(flags) + (flags == 0 ? "" : " (" + String.join("|", MapiFlags.logoffFlagNames(flags)) + ")");
        int pending = session.pendingCount();
        String note = pending == 0
                ? null
                : pending + (pending == 1 ? " message stays" : " messages stay")
                        + " queued in the Outbox until the next logon";
        PlannedCall call = new PlannedCall("IMAPISession::Logoff(0, " + flagText + ", 0)", () -> {
            CallRecord r = Calls.invoke(
                    "IMAPISession::Logoff",
                    "session",
                    args("ulUIParam", "0", "ulFlags", flagText, "ulReserved", "0"),
                    () -> {
                        s.logoff(0, flags, 0);
                        return null;
                    });
            session.loggedOff();
            return r;
        });
        return planned(step, List.of(call), note);
    }

    private PlannedStep planReleaseSession(StepDefinition step, Ledger ledger) {
        Ledger.ObjectRecord rec = ledger.byRole(Ledger.Role.SESSION).orElse(null);
        if (rec == null) {
            return skipped(step, "the session pointer was already released");
        }
        int refs = rec.clientRefs();
        return planned(
                step,
                List.of(new PlannedCall(
                        "IMAPISession::Release on the session",
                        () -> Calls.invoke("IMAPISession::Release", "session", args(), () -> {
                            int left = 0;
                            for (int i = 0; i < refs; i++) {
                                left = rec.object().release();
                                ledger.released(rec.id());
                            }
                            return "refs=" + left;
                        }))),
                null);
    }

    private PlannedStep planUninit(
            StepDefinition step, Ledger ledger, Ledger.Init init, boolean force, String function, Runnable call) {
        int count = ledger.initCount(init);
        if (count == 0 && !force) {
            return skipped(step, init.function() + " was never called");
        }
        int times = Math.max(count, 1);
        List<PlannedCall> calls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            calls.add(new PlannedCall(
                    function + "()"
                            + (count == 0
                                    ? " (what-if: forced although " + init.function() + " was never called)"
                                    : ""),
                    () -> Calls.invoke(function, null, args(), () -> {
                        call.run();
                        ledger.uninitialised(init);
                        return null;
                    })));
        }
        return planned(
                step, calls, count == 0 ? "what-if: forced although " + init.function() + " was never called" : null);
    }
}
