package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One teardown run: the executor's task and the caller's handle. {@link #execute()} is the plan as it runs:
 * the baseline, {@link #runStep} for each step (the after-sending wait is {@link OutboxWait}),
 * {@link #buildTranscript}, then the session's new state.
 *
 * <p>Kept whole on purpose (issue #9): what is left here is the run's control state — step-through
 * (proceed, cancel, run to end), the abandon path that may end the run from another thread while its own
 * thread is stuck in a call, the {@code Progress} that path copies, and the one lock and condition they
 * all wait on — and splitting it would spread one state machine over several classes sharing that lock.
 * The parts with their own state already live apart: the after-sending wait ({@link OutboxWait}), the
 * per-step calls ({@link TeardownPlanner}, {@link FlushStepPlanner}), the rules ({@link TraceLinter}).
 */
final class TeardownRun implements Teardown, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TeardownRun.class);
    private static final long PEER_WAIT_MILLIS = 2000;

    private final TeardownEngine engine;
    private final ClientSession session;
    private final TeardownRequest request;
    private final List<StepDefinition> steps;
    private final TeardownListener listener;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Transcript.Prompt> prompts = new ArrayList<>();

    private final OutboxWait outboxWait;

    private boolean awaiting;
    private boolean proceedPermit;
    private boolean cancelRequested;
    private boolean runToEnd;
    /** Set once by whoever ends the run: the run's own thread, or {@link #abandon()}. */
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    /** The person gave up on the run; the run's thread makes no further call and reports nothing. */
    private volatile boolean abandoned;
    /** Who gave up on the run when not the person ({@link #abandon(String)}), or null. */
    private volatile String abandonedBy;
    /** A step has made at least one MAPI call (step-through Cancel is no longer possible). */
    private volatile boolean anyCallMade;
    /** What the run is doing now, for {@link #abandon()}: null before the first step. */
    private volatile InStep inStep;

    private volatile Baseline baseline;
    private volatile Progress progress;
    private long peerWaitNanos;
    private long pausedNanos;

    TeardownRun(
            TeardownEngine engine,
            ClientSession session,
            TeardownRequest request,
            List<StepDefinition> steps,
            TeardownListener listener,
            TimeoutHandler timeoutHandler) {
        this.engine = engine;
        this.session = session;
        this.request = request;
        this.steps = List.copyOf(steps);
        this.listener = listener;
        this.outboxWait = new OutboxWait(
                session, request.timeout(), request.allowUi() ? timeoutHandler : null, this::emit, lock, changed);
    }

    // ---- handle ----------------------------------------------------------------------------

    @Override
    public TeardownRequest request() {
        return request;
    }

    @Override
    public List<StepDefinition> steps() {
        return steps;
    }

    @Override
    public void proceed() {
        lock.lock();
        try {
            if (awaiting) {
                proceedPermit = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitingProceed() {
        lock.lock();
        try {
            return awaiting;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancelWait() {
        outboxWait.command(OutboxWait.Command.CANCEL);
    }

    @Override
    public void stopWaitingAndLogOff() {
        outboxWait.command(OutboxWait.Command.LOG_OFF_NOW);
    }

    @Override
    public boolean abandon() {
        return abandon(null);
    }

    @Override
    public boolean abandon(String by) {
        if (result.isDone() || !ended.compareAndSet(false, true)) {
            return false;
        }
        abandonedBy = by; // read by finishAbandoned, on the thread started below
        abandoned = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // the transcript is built on a thread of its own: the caller (the window) never waits, and the run's
        // thread may never come back from the call it is blocked in
        Thread t = new Thread(this::finishAbandoned, "teardown-abandon");
        t.setDaemon(true);
        t.start();
        return true;
    }

    @Override
    public boolean cancelSteps() {
        lock.lock();
        try {
            if (!awaiting || anyCallMade || cancelRequested) {
                return false;
            }
            cancelRequested = true;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean cancellable() {
        lock.lock();
        try {
            return awaiting && !anyCallMade && !cancelRequested;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void runToEnd() {
        lock.lock();
        try {
            runToEnd = true;
            if (awaiting) {
                proceedPermit = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public CompletableFuture<Transcript> result() {
        return result;
    }

    @Override
    public Transcript await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(OutboxWait.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the teardown failed", e.getCause());
        }
    }

    // ---- run -------------------------------------------------------------------------------

    /**
     * Runs the teardown. Whatever escapes the run itself (a backend's unchecked exception before the
     * first step, a listener's Error) completes the result exceptionally, so {@link #await} and
     * {@link #result()} never hang, and a session the run never logged off goes back to logged on.
     */
    @Override
    public void run() {
        try {
            execute();
        } catch (RuntimeException | Error e) {
            LOG.error("the teardown run failed", e);
            if (!result.isDone()) {
                try {
                    session.endTeardown(false);
                } finally {
                    result.completeExceptionally(e);
                }
            }
            if (e instanceof Error err) {
                throw err;
            }
        }
    }

    /** What the run reads before its first step: the baseline its results are measured against. */
    private record Baseline(
            long t0,
            Instant startedAt,
            int flags,
            int mapiInits,
            int oleInits,
            int utilInits,
            boolean shared,
            boolean hadSession,
            int leaksBefore,
            int faultsBefore,
            int outboxBefore,
            Set<String> earlierBuffers,
            List<String> drafts,
            int logonThread) {}

    /**
     * What the steps have done so far. Written by the run's thread; {@link #abandon()} reads a copy
     * ({@link #snapshot()}) under the object's monitor.
     */
    private static final class Progress {
        final List<StepRecord> records = new ArrayList<>();
        OrderLinter.Held atLogoff;
        Integer outboxAfter;
        boolean cancelled;
        String cancelReason = "the logoff was cancelled while waiting for the Outbox";
        boolean loggedOff;
        /** fnevCriticalError ended the after-sending wait: the rest runs as the critical-error path. */
        boolean criticalError;

        synchronized void add(StepRecord r) {
            records.add(r);
        }

        synchronized Progress snapshot() {
            Progress c = new Progress();
            c.records.addAll(records);
            c.atLogoff = atLogoff;
            c.outboxAfter = outboxAfter;
            c.loggedOff = loggedOff;
            return c;
        }
    }

    /** The step the run is in: its calls so far and the call it is making now (null between calls). */
    private static final class InStep {
        final int index;
        final StepDefinition step;
        final long startNanos = System.nanoTime();
        final List<CallRecord> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile String call;
        volatile long callStartNanos;

        InStep(int index, StepDefinition step) {
            this.index = index;
            this.step = step;
        }
    }

    /** Unwinds the run's thread once the run was abandoned: nothing more is called or reported. */
    private static final class AbandonedSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbandonedSignal() {
            super("abandoned", null, false, false);
        }
    }

    /** The Logoff flags of the critical-error path: no MAPI_LOGOFF_UI, no MAPI_LOGOFF_SHARED (decision 0035). */
    private int criticalFlags() {
        return TeardownEngine.logoffFlags(session, request.withMode(Mode.CRITICAL_ERROR));
    }

    /** The plan, as it runs: the baseline, every step in order, the transcript, the session's new state. */
    private void execute() {
        Baseline base = baseline();
        baseline = base;
        installProviderUi();
        emit(new TeardownEvent.Started(request, steps, base.flags()));
        Progress p = new Progress();
        progress = p;
        dev.mapiworkbench.client.ClientListener critical = new dev.mapiworkbench.client.ClientListener() {
            @Override
            public void criticalErrorReceived(dev.mapiworkbench.mapi.Notification.CriticalError error) {
                outboxWait.criticalError(String.valueOf(error.scode()));
            }
        };
        session.addListener(critical);
        dev.mapiworkbench.client.ScenarioThreads threads = engine.scenarioThreads();
        if (threads != null) {
            threads.beforeTeardown(); // decision 0550: they uninitialise before the session's thread
        }
        try {
            for (int i = 0; i < steps.size(); i++) {
                StepRecord rec = p.cancelled
                        ? skippedAfterCancel(i + 1, steps.get(i), p.cancelReason)
                        : runStep(i + 1, steps.get(i), p.criticalError ? criticalFlags() : base.flags(), p);
                inStep = null;
                checkAbandoned();
                p.add(rec);
                emit(new TeardownEvent.StepFinished(rec));
            }
        } catch (AbandonedSignal a) {
            LOG.info("the abandoned teardown's thread came back; it makes no further call");
            session.removeListener(critical);
            return;
        } catch (RuntimeException e) {
            if (abandoned) {
                session.removeListener(critical);
                return;
            }
            LOG.error("the teardown engine failed", e);
            p.add(new StepRecord(
                    p.records.size() + 1,
                    StepId.ENGINE,
                    "Teardown engine",
                    0,
                    StepStatus.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    0,
                    List.of()));
        }
        session.removeListener(critical);
        if (!ended.compareAndSet(false, true)) {
            return; // abandoned meanwhile: that thread reports the end
        }
        if (threads != null) {
            threads.afterTeardown(); // decision 0550: after the session's MAPIUninitialize
        }
        Transcript transcript = buildTranscript(base, p, p.cancelled ? Transcript.CANCELLED : Transcript.LOGGED_OFF);
        session.endTeardown(!p.cancelled && (p.loggedOff || !p.records.isEmpty()));
        result.complete(transcript); // before the event, so isDone()/result() hold for a listener of Finished
        emit(new TeardownEvent.Finished(transcript));
    }

    private void checkAbandoned() {
        if (abandoned) {
            throw new AbandonedSignal();
        }
    }

    /**
     * The end of an abandoned run, on its own thread: the steps that finished, the one in progress as
     * {@link StepStatus#ABANDONED} naming the call it is blocked in, the rest skipped; the session counts as
     * logged off (decision 0200).
     */
    private void finishAbandoned() {
        try {
            // nothing may wait behind a stuck call: the session's MAPI thread is retired (decision 0450)
            InStep stuck = inStep;
            if (session.mapiThread().busy()) {
                session.mapiThread()
                        .abandon("the teardown was abandoned while "
                                + (stuck == null || stuck.call == null
                                        ? "a call was in progress"
                                        : "blocked in " + stuck.call));
            }
            Baseline base = baseline != null ? baseline : baseline();
            Progress live = progress;
            Progress p = live == null ? new Progress() : live.snapshot();
            InStep now = inStep;
            long t = System.nanoTime();
            for (int i = p.records.size(); i < steps.size(); i++) {
                StepDefinition def = steps.get(i);
                StepRecord rec;
                if (now != null && now.index == i + 1) {
                    String call = now.call;
                    String what = call == null
                            ? "in step " + now.index + " '" + now.step.title() + "'"
                            : "blocked for " + seconds(t - now.callStartNanos) + " in " + call + " (step " + now.index
                                    + " '" + def.title() + "')";
                    List<CallRecord> made;
                    synchronized (now.calls) {
                        made = List.copyOf(now.calls);
                    }
                    rec = new StepRecord(
                            i + 1,
                            def.id(),
                            def.title(),
                            def.seedStep(),
                            StepStatus.ABANDONED,
                            "abandoned " + what + (abandonedBy == null ? "" : "; " + abandonedBy),
                            (t - now.startNanos) / 1000,
                            made);
                } else {
                    rec = skippedAfterCancel(i + 1, def, "not run: the teardown was abandoned");
                }
                p.records.add(rec);
                deliver(new TeardownEvent.StepFinished(rec));
            }
            Transcript transcript = buildTranscript(base, p, Transcript.ABANDONED);
            session.endTeardown(true);
            result.complete(transcript);
            deliver(new TeardownEvent.Finished(transcript));
        } catch (RuntimeException | Error e) {
            LOG.error("the abandoned teardown could not be summed up", e);
            result.completeExceptionally(e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private Baseline baseline() {
        long t0 = System.nanoTime();
        Instant startedAt = Instant.now();
        Ledger ledger = session.ledger();
        Optional<SubsystemDiagnostics> diag = session.capability(SubsystemDiagnostics.class);
        int leaksBefore = diag.map(d -> d.leaks().size()).orElse(0);
        int faultsBefore = diag.map(d -> d.faults().size()).orElse(0);
        // buffers alive now that this session's ledger does not hold were allocated by an earlier session
        Set<String> earlierBuffers = new HashSet<>(
                diag.map(SubsystemDiagnostics::outstandingBufferNames).orElse(Set.of()));
        ledger.buffers().forEach(b -> earlierBuffers.remove(Calls.hex(b.buffer().address())));
        session.refreshOutbox();
        return new Baseline(
                t0,
                startedAt,
                TeardownEngine.logoffFlags(session, request),
                ledger.initCount(Ledger.Init.MAPI),
                ledger.initCount(Ledger.Init.OLE),
                ledger.initCount(Ledger.Init.MAPI_UTIL),
                session.isShared(),
                session.mapiSession() != null,
                leaksBefore,
                faultsBefore,
                session.pendingCount(),
                Set.copyOf(earlierBuffers),
                dev.mapiworkbench.client.OutboxDrafts.find(session).stream() // decision 0121
                        .map(dev.mapiworkbench.client.OutboxItem::subject)
                        .toList(),
                ledger.initThreads(Ledger.Init.MAPI).stream()
                        .findFirst()
                        .orElse(session.mapiThread().number()));
    }

    private static StepRecord skippedAfterCancel(int index, StepDefinition step, String reason) {
        return new StepRecord(
                index, step.id(), step.title(), step.seedStep(), StepStatus.SKIPPED, reason, 0, List.of());
    }

    /** One step: pause (step-through), plan it from the ledger as it is now, make its calls, wait (flush-outbox). */
    private StepRecord runStep(int index, StepDefinition step, int flags, Progress p) {
        if (request.stepThrough() && !p.criticalError && !pauseBefore(index, step)) {
            p.cancelled = true;
            p.cancelReason = "the logoff was cancelled in step-through before step " + index;
            return skippedAfterCancel(index, step, p.cancelReason);
        }
        InStep in = new InStep(index, step);
        inStep = in;
        if (step.id() == StepId.FLUSH_OUTBOX) {
            session.refreshOutbox();
        }
        TeardownPlanner.PlannedStep ps = engine.planner().plan(step, session, request, flags);
        emit(new TeardownEvent.StepStarted(index, step, ps.descriptions()));
        long s0 = System.nanoTime();
        if (ps.skipped()) {
            return new StepRecord(
                    index,
                    step.id(),
                    step.title(),
                    step.seedStep(),
                    StepStatus.SKIPPED,
                    ps.skipReason(),
                    micros(s0),
                    List.of());
        }
        if (step.id() == StepId.LOGOFF) {
            session.refreshOutbox();
            p.outboxAfter = session.pendingCount();
            p.atLogoff = held(session.ledger());
        }
        // the step's calls, one task on the session's MAPI thread (decision 0450): the thread that logged on
        List<CallRecord> calls = session.mapiThread().call(step.title(), () -> makeCalls(index, step, ps, in));
        if (step.id() == StepId.LOGOFF) {
            p.loggedOff = true;
        }
        Optional<CallRecord> failed = calls.stream().filter(CallRecord::failed).findFirst();
        StepStatus status = failed.isPresent() ? StepStatus.FAILED : StepStatus.DONE;
        String reason = failed.map(CallRecord::describe).orElse(ps.note());
        if (failed.isEmpty() && ps.note() != null && ps.note().startsWith("what-if")) {
            status = StepStatus.WARNING;
        }
        if (step.id() == StepId.FLUSH_OUTBOX && failed.isEmpty()) {
            OutboxWait.Outcome w = outboxWait.run(index, () -> abandoned);
            checkAbandoned();
            status = w.status();
            reason = w.reason();
            p.cancelled = w.cancelled();
            p.criticalError = w.criticalError();
        }
        return new StepRecord(index, step.id(), step.title(), step.seedStep(), status, reason, micros(s0), calls);
    }

    /** The planned calls of one step, in order, on the session's MAPI thread; each record names that thread. */
    private List<CallRecord> makeCalls(int index, StepDefinition step, TeardownPlanner.PlannedStep ps, InStep in) {
        List<CallRecord> calls = new ArrayList<>();
        int thread = session.mapiThread().number();
        for (TeardownPlanner.PlannedCall call : ps.calls()) {
            checkAbandoned();
            anyCallMade = true;
            in.callStartNanos = System.nanoTime();
            in.call = call.description();
            emit(new TeardownEvent.CallStarted(index, step, call.description()));
            CallRecord cr = call.action().run().onThread(thread);
            in.call = null;
            checkAbandoned();
            calls.add(cr);
            in.calls.add(cr);
            emit(new TeardownEvent.CallMade(index, cr));
        }
        return calls;
    }

    /** The transcript: what the steps did, what the subsystem reports, peers, and the linter's findings. */
    private Transcript buildTranscript(Baseline base, Progress p, String outcome) {
        Ledger ledger = session.ledger();
        OrderLinter.Held atEnd = held(ledger);
        if (p.outboxAfter == null) {
            try {
                session.refreshOutbox();
            } catch (RuntimeException e) {
                LOG.warn("the Outbox could not be read at the end of the teardown", e);
            }
            p.outboxAfter = session.pendingCount();
        }
        List<Transcript.Leak> leaks = new ArrayList<>();
        List<Transcript.Leak> carriedOver = new ArrayList<>();
        List<Transcript.Fault> faults = new ArrayList<>();
        Optional<SubsystemDiagnostics> diag = session.capability(SubsystemDiagnostics.class);
        if (diag.isPresent()) {
            List<SubsystemDiagnostics.Leak> all = diag.get().leaks();
            for (SubsystemDiagnostics.Leak l : all.subList(Math.min(base.leaksBefore(), all.size()), all.size())) {
                Transcript.Leak leak = new Transcript.Leak(l.kind(), l.name(), l.detail());
                boolean earlier =
                        "BUFFER".equals(l.kind()) && base.earlierBuffers().contains(l.name());
                (earlier ? carriedOver : leaks).add(leak);
            }
            List<SubsystemDiagnostics.Fault> fs = diag.get().faults();
            for (SubsystemDiagnostics.Fault f : fs.subList(Math.min(base.faultsBefore(), fs.size()), fs.size())) {
                faults.add(new Transcript.Fault(f.id(), f.message(), f.fatal()));
            }
        } else if (!p.cancelled) {
            atEnd.objects().forEach(o -> leaks.add(new Transcript.Leak("OBJECT", o, "still held by the client")));
            atEnd.buffers().forEach(b -> leaks.add(new Transcript.Leak("BUFFER", b, "never freed")));
        }
        List<Transcript.Peer> peers = peers(base, p.records);
        OrderLinter.Trace trace = new OrderLinter.Trace(
                request.plan(),
                base.flags(),
                p.records,
                base.mapiInits(),
                base.oleInits(),
                base.utilInits(),
                p.atLogoff,
                atEnd,
                faults,
                p.cancelled,
                base.hadSession(),
                base.logonThread());
        List<Finding> findings = engine.linter().lint(trace);
        List<Transcript.ThreadRun> threadRuns = ScenarioThreadRecords.runs(engine.scenarioThreads());
        if (!threadRuns.isEmpty()) {
            findings = ScenarioThreadRecords.withThreadFindings(
                    findings,
                    threadRuns,
                    p.records,
                    base.mapiInits(),
                    base.logonThread(),
                    session.logonOptions() == null ? 0 : session.logonOptions().effectiveInitFlags(),
                    p.cancelled);
        }
        long engineMicros = Math.max(
                0, (System.nanoTime() - base.t0() - outboxWait.waitedNanos() - peerWaitNanos - pausedNanos) / 1000);
        List<Transcript.Prompt> promptList;
        synchronized (prompts) {
            promptList = List.copyOf(prompts);
        }
        int flags = p.criticalError ? criticalFlags() : base.flags();
        return new Transcript(
                Transcript.SCHEMA,
                request.mode().id(),
                request.plan().id(),
                session.backendId(),
                base.startedAt().toString(),
                engineMicros,
                outcome,
                new Transcript.Flags(flags, MapiFlags.logoffFlagNames(flags)),
                Transcript.WhatIfRecord.of(request.whatIf()),
                p.records,
                new Transcript.Outbox(base.outboxBefore(), p.outboxAfter, base.drafts()),
                outboxWait.waits(),
                promptList,
                peers,
                leaks,
                faults,
                findings,
                chargedResult(OrderLinter.result(findings, p.records), leaks),
                carriedOver,
                null,
                threadRuns);
    }

    /** The linter's result, but never {@value Transcript#CLEAN} when this run leaked (decision 0071). */
    static String chargedResult(String lintResult, List<Transcript.Leak> chargedLeaks) {
        return Transcript.CLEAN.equals(lintResult) && !chargedLeaks.isEmpty() ? Transcript.WARNINGS : lintResult;
    }

    /** Shared-session peers and how they ended (after a shared logoff, once they had a moment to log off). */
    private List<Transcript.Peer> peers(Baseline base, List<StepRecord> records) {
        List<Transcript.Peer> peers = new ArrayList<>();
        if (base.shared()) {
            session.capability(SharedSessionControl.class).ifPresent(c -> {
                if (loggedOffShared(records, base.flags())) {
                    awaitPeersLoggedOff(c);
                }
                c.peers()
                        .forEach(peer -> peers.add(new Transcript.Peer(
                                peer.name(), peer.loggedOn(), peer.logoffReason(), peer.state(), peer.received())));
            });
        }
        return peers;
    }

    private static boolean loggedOffShared(List<StepRecord> records, int flags) {
        return (flags & MapiFlags.MAPI_LOGOFF_SHARED) != 0
                && records.stream().anyMatch(r -> r.id() == StepId.LOGOFF && r.status() != StepStatus.SKIPPED);
    }

    /**
     * Peers log off on the notification thread after they receive fnevCriticalError; give them up to
     * {@value #PEER_WAIT_MILLIS} ms so the transcript shows how they ended (time not counted as engine time).
     */
    private void awaitPeersLoggedOff(SharedSessionControl control) {
        long p0 = System.nanoTime();
        long deadline = p0 + TimeUnit.MILLISECONDS.toNanos(PEER_WAIT_MILLIS);
        lock.lock();
        try {
            while (control.peers().stream().anyMatch(SharedSessionControl.Peer::loggedOn)
                    && System.nanoTime() < deadline) {
                changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
            peerWaitNanos += System.nanoTime() - p0;
        }
    }

    private static long micros(long since) {
        return (System.nanoTime() - since) / 1000;
    }

    private static OrderLinter.Held held(Ledger ledger) {
        List<String> objects = ledger.objects().stream()
                .filter(o -> o.role() != Ledger.Role.SESSION)
                .map(o -> o.kind().interfaceName() + " '" + o.name() + "'")
                .toList();
        List<String> advises = ledger.advises().stream()
                .map(a -> "connection " + Calls.hex(a.connection()) + " on " + a.sourceName())
                .toList();
        List<String> buffers = ledger.buffers().stream()
                .map(b -> b.name() + " " + Calls.hex(b.buffer().address()))
                .toList();
        return new OrderLinter.Held(objects, advises, buffers);
    }

    /** Reports an event of the run's thread; nothing once the run was abandoned. */
    private void emit(TeardownEvent event) {
        if (!abandoned) {
            deliver(event);
        }
    }

    private void deliver(TeardownEvent event) {
        if (listener == null) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("a teardown listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    private void installProviderUi() {
        session.capability(ProviderUiHost.class)
                .ifPresent(host -> host.setProviderUi(req -> {
                    ProviderUiHost.ProviderUi delegate = engine.providerUi();
                    String answer = req.defaultChoice();
                    boolean defaulted = true;
                    if (delegate != null && request.allowUi()) {
                        try {
                            String a = delegate.ask(req);
                            if (a != null && req.choices().contains(a)) {
                                answer = a;
                                defaulted = false;
                            }
                        } catch (RuntimeException e) {
                            LOG.warn("the provider UI failed; answering with the default", e);
                        }
                    }
                    Transcript.Prompt p =
                            new Transcript.Prompt(req.provider(), req.question(), req.choices(), answer, defaulted);
                    synchronized (prompts) {
                        prompts.add(p);
                    }
                    emit(new TeardownEvent.ProviderPrompt(p));
                    return answer;
                }));
    }

    // ---- step-through ------------------------------------------------------------------------

    /**
     * Step-through: waits for Next step (true), Cancel (false) or abandon (unwinds); no pause after Run to
     * end.
     */
    private boolean pauseBefore(int index, StepDefinition step) {
        long p0 = System.nanoTime();
        lock.lock();
        try {
            if (runToEnd) {
                return true;
            }
            awaiting = true;
            proceedPermit = false;
        } finally {
            lock.unlock();
        }
        emit(new TeardownEvent.AwaitingProceed(index, step));
        boolean cancel;
        lock.lock();
        try {
            while (!proceedPermit && !cancelRequested && !abandoned) {
                changed.awaitUninterruptibly();
            }
            cancel = cancelRequested && !proceedPermit;
            awaiting = false;
            proceedPermit = false;
        } finally {
            lock.unlock();
        }
        pausedNanos += System.nanoTime() - p0;
        checkAbandoned();
        return !cancel;
    }
}
