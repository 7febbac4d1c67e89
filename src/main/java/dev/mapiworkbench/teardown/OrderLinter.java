package dev.mapiworkbench.teardown;

import dev.mapiworkbench.trace.TraceCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an executed teardown against the documented rules and returns findings, each with a stable rule
 * id, a severity, a message and the seed step it breaks. A thin adapter: it turns the run into trace calls
 * and runs the one rule engine, {@link TraceLinter} (decision 0130; the catalogue is {@link RuleCatalogue}).
 * Rule ids are a contract (docs/decisions/0032-linter-rule-ids.md):
 * <ul>
 *   <li>{@value #OBJECTS_OPEN_AT_LOGOFF} (error, step 2): Logoff while objects are still open</li>
 *   <li>{@value #ADVISE_NOT_CANCELLED} (error, step 1): advise connections never cancelled</li>
 *   <li>{@value #BUFFERS_NOT_FREED} (error, step 3): cached buffers not freed</li>
 *   <li>{@value #OLE_AFTER_MAPI_UNINIT} (error, step 7): OleUninitialize after MAPIUninitialize</li>
 *   <li>{@value #DEINIT_WITHOUT_INIT} (error, step 8): DeinitMapiUtil without ScInitMapiUtil</li>
 *   <li>{@value #CALL_AFTER_LOGOFF} (error, step 4): a call other than Release after Logoff</li>
 *   <li>{@value #UNBALANCED_MAPI_INIT} (error, step 7): MAPIInitialize / MAPIUninitialize not balanced</li>
 *   <li>{@value #LOGOFF_SHARED_PASSED} (warning, step 4): MAPI_LOGOFF_SHARED passed</li>
 *   <li>{@value #LOGOFF_NOT_CALLED} (error, step 4): the session ended without Logoff</li>
 *   <li>{@value #OLE_NOT_UNINIT} (error, step 6): OleInitialize without OleUninitialize</li>
 *   <li>{@value #MAPI_UTIL_NOT_DEINIT} (warning, step 8): ScInitMapiUtil without DeinitMapiUtil</li>
 *   <li>{@value #STEP_OUT_OF_ORDER} (warning): a step ran after a step that follows it in the seed</li>
 *   <li>{@value #SUBSYSTEM_FAULT} (error when fatal, else warning): a fault the subsystem reported</li>
 * </ul>
 */
public final class OrderLinter {

    public static final String OBJECTS_OPEN_AT_LOGOFF = "objects-open-at-logoff";
    public static final String ADVISE_NOT_CANCELLED = "advise-not-cancelled";
    public static final String BUFFERS_NOT_FREED = "buffers-not-freed";
    public static final String OLE_AFTER_MAPI_UNINIT = "ole-uninitialize-after-mapi-uninitialize";
    public static final String DEINIT_WITHOUT_INIT = "deinit-mapi-util-without-init";
    public static final String CALL_AFTER_LOGOFF = "call-after-logoff";
    public static final String UNBALANCED_MAPI_INIT = "unbalanced-mapi-initialize";
    public static final String LOGOFF_SHARED_PASSED = "logoff-shared-passed";
    public static final String LOGOFF_NOT_CALLED = "logoff-not-called";
    public static final String OLE_NOT_UNINIT = "ole-initialize-not-uninitialized";
    public static final String MAPI_UTIL_NOT_DEINIT = "mapi-util-not-deinitialized";
    public static final String STEP_OUT_OF_ORDER = "step-out-of-order";
    public static final String SUBSYSTEM_FAULT = "subsystem-fault";

    /** The Logoff page's note, quoted by {@value #LOGOFF_SHARED_PASSED}. */
    public static final String LOGOFF_SHARED_NOTE = "the IMAPISession::Logoff page says clients should never pass "
            + "MAPI_LOGOFF_SHARED on Outlook 2007 SP2 and later (fast shutdown): it makes all MAPI clients begin "
            + "shutting down, with unexpected results";

    /** What each client-held thing was named when it was still held. */
    public record Held(List<String> objects, List<String> advises, List<String> buffers) {
        public Held {
            objects = List.copyOf(objects);
            advises = List.copyOf(advises);
            buffers = List.copyOf(buffers);
        }

        public static Held none() {
            return new Held(List.of(), List.of(), List.of());
        }
    }

    /**
     * The executed trace and its context.
     *
     * @param plan          the plan that ran
     * @param logoffFlags   the flags the logoff step was planned with
     * @param steps         the steps in executed order (their calls in order)
     * @param mapiInits     MAPIInitialize calls the client had made (ledger at start)
     * @param oleInits      OleInitialize calls
     * @param mapiUtilInits ScInitMapiUtil calls
     * @param atLogoff      what the client still held when Logoff was called (null when it was not called)
     * @param atEnd         what the client still held at the end
     * @param faults        faults the subsystem reported during the run
     * @param cancelled     true when the caller cancelled the logoff (then only what ran is checked)
     * @param hadSession    false when there was no session to log off (a logon that failed before MAPILogonEx)
     * @param logonThread   the number of the thread that initialised and logged on (the session's MAPI thread,
     *                      decision 0450); each executed call carries its own ({@link CallRecord#thread()})
     */
    public record Trace(
            Plan plan,
            int logoffFlags,
            List<StepRecord> steps,
            int mapiInits,
            int oleInits,
            int mapiUtilInits,
            Held atLogoff,
            Held atEnd,
            List<Transcript.Fault> faults,
            boolean cancelled,
            boolean hadSession,
            int logonThread) {
        public Trace {
            steps = List.copyOf(steps);
            faults = List.copyOf(faults);
            atEnd = atEnd == null ? Held.none() : atEnd;
            logonThread = logonThread > 0 ? logonThread : 1;
        }

        /** A trace of a session that existed. */
        public Trace(
                Plan plan,
                int logoffFlags,
                List<StepRecord> steps,
                int mapiInits,
                int oleInits,
                int mapiUtilInits,
                Held atLogoff,
                Held atEnd,
                List<Transcript.Fault> faults,
                boolean cancelled) {
            this(
                    plan,
                    logoffFlags,
                    steps,
                    mapiInits,
                    oleInits,
                    mapiUtilInits,
                    atLogoff,
                    atEnd,
                    faults,
                    cancelled,
                    true,
                    1);
        }
    }

    /** Lints a teardown run under the default profile ({@code outlook-2010+}). Findings come in rule order. */
    public List<Finding> lint(Trace t) {
        return lint(t, RuleCatalogue.Profile.OUTLOOK_2010);
    }

    /**
     * Lints a teardown run: converts it into the call sequence of a trace ({@link #calls}) and runs the one
     * rule engine, {@link TraceLinter}, over it with what the session held at Logoff and at the end.
     * {@value RuleCatalogue#STORE_RELEASED_WITHOUT_STORELOGOFF} is evaluated only when the plan has the
     * {@code store-logoff} step (decision 0130).
     */
    public List<Finding> lint(Trace t, RuleCatalogue.Profile profile) {
        List<TraceLinter.StepSpan> spans = new ArrayList<>();
        List<TraceCall> calls = calls(t, spans);
        Set<String> skip = new HashSet<>();
        if (t.steps().stream().noneMatch(s -> s.id().id().equals("store-logoff"))) {
            skip.add(RuleCatalogue.STORE_RELEASED_WITHOUT_STORELOGOFF);
        }
        TraceLinter.Context ctx = new TraceLinter.Context(
                t.plan(), profile, skip, t.atLogoff(), t.atEnd(), spans, t.faults(), t.cancelled());
        return new TraceLinter().lint(calls, ctx);
    }

    /** The handle of the session in {@link #calls}. */
    public static final String SESSION_HANDLE = "obj:1";

    /**
     * The run as trace calls: a synthetic prologue stating what the client held when the teardown started
     * (its initialisations, the session, one handle per object the teardown calls), then every executed call
     * with its step. Objects are told apart by the name the teardown gives them.
     */
    public static List<TraceCall> calls(Trace t, List<TraceLinter.StepSpan> spans) {
        List<TraceCall> prologue = new ArrayList<>();
        List<TraceCall> body = new ArrayList<>();
        Map<String, String> handles = new LinkedHashMap<>();
        handles.put("session", SESSION_HANDLE);
        long[] seq = {0};
        for (int i = 0; i < t.mapiInits(); i++) {
            prologue.add(synthetic(++seq[0], "MAPIInitialize", null, Map.of(), Map.of()));
        }
        for (int i = 0; i < t.oleInits(); i++) {
            prologue.add(synthetic(++seq[0], "OleInitialize", null, Map.of(), Map.of()));
        }
        for (int i = 0; i < t.mapiUtilInits(); i++) {
            prologue.add(synthetic(++seq[0], "ScInitMapiUtil", null, Map.of(), Map.of()));
        }
        if (t.hadSession()) {
            prologue.add(synthetic(
                    ++seq[0],
                    "MAPILogonEx",
                    null,
                    Map.of("lppSession", SESSION_HANDLE),
                    Map.of(SESSION_HANDLE, "session")));
        }
        // handles for every object the teardown calls, opened (synthetically) from the session
        for (StepRecord s : t.steps()) {
            for (CallRecord c : s.calls()) {
                if (c.api().contains("::")
                        && c.target() != null
                        && !handles.containsKey(c.target())
                        && !c.api().startsWith("IMAPISession::")) {
                    String h = "obj:" + (handles.size() + 1);
                    handles.put(c.target(), h);
                    prologue.add(synthetic(
                            0, "IMAPISession::OpenEntry", SESSION_HANDLE, Map.of("lppUnk", h), Map.of(h, c.target())));
                }
            }
        }
        List<TraceCall> renumbered = new ArrayList<>();
        for (TraceCall p : prologue) {
            renumbered.add(new TraceCall(
                    renumbered.size() + 1,
                    t.logonThread(),
                    p.api(),
                    p.self(),
                    p.args(),
                    p.out(),
                    p.hr(),
                    null,
                    0,
                    null,
                    true,
                    p.labels()));
        }
        long next = renumbered.size();
        for (StepRecord s : t.steps()) {
            boolean first = true;
            for (CallRecord c : s.calls()) {
                next++;
                if (first && s.status() != StepStatus.SKIPPED) {
                    spans.add(new TraceLinter.StepSpan(s.id().id(), s.seedStep(), next));
                    first = false;
                }
                body.add(call(next, c, s.id().id(), handles, t.logoffFlags()));
            }
            if (first && s.status() != StepStatus.SKIPPED) {
                spans.add(new TraceLinter.StepSpan(s.id().id(), s.seedStep(), 0));
            }
        }
        renumbered.addAll(body);
        return renumbered;
    }

    private static TraceCall synthetic(
            long seq, String api, String self, Map<String, Object> out, Map<String, String> labels) {
        return new TraceCall(seq, 1, api, self, Map.of(), out, 0, null, 0, null, true, labels);
    }

    private static TraceCall call(long seq, CallRecord c, String step, Map<String, String> handles, int logoffFlags) {
        String self = null;
        if (c.api().startsWith("IMAPISession::")) {
            self = SESSION_HANDLE;
        } else if (c.target() != null && c.api().contains("::")) {
            self = handles.get(c.target());
        }
        Map<String, Object> args = new LinkedHashMap<>(c.args());
        if (c.api().equals("IMAPISession::Logoff")) {
            args.put("ulFlags", (long) logoffFlags);
        }
        Integer ret = null;
        if (c.result() != null && c.result().startsWith("refs=")) {
            try {
                ret = Integer.parseInt(c.result().substring(5));
            } catch (NumberFormatException e) {
                ret = null;
            }
        }
        Map<String, String> labels =
                self == null ? Map.of() : Map.of(self, c.target() == null ? "session" : c.target());
        return new TraceCall(
                seq, c.traceThread(), c.api(), self, args, Map.of(), c.hresultValue(), ret, 0, step, false, labels);
    }

    /** clean, warnings or errors, from the findings and the steps' statuses. */
    public static String result(List<Finding> findings, List<StepRecord> steps) {
        boolean error = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                || steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED || s.status() == StepStatus.ABANDONED);
        if (error) {
            return Transcript.ERRORS;
        }
        boolean warning = !findings.isEmpty() || steps.stream().anyMatch(s -> s.status() == StepStatus.WARNING);
        return warning ? Transcript.WARNINGS : Transcript.CLEAN;
    }
}
