package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ClientListener;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One teardown run: the executor's task and the caller's handle. */
final class TeardownRun implements Teardown, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TeardownRun.class);
    private static final long POLL_MILLIS = 200;
    private static final long TICK_MILLIS = 1000;
    private static final long PEER_WAIT_MILLIS = 2000;

    private enum WaitCommand { NONE, CANCEL, LOG_OFF_NOW }

    private final TeardownEngine engine;
    private final ClientSession session;
    private final TeardownRequest request;
    private final List<StepDefinition> steps;
    private final TeardownListener listener;
    private final TimeoutHandler timeoutHandler;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Transcript.Prompt> prompts = new ArrayList<>();

    private boolean awaiting;
    private boolean proceedPermit;
    private volatile WaitCommand waitCommand = WaitCommand.NONE;
    private long waitNanos;
    private long pausedNanos;
    private final List<Transcript.Wait> waits = new ArrayList<>();

    TeardownRun(TeardownEngine engine, ClientSession session, TeardownRequest request, List<StepDefinition> steps,
                TeardownListener listener, TimeoutHandler timeoutHandler) {
        this.engine = engine;
        this.session = session;
        this.request = request;
        this.steps = List.copyOf(steps);
        this.listener = listener;
        this.timeoutHandler = timeoutHandler;
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
        command(WaitCommand.CANCEL);
    }

    @Override
    public void stopWaitingAndLogOff() {
        command(WaitCommand.LOG_OFF_NOW);
    }

    private void command(WaitCommand c) {
        lock.lock();
        try {
            if (waitCommand == WaitCommand.NONE) {
                waitCommand = c;
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
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

    private void execute() {
        long t0 = System.nanoTime();
        Instant startedAt = Instant.now();
        Ledger ledger = session.ledger();
        int flags = TeardownEngine.logoffFlags(session, request);
        int mapiInits = ledger.initCount(Ledger.Init.MAPI);
        int oleInits = ledger.initCount(Ledger.Init.OLE);
        int utilInits = ledger.initCount(Ledger.Init.MAPI_UTIL);
        boolean shared = session.isShared();
        boolean hadSession = session.mapiSession() != null;
        Optional<SubsystemDiagnostics> diag = session.capability(SubsystemDiagnostics.class);
        int leaksBefore = diag.map(d -> d.leaks().size()).orElse(0);
        int faultsBefore = diag.map(d -> d.faults().size()).orElse(0);
        session.refreshOutbox();
        int before = session.pendingMessages().size();
        List<String> drafts = dev.mapiworkbench.client.OutboxDrafts.find(session).stream()
                .map(dev.mapiworkbench.client.OutboxItem::subject).toList();
        installProviderUi();
        emit(new TeardownEvent.Started(request, steps, flags));

        List<StepRecord> records = new ArrayList<>();
        OrderLinter.Held atLogoff = null;
        Integer outboxAfter = null;
        boolean cancelled = false;
        boolean loggedOff = false;
        try {
            for (int i = 0; i < steps.size(); i++) {
                int index = i + 1;
                StepDefinition step = steps.get(i);
                if (cancelled) {
                    StepRecord rec = new StepRecord(index, step.id(), step.title(), step.seedStep(),
                            StepStatus.SKIPPED, "the logoff was cancelled while waiting for the Outbox", 0, List.of());
                    records.add(rec);
                    emit(new TeardownEvent.StepFinished(rec));
                    continue;
                }
                if (request.stepThrough()) {
                    pauseBefore(index, step);
                }
                if (step.id().equals("flush-outbox")) {
                    session.refreshOutbox();
                }
                TeardownPlanner.PlannedStep ps = engine.planner().plan(step, session, request, flags);
                emit(new TeardownEvent.StepStarted(index, step, ps.descriptions()));
                long s0 = System.nanoTime();
                StepRecord rec;
                if (ps.skipped()) {
                    rec = new StepRecord(index, step.id(), step.title(), step.seedStep(), StepStatus.SKIPPED,
                            ps.skipReason(), micros(s0), List.of());
                } else {
                    if (step.id().equals("logoff")) {
                        session.refreshOutbox();
                        outboxAfter = session.pendingMessages().size();
                        atLogoff = held(ledger);
                    }
                    List<CallRecord> calls = new ArrayList<>();
                    for (TeardownPlanner.PlannedCall call : ps.calls()) {
                        CallRecord cr = call.action().run();
                        calls.add(cr);
                        emit(new TeardownEvent.CallMade(index, cr));
                    }
                    if (step.id().equals("logoff")) {
                        loggedOff = true;
                    }
                    Optional<CallRecord> failed = calls.stream().filter(CallRecord::failed).findFirst();
                    StepStatus status = failed.isPresent() ? StepStatus.FAILED : StepStatus.DONE;
                    String reason = failed.map(CallRecord::describe).orElse(ps.note());
                    if (failed.isEmpty() && ps.note() != null && ps.note().startsWith("what-if")) {
                        status = StepStatus.WARNING;
                    }
                    if (step.id().equals("flush-outbox") && failed.isEmpty()) {
                        WaitOutcome w = waitForOutbox(index);
                        status = w.status;
                        reason = w.reason;
                        cancelled = w.cancelled;
                    }
                    rec = new StepRecord(index, step.id(), step.title(), step.seedStep(), status, reason, micros(s0),
                            calls);
                }
                records.add(rec);
                emit(new TeardownEvent.StepFinished(rec));
            }
        } catch (RuntimeException e) {
            LOG.error("the teardown engine failed", e);
            records.add(new StepRecord(records.size() + 1, "engine", "Teardown engine", 0, StepStatus.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), 0, List.of()));
        }

        OrderLinter.Held atEnd = held(ledger);
        if (outboxAfter == null) {
            session.refreshOutbox();
            outboxAfter = session.pendingMessages().size();
        }
        List<Transcript.Leak> leaks = new ArrayList<>();
        List<Transcript.Fault> faults = new ArrayList<>();
        if (diag.isPresent()) {
            List<SubsystemDiagnostics.Leak> all = diag.get().leaks();
            for (SubsystemDiagnostics.Leak l : all.subList(Math.min(leaksBefore, all.size()), all.size())) {
                leaks.add(new Transcript.Leak(l.kind(), l.name(), l.detail()));
            }
            List<SubsystemDiagnostics.Fault> fs = diag.get().faults();
            for (SubsystemDiagnostics.Fault f : fs.subList(Math.min(faultsBefore, fs.size()), fs.size())) {
                faults.add(new Transcript.Fault(f.id(), f.message(), f.fatal()));
            }
        } else if (!cancelled) {
            atEnd.objects().forEach(o -> leaks.add(new Transcript.Leak("OBJECT", o, "still held by the client")));
            atEnd.buffers().forEach(b -> leaks.add(new Transcript.Leak("BUFFER", b, "never freed")));
        }
        List<Transcript.Peer> peers = new ArrayList<>();
        if (shared) {
            session.capability(SharedSessionControl.class).ifPresent(c -> {
                if (loggedOffShared(records, flags)) {
                    awaitPeersLoggedOff(c);
                }
                c.peers().forEach(p -> peers.add(new Transcript.Peer(p.name(), p.loggedOn(), p.logoffReason())));
            });
        }
        OrderLinter.Trace trace = new OrderLinter.Trace(request.plan(), flags, records, mapiInits, oleInits, utilInits,
                atLogoff, atEnd, faults, cancelled, hadSession);
        List<Finding> findings = engine.linter().lint(trace);
        String res = OrderLinter.result(findings, records);
        long engineMicros = Math.max(0, (System.nanoTime() - t0 - waitNanos - pausedNanos) / 1000);
        List<Transcript.Prompt> promptList;
        synchronized (prompts) {
            promptList = List.copyOf(prompts);
        }
        Transcript transcript = new Transcript(Transcript.SCHEMA, request.mode().id(), request.plan().id(),
                session.backendId(), startedAt.toString(), engineMicros, cancelled ? "cancelled" : "logged-off",
                new Transcript.Flags(flags, MapiFlags.logoffFlagNames(flags)),
                Transcript.WhatIfRecord.of(request.whatIf()), records, new Transcript.Outbox(before, outboxAfter, drafts),
                waits, promptList, peers, leaks, faults, findings, res);
        session.endTeardown(!cancelled && (loggedOff || !records.isEmpty()));
        result.complete(transcript); // before the event, so isDone()/result() hold for a listener of Finished
        emit(new TeardownEvent.Finished(transcript));
    }

    private static boolean loggedOffShared(List<StepRecord> records, int flags) {
        return (flags & MapiFlags.MAPI_LOGOFF_SHARED) != 0 && records.stream().anyMatch(r -> r.id().equals("logoff")
                && r.status() != StepStatus.SKIPPED);
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
            waitNanos += System.nanoTime() - p0;
        }
    }

    private static long micros(long since) {
        return (System.nanoTime() - since) / 1000;
    }

    private static OrderLinter.Held held(Ledger ledger) {
        List<String> objects = ledger.objects().stream().filter(o -> o.role() != Ledger.Role.SESSION)
                .map(o -> o.kind().interfaceName() + " '" + o.name() + "'").toList();
        List<String> advises = ledger.advises().stream().map(a -> "connection " + Calls.hex(a.connection()) + " on "
                + a.sourceName()).toList();
        List<String> buffers = ledger.buffers().stream().map(b -> b.name() + " " + Calls.hex(b.buffer().address()))
                .toList();
        return new OrderLinter.Held(objects, advises, buffers);
    }

    private void emit(TeardownEvent event) {
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
        session.capability(ProviderUiHost.class).ifPresent(host -> host.setProviderUi(req -> {
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
            Transcript.Prompt p = new Transcript.Prompt(req.provider(), req.question(), req.choices(), answer,
                    defaulted);
            synchronized (prompts) {
                prompts.add(p);
            }
            emit(new TeardownEvent.ProviderPrompt(p));
            return answer;
        }));
    }

    // ---- step-through ------------------------------------------------------------------------

    private void pauseBefore(int index, StepDefinition step) {
        long p0 = System.nanoTime();
        lock.lock();
        try {
            awaiting = true;
            proceedPermit = false;
        } finally {
            lock.unlock();
        }
        emit(new TeardownEvent.AwaitingProceed(index, step));
        lock.lock();
        try {
            while (!proceedPermit) {
                changed.awaitUninterruptibly();
            }
            awaiting = false;
            proceedPermit = false;
        } finally {
            lock.unlock();
        }
        pausedNanos += System.nanoTime() - p0;
    }

    // ---- after-sending wait ------------------------------------------------------------------

    private record WaitOutcome(StepStatus status, String reason, boolean cancelled) {
    }

    private WaitOutcome waitForOutbox(int index) {
        long w0 = System.nanoTime();
        ClientListener wake = new ClientListener() {
            @Override
            public void outboxChanged() {
                lock.lock();
                try {
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
        session.addListener(wake);
        try {
            return doWait(index, w0);
        } finally {
            session.removeListener(wake);
            waitNanos += System.nanoTime() - w0;
        }
    }

    private WaitOutcome doWait(int index, long w0) {
        Duration timeout = request.timeout();
        long deadline = w0 + timeout.toNanos();
        Map<String, OutboxItem> tracked = new LinkedHashMap<>();
        for (OutboxItem i : session.pendingMessages()) {
            tracked.put(i.id(), i);
        }
        Map<String, Long> finishedAt = new HashMap<>();
        long lastTick = w0;
        emit(new TeardownEvent.WaitProgress(index, null, List.copyOf(tracked.values()), Duration.ZERO, timeout));
        String stopReason = null;
        boolean cancelled = false;
        while (true) {
            session.refreshOutbox();
            List<OutboxItem> snapshot = session.outboxSnapshot();
            List<OutboxItem> pending = snapshot.stream().filter(i -> tracked.containsKey(i.id()) && i.state().pending())
                    .toList();
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - w0);
            for (OutboxItem item : snapshot) {
                OutboxItem last = tracked.get(item.id());
                if (last != null && last.state() != item.state()) {
                    tracked.put(item.id(), item);
                    if (!item.state().pending()) {
                        finishedAt.put(item.id(), elapsed.toMillis());
                    }
                    emit(new TeardownEvent.WaitProgress(index, item, pending, elapsed, timeout));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            WaitCommand cmd = waitCommand;
            if (cmd == WaitCommand.CANCEL) {
                cancelled = true;
                stopReason = "the logoff was cancelled while waiting";
                break;
            }
            if (cmd == WaitCommand.LOG_OFF_NOW) {
                stopReason = "stopped waiting after " + seconds(elapsed);
                break;
            }
            if (now >= deadline) {
                TimeoutChoice choice = askTimeout(pending, elapsed);
                emit(new TeardownEvent.WaitTimedOut(index, pending, choice));
                if (choice == TimeoutChoice.KEEP_WAITING) {
                    deadline = System.nanoTime() + timeout.toNanos();
                    continue;
                }
                if (choice == TimeoutChoice.CANCEL_LOGOFF) {
                    cancelled = true;
                    stopReason = "timed out after " + seconds(elapsed) + "; the logoff was cancelled";
                } else {
                    stopReason = "timed out after " + seconds(elapsed);
                }
                break;
            }
            if (now - lastTick >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                lastTick = now;
                emit(new TeardownEvent.WaitProgress(index, null, pending, elapsed, timeout));
            }
            long waitFor = Math.min(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), Math.max(1, deadline - now));
            lock.lock();
            try {
                if (waitCommand == WaitCommand.NONE) {
                    changed.awaitNanos(waitFor);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopReason = "interrupted";
                break;
            } finally {
                lock.unlock();
            }
        }
        long sent = 0;
        List<String> failed = new ArrayList<>();
        List<String> queued = new ArrayList<>();
        long total = Duration.ofNanos(System.nanoTime() - w0).toMillis();
        for (OutboxItem i : tracked.values()) {
            String state = switch (i.state()) {
                case SENT -> "sent";
                case FAILED -> "failed";
                case DRAFT -> "draft";
                default -> "queued";
            };
            if (i.state() == OutboxItem.State.SENT) {
                sent++;
            } else if (i.state() == OutboxItem.State.FAILED) {
                failed.add("'" + i.subject() + "'" + (i.reason() == null ? "" : " (" + i.reason() + ")"));
            } else if (i.state().pending()) {
                queued.add("'" + i.subject() + "'");
            }
            waits.add(new Transcript.Wait(i.id(), i.subject(), state, i.reason(),
                    finishedAt.getOrDefault(i.id(), total)));
        }
        StringBuilder reason = new StringBuilder();
        reason.append(sent).append(" of ").append(tracked.size()).append(tracked.size() == 1 ? " message" : " messages")
                .append(" sent");
        if (!failed.isEmpty()) {
            reason.append("; failed: ").append(String.join(", ", failed));
        }
        if (stopReason != null) {
            reason.append("; ").append(stopReason);
        }
        if (!queued.isEmpty()) {
            reason.append("; ").append(cancelled ? "still queued: " : "left queued in the Outbox: ")
                    .append(String.join(", ", queued));
        }
        StepStatus status = failed.isEmpty() && queued.isEmpty() && stopReason == null ? StepStatus.DONE
                : StepStatus.WARNING;
        return new WaitOutcome(status, reason.toString(), cancelled);
    }

    /**
     * Asks the timeout handler and waits for its answer; a cancelWait() or stopWaitingAndLogOff() made
     * meanwhile answers instead (so a dialog that never closes cannot hold the teardown). A handler that
     * throws or fails means "log off now".
     */
    private TimeoutChoice askTimeout(List<OutboxItem> pending, Duration waited) {
        if (!request.allowUi() || timeoutHandler == null) {
            return TimeoutChoice.LOG_OFF_NOW;
        }
        CompletableFuture<TimeoutChoice> answer;
        try {
            answer = timeoutHandler.onTimeout(pending, waited).toCompletableFuture();
        } catch (RuntimeException e) {
            LOG.warn("the timeout handler failed; logging off", e);
            return TimeoutChoice.LOG_OFF_NOW;
        }
        answer.whenComplete((c, e) -> {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
        lock.lock();
        try {
            while (!answer.isDone()) {
                WaitCommand cmd = waitCommand;
                if (cmd != WaitCommand.NONE) {
                    answer.cancel(false);
                    return cmd == WaitCommand.CANCEL ? TimeoutChoice.CANCEL_LOGOFF : TimeoutChoice.LOG_OFF_NOW;
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TimeoutChoice.LOG_OFF_NOW;
        } finally {
            lock.unlock();
        }
        try {
            TimeoutChoice c = answer.getNow(null);
            return c == null ? TimeoutChoice.LOG_OFF_NOW : c;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            LOG.warn("the timeout handler failed; logging off", e.getCause() == null ? e : e.getCause());
            return TimeoutChoice.LOG_OFF_NOW;
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
