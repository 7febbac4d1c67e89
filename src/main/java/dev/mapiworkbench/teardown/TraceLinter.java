package dev.mapiworkbench.teardown;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceCall;
import dev.mapiworkbench.trace.TraceLedger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one rule engine (decision 0130): every rule of {@link RuleCatalogue} over a client's call sequence,
 * with the client's ledger rebuilt from the calls ({@link TraceLedger}). It lints a developer's trace of a
 * whole client run ({@link #lint(Trace, Context)}) and, through {@link OrderLinter}, the Workbench's own
 * teardown runs; the latter pass what the session held at Logoff and at the end in the {@link Context},
 * because their calls start in the middle of the session. Findings come in catalogue order; each names the
 * {@code seq} of the call it is about. One pass over the calls.
 *
 * <p>Rule groups with state of their own report through a {@link Sink} from their own classes
 * ({@link ThreadRules}, {@link FastShutdownRules}; issue #9). The rest stays in the pass: the Logoff,
 * ledger and initialisation rules read the same counters and the same rebuilt ledger in the same call, so
 * splitting them would only pass that state around.
 */
public final class TraceLinter {

    /**
     * What a run's calls do not say.
     *
     * @param plan        the plan whose seed numbers the steps (desktop for a developer's trace)
     * @param profile     which documentation applies
     * @param skip        rule ids not evaluated (e.g. a rule the plan cannot satisfy yet)
     * @param atLogoff    what the client held when Logoff was called, when known from elsewhere (own runs), else
     *                    null: the rebuilt ledger tells
     * @param atEnd       what the client held at the end, when known from elsewhere, else null
     * @param steps       the executed steps in order (own runs), or null: the calls' step fields tell
     * @param faults      faults the subsystem reported
     * @param cancelled   the logoff was cancelled: rules about what was left behind are not evaluated
     */
    public record Context(
            Plan plan,
            RuleCatalogue.Profile profile,
            Set<String> skip,
            OrderLinter.Held atLogoff,
            OrderLinter.Held atEnd,
            List<StepSpan> steps,
            List<Transcript.Fault> faults,
            boolean cancelled) {
        public Context {
            skip = skip == null ? Set.of() : Set.copyOf(skip);
            faults = faults == null ? List.of() : List.copyOf(faults);
            steps = steps == null ? null : List.copyOf(steps);
        }

        /** A developer's trace under a profile. */
        public static Context forTrace(RuleCatalogue.Profile profile) {
            return new Context(Plan.DESKTOP, profile, Set.of(), null, null, null, List.of(), false);
        }
    }

    /** Where a rule group of the pass reports: the rule id, the message, the seq of the call it is about. */
    @FunctionalInterface
    interface Sink {
        void add(String rule, String message, long seq);
    }

    /** A session's first Logoff: its seq and what the session held then. */
    private record SessionLogoff(long seq, OrderLinter.Held held) {}

    /** An executed step: its id, the seed step it implements, and the seq of its first call. */
    public record StepSpan(String id, int seedStep, long firstSeq) {}

    /** Lints a developer's trace. */
    public List<Finding> lint(Trace trace, Context ctx) {
        return lint(trace.calls(), ctx);
    }

    /**
     * A trace's findings, what the client still held when the trace ended (its leaks: objects, advise
     * connections, buffers) and the result ({@code clean}, {@code warnings}, {@code errors}).
     */
    public record Report(Trace trace, List<Finding> findings, OrderLinter.Held leaks, String result) {
        public Report {
            findings = List.copyOf(findings);
        }
    }

    /** Lints a developer's trace and reports its leaks too. */
    public Report report(Trace trace, Context ctx) {
        Pass p = new Pass(ctx);
        for (TraceCall c : trace.calls()) {
            p.call(c);
        }
        List<Finding> findings = p.finish();
        return new Report(trace, findings, p.leaks(), OrderLinter.result(findings, List.of()));
    }

    /** Lints a call sequence. */
    public List<Finding> lint(List<TraceCall> calls, Context ctx) {
        Pass p = new Pass(ctx);
        for (TraceCall c : calls) {
            p.call(c);
        }
        return p.finish();
    }

    /** One pass: the ledger plus what the rules count along the way. */
    private static final class Pass {
        private final Context ctx;
        private final TraceLedger ledger = new TraceLedger();
        private final Map<String, List<Finding>> found = new LinkedHashMap<>();
        // positions and counts
        private TraceCall firstLogoff;
        private long firstMapiUninitSeq = -1;
        private long lastOleUninitSeq = -1;
        private long mapiUninits;
        private long oleInits;
        private long oleUninits;
        private long utilInits;
        private long deinits;
        private long lastSeq;
        /** Each session's first Logoff with what that session held then, in call order. */
        private final List<SessionLogoff> logoffs = new ArrayList<>();

        private final Set<String> loggedOff = new LinkedHashSet<>();
        private final List<String> afterLogoff = new ArrayList<>();
        private long afterLogoffSeq;
        private final Map<String, TraceLedger.Obj> sessions = new LinkedHashMap<>();
        private final Set<String> sessionsChecked = new LinkedHashSet<>();
        // fast shutdown
        private final FastShutdownRules fastShutdown = new FastShutdownRules(this::add);
        // threads
        private final ThreadRules threads = new ThreadRules(this::add);
        // steps from the calls
        private final List<StepSpan> spans = new ArrayList<>();
        private final Set<String> seenSteps = new LinkedHashSet<>();

        Pass(Context ctx) {
            this.ctx = ctx;
            for (RuleCatalogue.Rule r : RuleCatalogue.rules()) {
                found.put(r.id(), new ArrayList<>());
            }
        }

        void call(TraceCall c) {
            lastSeq = c.seq();
            String method = c.method();
            if (c.step() != null && seenSteps.add(c.step())) {
                StepId sid = stepId(c.step());
                spans.add(new StepSpan(c.step(), sid == null ? 0 : ctx.plan().seedStep(sid), c.seq()));
            }
            fastShutdown.call(c);
            // before the ledger applies the call
            TraceLedger.Obj self = ledger.object(c.self());
            if (c.isMethod() && !method.equals("Release") && isUnderLoggedOffSession(self)) {
                afterLogoff.add(c.api() + (c.self() == null ? "" : " on " + c.label(c.self())) + " -> "
                        + dev.mapiworkbench.trace.MapiNames.hresultName(c.hr()));
                if (afterLogoffSeq == 0) {
                    afterLogoffSeq = c.seq();
                }
            }
            switch (c.isMethod() ? method : c.api()) {
                case "Logoff" -> {
                    if ("IMAPISession".equals(c.iface()) || (self != null && self.isSession())) {
                        if (!loggedOff.contains(c.self() == null ? "" : c.self())) {
                            // this session's first Logoff (a trace may log several sessions on, e.g. a
                            // scenario thread's own, decision 0550): what it held is checked per session
                            logoffs.add(new SessionLogoff(
                                    c.seq(),
                                    firstLogoff == null && ctx.atLogoff() != null
                                            ? ctx.atLogoff()
                                            : heldAtLogoff(c.self())));
                            if (firstLogoff == null) {
                                firstLogoff = c;
                            }
                            if ((c.flagArg("ulFlags") & MapiFlags.MAPI_LOGOFF_SHARED) != 0 && ctx.plan() != Plan.CE) {
                                add(
                                        OrderLinter.LOGOFF_SHARED_PASSED,
                                        "MAPI_LOGOFF_SHARED was passed: " + OrderLinter.LOGOFF_SHARED_NOTE,
                                        c.seq());
                            }
                        }
                        loggedOff.add(c.self() == null ? "" : c.self());
                    }
                }
                case "MAPIInitialize" -> threads.initialize(c);
                case "MAPIUninitialize" -> {
                    threads.uninitializing(c, ledger);
                    if (firstMapiUninitSeq < 0) {
                        firstMapiUninitSeq = c.seq();
                    }
                    if (!c.failed()) {
                        mapiUninits++;
                    }
                }
                case "OleInitialize" -> oleInits += c.failed() ? 0 : 1;
                case "OleUninitialize" -> {
                    lastOleUninitSeq = c.seq();
                    oleUninits += c.failed() ? 0 : 1;
                }
                case "ScInitMapiUtil" -> utilInits += c.failed() ? 0 : 1;
                case "DeinitMapiUtil" -> deinits++;
                case "QueryFastShutdown" -> fastShutdown.query(c);
                case "NotifyProcessShutdown", "DoFastShutdown" -> fastShutdown.notifyOrDo(c, method);
                default -> {}
            }
            TraceLedger.Effect e = ledger.apply(c);
            if (!c.isMethod() && c.api().equals("MAPIUninitialize")) {
                threads.uninitialized(c, ledger);
            }
            if (!c.isMethod() && c.api().equals("MAPILogonEx") && !c.failed()) {
                c.out().values().stream()
                        .filter(v -> v instanceof String s && s.startsWith("obj:"))
                        .findFirst()
                        .map(v -> ledger.object((String) v))
                        .ifPresent(o -> sessions.put(o.handle(), o));
            }
            TraceLedger.Obj gone = e.finalRelease();
            if (gone != null) {
                finalRelease(c, gone);
            }
        }

        private boolean isUnderLoggedOffSession(TraceLedger.Obj self) {
            if (loggedOff.isEmpty()) {
                return false;
            }
            String session = self == null ? null : self.session();
            if (session == null) {
                // an object this trace never handed back, or of no known session: it may belong to the session
                return primaryLoggedOff();
            }
            return loggedOff.contains(session) || loggedOff.contains("");
        }

        /** The first session this trace logged on, or null (none: a trace begun mid-session). */
        private String primarySession() {
            return sessions.isEmpty() ? null : sessions.keySet().iterator().next();
        }

        /**
         * True when {@code session} (a Logoff's {@code this}) is the one objects of no known session are charged
         * to: the first session the trace logged on, or one it never saw logging on, or an unnamed one.
         */
        private boolean isPrimary(String session) {
            return session == null || !sessions.containsKey(session) || session.equals(primarySession());
        }

        /** True when the session objects of no known session are charged to has logged off. */
        private boolean primaryLoggedOff() {
            return loggedOff.stream().anyMatch(h -> h.isEmpty() || isPrimary(h));
        }

        /**
         * What {@code session} held at its Logoff: the objects and advise connections opened from it (those of
         * no known session are the primary session's) and every buffer.
         */
        private OrderLinter.Held heldAtLogoff(String session) {
            if (session == null) {
                return held(null);
            }
            boolean primary = isPrimary(session);
            List<String> objects = new ArrayList<>();
            for (TraceLedger.Obj o : ledger.objects()) {
                if (!o.isSession() && (o.session() == null ? primary : session.equals(o.session()))) {
                    objects.add(o.describe());
                }
            }
            List<String> advises = new ArrayList<>();
            for (TraceLedger.Connection k : ledger.connections()) {
                TraceLedger.Obj src = ledger.object(k.source());
                String of = src == null ? null : src.session();
                if (of == null ? primary : session.equals(of)) {
                    advises.add(k.describe());
                }
            }
            List<String> buffers =
                    ledger.buffers().stream().map(TraceLedger.Buffer::describe).toList();
            return new OrderLinter.Held(objects, advises, buffers);
        }

        private void finalRelease(TraceCall c, TraceLedger.Obj gone) {
            if (gone.isStore() && !gone.storeLoggedOff()) {
                add(
                        RuleCatalogue.STORE_RELEASED_WITHOUT_STORELOGOFF,
                        "message store " + gone.describe()
                                + " was released without IMsgStore::StoreLogoff; Logoff and MAPIUninitialize may hang "
                                + "(pywin32 #2196)",
                        c.seq());
            }
            List<TraceLedger.Connection> using = ledger.connectionsUsing(gone.handle());
            if (!using.isEmpty()) {
                add(
                        RuleCatalogue.SINK_RELEASED_WHILE_REFERENCED,
                        "advise sink " + gone.describe() + " was released "
                                + "while " + using.size() + " advise connection" + (using.size() == 1 ? "" : "s")
                                + " still used it ("
                                + String.join(
                                        ", ",
                                        using.stream()
                                                .map(TraceLedger.Connection::describe)
                                                .toList()) + "); notifications can arrive after "
                                + "Unadvise, so release a sink only when its reference count has fallen to zero",
                        c.seq());
            }
            TraceLedger.Obj session = sessions.get(gone.handle());
            if (session != null && sessionsChecked.add(gone.handle()) && !gone.loggedOff() && !ctx.cancelled()) {
                add(
                        OrderLinter.LOGOFF_NOT_CALLED,
                        "the session ended without IMAPISession::Logoff"
                                + (ledger.label(gone.handle()) != null
                                        ? ""
                                        : " (" + gone.describe() + " released at seq " + c.seq() + ")"),
                        c.seq());
            }
        }

        /** Everything still held, sessions included. */
        OrderLinter.Held leaks() {
            OrderLinter.Held h = held(null);
            List<String> objects = new ArrayList<>();
            ledger.objects().stream().filter(TraceLedger.Obj::isSession).forEach(o -> objects.add(o.describe()));
            objects.addAll(h.objects());
            return new OrderLinter.Held(objects, h.advises(), h.buffers());
        }

        private OrderLinter.Held held(String session) {
            List<String> objects = new ArrayList<>();
            for (TraceLedger.Obj o : ledger.objects()) {
                if (!o.isSession() && (session == null || o.session() == null || session.equals(o.session()))) {
                    objects.add(o.describe());
                }
            }
            List<String> advises = ledger.connections().stream()
                    .map(TraceLedger.Connection::describe)
                    .toList();
            List<String> buffers =
                    ledger.buffers().stream().map(TraceLedger.Buffer::describe).toList();
            return new OrderLinter.Held(objects, advises, buffers);
        }

        List<Finding> finish() {
            boolean cancelled = ctx.cancelled();
            OrderLinter.Held atEnd = ctx.atEnd() != null ? ctx.atEnd() : held(null);
            for (SessionLogoff l : logoffs) {
                if (!l.held().objects().isEmpty()) {
                    add(
                            OrderLinter.OBJECTS_OPEN_AT_LOGOFF,
                            "Logoff was called with " + count(l.held().objects(), "object") + " still open ("
                                    + list(l.held().objects()) + "); they become invalid and might "
                                    + "never be freed",
                            l.seq());
                }
            }
            // advise connections still registered at their session's Logoff (or at the end, without a Logoff)
            Set<String> advises = new LinkedHashSet<>();
            long adviseSeq = logoffs.isEmpty() ? firstConnectionSeq() : 0;
            for (SessionLogoff l : logoffs) {
                if (adviseSeq == 0 && !l.held().advises().isEmpty()) {
                    adviseSeq = l.seq();
                }
                advises.addAll(l.held().advises());
            }
            if (logoffs.isEmpty()) {
                advises.addAll(atEnd.advises());
            }
            if (!cancelled && !advises.isEmpty()) {
                List<String> a = List.copyOf(advises);
                add(
                        OrderLinter.ADVISE_NOT_CANCELLED,
                        count(a, "advise connection") + " never cancelled with Unadvise (" + list(a) + ")",
                        adviseSeq);
            }
            if (!cancelled && !atEnd.buffers().isEmpty()) {
                add(
                        OrderLinter.BUFFERS_NOT_FREED,
                        count(atEnd.buffers(), "cached buffer") + " never freed with " + "MAPIFreeBuffer ("
                                + list(atEnd.buffers()) + ")",
                        firstBufferSeq());
            }
            if (firstMapiUninitSeq >= 0 && lastOleUninitSeq > firstMapiUninitSeq) {
                add(
                        OrderLinter.OLE_AFTER_MAPI_UNINIT,
                        "OleUninitialize was called after MAPIUninitialize; the page "
                                + "calls the timing crucial: the client might terminate ungracefully",
                        lastOleUninitSeq);
            }
            if (deinits > utilInits) {
                add(
                        OrderLinter.DEINIT_WITHOUT_INIT,
                        "DeinitMapiUtil was called " + times(deinits) + " but "
                                + "ScInitMapiUtil " + times(utilInits)
                                + "; only clients that called ScInitMapiUtil must call "
                                + "DeinitMapiUtil",
                        0);
            }
            if (!afterLogoff.isEmpty()) {
                add(
                        OrderLinter.CALL_AFTER_LOGOFF,
                        count(afterLogoff, "call") + " other than Release after Logoff (" + list(afterLogoff)
                                + "); after Logoff only Release may be called",
                        afterLogoffSeq);
            }
            if (!cancelled && mapiUninits != threads.mapiInits()) {
                add(
                        OrderLinter.UNBALANCED_MAPI_INIT,
                        "MAPIInitialize was called " + times(threads.mapiInits()) + " and MAPIUninitialize "
                                + times(mapiUninits) + "; the calls must be balanced",
                        lastSeq);
            }
            if (!cancelled) {
                for (TraceLedger.Obj s : sessions.values()) {
                    if (!sessionsChecked.contains(s.handle()) && !s.loggedOff()) {
                        add(
                                OrderLinter.LOGOFF_NOT_CALLED,
                                "the session ended without IMAPISession::Logoff"
                                        + (ledger.label(s.handle()) != null
                                                ? ""
                                                : " (" + s.describe() + ", never released)"),
                                s.seq());
                    }
                }
            }
            if (!cancelled && oleInits > oleUninits) {
                add(
                        OrderLinter.OLE_NOT_UNINIT,
                        "OleInitialize was called " + times(oleInits) + " and " + "OleUninitialize "
                                + times(oleUninits),
                        lastSeq);
            }
            if (!cancelled && utilInits > deinits) {
                add(
                        OrderLinter.MAPI_UTIL_NOT_DEINIT,
                        "ScInitMapiUtil was called " + times(utilInits) + " and " + "DeinitMapiUtil " + times(deinits),
                        lastSeq);
            }
            stepOrder();
            fastShutdown.finish();
            threads.finish(ledger, cancelled, lastSeq);
            faults();
            List<Finding> out = new ArrayList<>();
            for (RuleCatalogue.Rule r : RuleCatalogue.rules()) {
                if (reported(r)) {
                    out.addAll(found.get(r.id()));
                }
            }
            return out;
        }

        /**
         * The faults the subsystem reported, each once: a fault named after a catalogue rule (the simulator's
         * consequences of the threads rules, decision 0550) is that rule's finding, so it is not reported
         * again as {@value OrderLinter#SUBSYSTEM_FAULT} when the rule has found it already, and is reported
         * under the rule's id when the rule has not; any other fault is a {@value OrderLinter#SUBSYSTEM_FAULT}.
         */
        private void faults() {
            for (Transcript.Fault f : ctx.faults()) {
                java.util.Optional<RuleCatalogue.Rule> rule = RuleCatalogue.rule(f.id());
                if (rule.isPresent() && reported(rule.get())) {
                    if (found.get(f.id()).isEmpty()) {
                        add(f.id(), "the subsystem reported " + f.id() + ": " + f.message(), 0);
                    }
                    continue;
                }
                found.get(OrderLinter.SUBSYSTEM_FAULT)
                        .add(new Finding(
                                OrderLinter.SUBSYSTEM_FAULT,
                                f.fatal() ? Severity.ERROR : Severity.WARNING,
                                "the subsystem reported " + (f.fatal() ? "a fatal fault" : "a fault") + " " + f.id()
                                        + ": " + f.message(),
                                0,
                                ctx.plan().seed(),
                                null,
                                0,
                                RuleCatalogue.primarySource(OrderLinter.SUBSYSTEM_FAULT)));
            }
        }

        /** True when {@code r}'s findings reach the output (its profile includes it and it is not skipped). */
        private boolean reported(RuleCatalogue.Rule r) {
            return ctx.profile().includes(r) && !ctx.skip().contains(r.id());
        }

        private void stepOrder() {
            List<StepSpan> steps = ctx.steps() != null ? ctx.steps() : spans;
            int maxSeed = 0;
            String maxId = null;
            for (StepSpan s : steps) {
                if (s.seedStep() == 0) {
                    continue;
                }
                if (s.seedStep() < maxSeed) {
                    found.get(OrderLinter.STEP_OUT_OF_ORDER)
                            .add(new Finding(
                                    OrderLinter.STEP_OUT_OF_ORDER,
                                    Severity.WARNING,
                                    "step " + s.seedStep() + " (" + s.id() + ") ran after step " + maxSeed + " ("
                                            + maxId + ")",
                                    s.seedStep(),
                                    ctx.plan().seed(),
                                    stepId(s.id()),
                                    s.firstSeq(),
                                    RuleCatalogue.primarySource(OrderLinter.STEP_OUT_OF_ORDER)));
                } else {
                    maxSeed = s.seedStep();
                    maxId = s.id();
                }
            }
        }

        private long firstConnectionSeq() {
            return ledger.connections().stream()
                    .mapToLong(TraceLedger.Connection::seq)
                    .findFirst()
                    .orElse(0);
        }

        private long firstBufferSeq() {
            return ledger.buffers().stream()
                    .mapToLong(TraceLedger.Buffer::seq)
                    .findFirst()
                    .orElse(0);
        }

        private void add(String rule, String message, long seq) {
            RuleCatalogue.Rule r = RuleCatalogue.rule(rule).orElseThrow();
            StepId sid = r.stepId();
            Plan seedPlan = sid != null && ctx.plan().step(sid).isPresent() ? ctx.plan() : Plan.DESKTOP;
            int seedStep = sid == null ? 0 : seedPlan.seedStep(sid);
            found.get(rule)
                    .add(new Finding(
                            rule,
                            r.severity(),
                            message,
                            seedStep,
                            seedStep == 0 ? null : seedPlan.seed(),
                            sid,
                            seq,
                            RuleCatalogue.primarySource(rule)));
        }
    }

    /** The StepId of a trace's step name (trace files carry text), or null for one the plans do not know. */
    static StepId stepId(String id) {
        if (id == null) {
            return null;
        }
        for (StepId s : StepId.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    static String count(List<?> items, String noun) {
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
    }

    static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    static String list(List<String> items) {
        int max = 5;
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + ", and " + (items.size() - max) + " more";
    }
}
