package dev.mapiworkbench.teardown;

import dev.mapiworkbench.mapi.MapiFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an executed teardown trace against the documented rules (seed 000, the Logoff page) and
 * returns findings, each with a stable rule id, a severity, a message and the seed step it breaks.
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
     */
    public record Trace(Plan plan, int logoffFlags, List<StepRecord> steps, int mapiInits, int oleInits,
                        int mapiUtilInits, Held atLogoff, Held atEnd, List<Transcript.Fault> faults,
                        boolean cancelled, boolean hadSession) {
        public Trace {
            steps = List.copyOf(steps);
            faults = List.copyOf(faults);
            atEnd = atEnd == null ? Held.none() : atEnd;
        }

        /** A trace of a session that existed. */
        public Trace(Plan plan, int logoffFlags, List<StepRecord> steps, int mapiInits, int oleInits,
                     int mapiUtilInits, Held atLogoff, Held atEnd, List<Transcript.Fault> faults, boolean cancelled) {
            this(plan, logoffFlags, steps, mapiInits, oleInits, mapiUtilInits, atLogoff, atEnd, faults, cancelled,
                    true);
        }
    }

    /** Lints a trace. Findings come in rule order. */
    public List<Finding> lint(Trace t) {
        List<Finding> out = new ArrayList<>();
        List<CallRecord> calls = new ArrayList<>();
        t.steps().forEach(s -> calls.addAll(s.calls()));
        // one pass over the (possibly 10k+) calls for every position and count the rules need
        int logoffAt = -1;
        int firstMapiUninit = -1;
        int lastOleUninit = -1;
        long deinits = 0;
        long uninits = 0;
        long oleUninits = 0;
        for (int i = 0; i < calls.size(); i++) {
            CallRecord c = calls.get(i);
            switch (c.api()) {
                case "IMAPISession::Logoff" -> logoffAt = logoffAt < 0 ? i : logoffAt;
                case "MAPIUninitialize" -> {
                    firstMapiUninit = firstMapiUninit < 0 ? i : firstMapiUninit;
                    uninits += c.failed() ? 0 : 1;
                }
                case "OleUninitialize" -> {
                    lastOleUninit = i;
                    oleUninits += c.failed() ? 0 : 1;
                }
                case "DeinitMapiUtil" -> deinits++;
                default -> {
                }
            }
        }

        if (t.atLogoff() != null && !t.atLogoff().objects().isEmpty()) {
            out.add(finding(t, OBJECTS_OPEN_AT_LOGOFF, Severity.ERROR, StepId.RELEASE_OBJECTS,
                    "Logoff was called with " + count(t.atLogoff().objects(), "object") + " still open ("
                            + list(t.atLogoff().objects()) + "); they become invalid and might never be freed"));
        }
        Held adviseSource = t.atLogoff() != null ? t.atLogoff() : t.atEnd();
        if (!t.cancelled() && !adviseSource.advises().isEmpty()) {
            out.add(finding(t, ADVISE_NOT_CANCELLED, Severity.ERROR, StepId.UNADVISE,
                    count(adviseSource.advises(), "advise connection") + " never cancelled with Unadvise ("
                            + list(adviseSource.advises()) + ")"));
        }
        if (!t.cancelled() && !t.atEnd().buffers().isEmpty()) {
            out.add(finding(t, BUFFERS_NOT_FREED, Severity.ERROR, StepId.FREE_BUFFERS,
                    count(t.atEnd().buffers(), "cached buffer") + " never freed with MAPIFreeBuffer ("
                            + list(t.atEnd().buffers()) + ")"));
        }
        if (firstMapiUninit >= 0 && lastOleUninit > firstMapiUninit) {
            out.add(finding(t, OLE_AFTER_MAPI_UNINIT, Severity.ERROR, StepId.MAPI_UNINITIALIZE,
                    "OleUninitialize was called after MAPIUninitialize; the page calls the timing crucial: "
                            + "the client might terminate ungracefully"));
        }
        if (deinits > t.mapiUtilInits()) {
            out.add(finding(t, DEINIT_WITHOUT_INIT, Severity.ERROR, StepId.DEINIT_MAPI_UTIL,
                    "DeinitMapiUtil was called " + times(deinits) + " but ScInitMapiUtil " + times(t.mapiUtilInits())
                            + "; only clients that called ScInitMapiUtil must call DeinitMapiUtil"));
        }
        if (logoffAt >= 0) {
            List<String> after = new ArrayList<>();
            for (int i = logoffAt + 1; i < calls.size(); i++) {
                CallRecord c = calls.get(i);
                if (c.api().contains("::") && !c.api().endsWith("::Release")) {
                    after.add(c.api() + (c.target() == null ? "" : " on " + c.target()) + " -> " + c.hresult());
                }
            }
            if (!after.isEmpty()) {
                out.add(finding(t, CALL_AFTER_LOGOFF, Severity.ERROR, StepId.LOGOFF,
                        count(after, "call") + " other than Release after Logoff (" + list(after)
                                + "); after Logoff only Release may be called"));
            }
        }
        if (!t.cancelled() && uninits != t.mapiInits()) {
            out.add(finding(t, UNBALANCED_MAPI_INIT, Severity.ERROR, StepId.MAPI_UNINITIALIZE,
                    "MAPIInitialize was called " + times(t.mapiInits()) + " and MAPIUninitialize "
                            + times(uninits) + "; the calls must be balanced"));
        }
        if (logoffAt >= 0 && (t.logoffFlags() & MapiFlags.MAPI_LOGOFF_SHARED) != 0 && t.plan() != Plan.CE) {
            out.add(finding(t, LOGOFF_SHARED_PASSED, Severity.WARNING, StepId.LOGOFF,
                    "MAPI_LOGOFF_SHARED was passed: " + LOGOFF_SHARED_NOTE));
        }
        if (!t.cancelled() && t.hadSession() && logoffAt < 0) {
            out.add(finding(t, LOGOFF_NOT_CALLED, Severity.ERROR, StepId.LOGOFF,
                    "the session ended without IMAPISession::Logoff"));
        }
        if (!t.cancelled() && t.oleInits() > oleUninits) {
            out.add(finding(t, OLE_NOT_UNINIT, Severity.ERROR, StepId.OLE_UNINITIALIZE,
                    "OleInitialize was called " + times(t.oleInits()) + " and OleUninitialize " + times(oleUninits)));
        }
        if (!t.cancelled() && t.mapiUtilInits() > deinits) {
            out.add(finding(t, MAPI_UTIL_NOT_DEINIT, Severity.WARNING, StepId.DEINIT_MAPI_UTIL,
                    "ScInitMapiUtil was called " + times(t.mapiUtilInits()) + " and DeinitMapiUtil " + times(deinits)));
        }
        int maxSeed = 0;
        StepId maxId = null;
        for (StepRecord s : t.steps()) {
            if (s.status() == StepStatus.SKIPPED || s.seedStep() == 0) {
                continue;
            }
            if (s.seedStep() < maxSeed) {
                out.add(new Finding(STEP_OUT_OF_ORDER, Severity.WARNING, "step " + s.seedStep() + " (" + s.id()
                        + ") ran after step " + maxSeed + " (" + maxId + ")", s.seedStep(), t.plan().seed(), s.id()));
            } else {
                maxSeed = s.seedStep();
                maxId = s.id();
            }
        }
        for (Transcript.Fault f : t.faults()) {
            out.add(new Finding(SUBSYSTEM_FAULT, f.fatal() ? Severity.ERROR : Severity.WARNING,
                    "the subsystem reported " + (f.fatal() ? "a fatal fault" : "a fault") + " " + f.id() + ": "
                            + f.message(), 0, t.plan().seed(), null));
        }
        return out;
    }

    /** clean, warnings or errors, from the findings and the steps' statuses. */
    public static String result(List<Finding> findings, List<StepRecord> steps) {
        boolean error = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                || steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED);
        if (error) {
            return Transcript.ERRORS;
        }
        boolean warning = !findings.isEmpty() || steps.stream().anyMatch(s -> s.status() == StepStatus.WARNING);
        return warning ? Transcript.WARNINGS : Transcript.CLEAN;
    }

    private static Finding finding(Trace t, String rule, Severity sev, StepId stepId, String message) {
        Plan seedPlan = t.plan().step(stepId).isPresent() ? t.plan() : Plan.DESKTOP;
        return new Finding(rule, sev, message, seedPlan.seedStep(stepId), seedPlan.seed(), stepId);
    }

    private static String count(List<?> items, String noun) {
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String list(List<String> items) {
        int max = 5;
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + ", and " + (items.size() - max) + " more";
    }
}
