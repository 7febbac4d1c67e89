package dev.mapiworkbench.teardown;

import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceCall;
import dev.mapiworkbench.trace.TraceLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trace's calls grouped into the documented teardown steps where they fit, and "outside any step" where
 * they do not (docs/trace.md, "In the window"; decision 0330). One pass over the calls in order: each call is
 * given the step the documentation names it in (Unadvise: step 1; StoreLogoff: documented elsewhere;
 * Release of anything but a session: step 2; MAPIFreeBuffer: step 3; IMAPISession::Logoff: step 4; the
 * session's final Release: step 5; OleUninitialize, MAPIUninitialize, DeinitMapiUtil: steps 6 to 8; the fast
 * shutdown calls), or the step the trace itself names (own runs); consecutive calls of the same step form one
 * group, so a Release in the middle of the session shows there, between the calls around it.
 */
public final class TraceSteps {

    /**
     * Consecutive calls of one step.
     *
     * @param step     the step, or null for calls outside any documented step (logon, opening, reading)
     * @param seedStep the seed's step number (0: documented elsewhere or outside)
     * @param title    the step's title from the plan, or {@value #OUTSIDE}
     * @param calls    the calls, in order
     */
    public record Group(StepId step, int seedStep, String title, List<TraceCall> calls) {
        public Group {
            calls = List.copyOf(calls);
        }

        /** True for calls outside any documented step. */
        public boolean outside() {
            return step == null;
        }
    }

    /** The title of the calls no documented step covers. */
    public static final String OUTSIDE = "Outside any step";

    private TraceSteps() {}

    /** The groups of {@code trace}, in call order. */
    public static List<Group> group(Trace trace) {
        TraceLedger ledger = new TraceLedger();
        List<Group> groups = new ArrayList<>();
        StepId current = null;
        List<TraceCall> calls = new ArrayList<>();
        boolean any = false;
        for (TraceCall c : trace.calls()) {
            StepId s = stepOf(c, ledger.object(c.self()));
            ledger.apply(c);
            if (any && s != current) {
                groups.add(group(current, calls));
                calls = new ArrayList<>();
            }
            current = s;
            any = true;
            calls.add(c);
        }
        if (any) {
            groups.add(group(current, calls));
        }
        return groups;
    }

    private static Group group(StepId step, List<TraceCall> calls) {
        if (step == null) {
            return new Group(null, 0, OUTSIDE, calls);
        }
        StepDefinition d = Plan.FAST_SHUTDOWN
                .step(step)
                .orElseGet(
                        () -> step == StepId.FLUSH_OUTBOX ? Plan.FLUSH_OUTBOX : new StepDefinition(step, step.id(), 0));
        return new Group(step, d.seedStep(), d.title(), calls);
    }

    /** The documented step a call belongs to, or null; {@code self} is the ledger's object it is called on. */
    static StepId stepOf(TraceCall c, TraceLedger.Obj self) {
        if (c.step() != null) {
            try {
                return StepId.parse(c.step());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String m = c.method();
        if (!c.isMethod()) {
            return switch (m) {
                case "MAPIFreeBuffer", "FreeProws", "FreePadrlist" -> StepId.FREE_BUFFERS;
                case "OleUninitialize" -> StepId.OLE_UNINITIALIZE;
                case "MAPIUninitialize" -> StepId.MAPI_UNINITIALIZE;
                case "DeinitMapiUtil" -> StepId.DEINIT_MAPI_UTIL;
                default -> null;
            };
        }
        boolean session = "IMAPISession".equals(c.iface()) || (self != null && self.isSession());
        return switch (m) {
            case "Unadvise" -> StepId.UNADVISE;
            case "StoreLogoff" -> StepId.STORE_LOGOFF;
            case "Logoff" -> session ? StepId.LOGOFF : null;
            case "Release" -> session ? StepId.RELEASE_SESSION : StepId.RELEASE_OBJECTS;
            case "QueryFastShutdown" -> StepId.QUERY_FAST_SHUTDOWN;
            case "NotifyProcessShutdown" -> StepId.NOTIFY_PROCESS_SHUTDOWN;
            case "DoFastShutdown" -> StepId.DO_FAST_SHUTDOWN;
            case "QueryInterface" ->
                String.valueOf(c.args().get("riid")).toUpperCase(Locale.ROOT).endsWith("IMAPICLIENTSHUTDOWN")
                        ? StepId.QUERY_FAST_SHUTDOWN
                        : null;
            default -> null;
        };
    }
}
