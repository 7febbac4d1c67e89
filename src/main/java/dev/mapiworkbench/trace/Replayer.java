package dev.mapiworkbench.trace;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import dev.mapiworkbench.trace.ReplayState.Answer;
import dev.mapiworkbench.trace.ReplayState.Unsupported;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Performs a trace's calls against a {@link MapiRuntime} (the simulator) — docs/trace.md, "Replay", decision
 * 0240. Handles are mapped onto the objects, buffers and connection numbers the runtime hands back; the
 * calls run in the trace's order, each trace thread on one thread of its own. Where the runtime answers
 * differently from what the trace recorded (another HRESULT, another reference count, a call that blocks) a
 * {@link Difference} says so; calls the replayer cannot perform are listed as not replayed, never dropped
 * silently. The replayed run is itself a trace (the runtime's HRESULTs), for the linter.
 */
public final class Replayer {

    /** One place where the runtime's behaviour differs from the trace. */
    public record Difference(long seq, int line, String api, String recorded, String replayed, String detail) {
        /** {@code seq 7 IMAPISession::OpenMsgStore: trace S_OK, simulator MAPI_E_END_OF_SESSION (…)}. */
        public String describe() {
            return "seq " + seq + " " + api + ": trace " + recorded + ", simulator " + replayed
                    + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        }
    }

    /** A call the replayer did not perform, and why. */
    public record NotReplayed(long seq, int line, String api, String reason) {
        public String describe() {
            return "seq " + seq + " " + api + ": not replayed: " + reason;
        }
    }

    /**
     * What the replay found.
     *
     * @param replayed    the replayed run as a trace (the runtime's HRESULTs and counts, the trace's handles)
     * @param differences where the runtime differs from the trace, in call order
     * @param notReplayed calls not performed, in call order
     * @param leaks       the runtime's leak report after the last call
     * @param faults      the faults the runtime noticed (what the real subsystem would show as misbehaviour)
     * @param stillLive   objects the runtime still has alive after the last call
     */
    public record Result(
            Trace replayed,
            List<Difference> differences,
            List<NotReplayed> notReplayed,
            List<SubsystemDiagnostics.Leak> leaks,
            List<SubsystemDiagnostics.Fault> faults,
            List<SubsystemDiagnostics.ObjectInfo> stillLive) {
        public Result {
            differences = List.copyOf(differences);
            notReplayed = List.copyOf(notReplayed);
            leaks = List.copyOf(leaks);
            faults = List.copyOf(faults);
            stillLive = List.copyOf(stillLive);
        }

        /** No difference and no leak. */
        public boolean agrees() {
            return differences.isEmpty() && leaks.isEmpty();
        }
    }

    private final MapiRuntime runtime;
    private final Duration callTimeout;
    private final ReplayState state;
    private final ReplayCalls calls;

    /**
     * @param runtime     the runtime to perform the calls on (not yet initialised: the trace's MAPIInitialize does it)
     * @param callTimeout how long one call may take before it counts as blocked and its thread is abandoned
     */
    public Replayer(MapiRuntime runtime, Duration callTimeout) {
        this.runtime = runtime;
        this.callTimeout = callTimeout;
        this.state = new ReplayState(runtime);
        this.calls = new ReplayCalls(state);
    }

    /** Replays every call of {@code trace} in order; returns what differed. */
    public Result replay(Trace trace) {
        List<Difference> diffs = new ArrayList<>();
        List<NotReplayed> skipped = new ArrayList<>();
        List<TraceCall> replayed = new ArrayList<>();
        Map<Integer, ExecutorService> threads = new LinkedHashMap<>();
        Map<Integer, Long> blocked = new HashMap<>();
        try {
            for (TraceCall c : trace.calls()) {
                if (c.synthetic()) {
                    skipped.add(new NotReplayed(
                            c.seq(), c.line(), c.api(), "a synthetic line (what the client held before the trace)"));
                    continue;
                }
                Long blockedAt = blocked.get(c.thread());
                if (blockedAt != null) {
                    skipped.add(new NotReplayed(
                            c.seq(),
                            c.line(),
                            c.api(),
                            "thread " + c.thread() + " is still blocked in the call of seq " + blockedAt));
                    continue;
                }
                String missing = missingHandle(c);
                if (missing != null) {
                    skipped.add(new NotReplayed(c.seq(), c.line(), c.api(), missing));
                    continue;
                }
                ExecutorService ex = threads.computeIfAbsent(
                        c.thread(),
                        t -> Executors.newSingleThreadExecutor(r -> {
                            Thread th = new Thread(r, "replay-thread-" + t);
                            th.setDaemon(true);
                            return th;
                        }));
                Future<Answer> f = ex.submit(() -> calls.perform(c));
                Answer a;
                try {
                    a = f.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    blocked.put(c.thread(), c.seq());
                    diffs.add(new Difference(
                            c.seq(),
                            c.line(),
                            c.api(),
                            MapiNames.hresultName(c.hr()),
                            "no return",
                            "the call blocked for more than " + callTimeout.toMillis() + " ms; thread " + c.thread()
                                    + " is abandoned"));
                    continue;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Unsupported u) {
                        skipped.add(new NotReplayed(c.seq(), c.line(), c.api(), u.getMessage()));
                        continue;
                    }
                    a = new Answer(HResult.MAPI_E_CALL_FAILED.value(), null, Map.of(), String.valueOf(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                compare(c, a, diffs);
                replayed.add(new TraceCall(
                        c.seq(),
                        c.thread(),
                        c.api(),
                        c.self(),
                        c.args(),
                        a.hr() < 0 ? Map.of() : c.out(),
                        a.hr(),
                        a.ret(),
                        c.line(),
                        c.step(),
                        false,
                        c.labels()));
            }
        } finally {
            threads.values().forEach(ExecutorService::shutdownNow);
        }
        SubsystemDiagnostics diag =
                runtime.capability(SubsystemDiagnostics.class).orElse(null);
        return new Result(
                new Trace(trace.name(), "replay on " + runtime.backendId() + " of: " + trace.source(), replayed),
                diffs,
                skipped,
                diag == null ? List.of() : diag.leaks(),
                diag == null ? List.of() : diag.faults(),
                diag == null ? List.of() : diag.liveObjects());
    }

    /** Why a call cannot run because a handle it names has no counterpart, or null. */
    private String missingHandle(TraceCall c) {
        if (c.self() != null && !state.objects.containsKey(c.self())) {
            String why = state.failedHandles.get(c.self());
            return c.self() + " has no simulated object"
                    + (why != null ? " (" + why + ")" : " (the trace never handed it back)");
        }
        return null;
    }

    private void compare(TraceCall c, Answer a, List<Difference> diffs) {
        if (a.hr() != c.hr()) {
            diffs.add(new Difference(
                    c.seq(),
                    c.line(),
                    c.api(),
                    MapiNames.hresultName(c.hr()),
                    MapiNames.hresultName(a.hr()),
                    a.detail()));
            if (c.hr() >= 0 && a.hr() < 0) {
                c.out().values().stream()
                        .filter(v -> v instanceof String)
                        .map(String.class::cast)
                        .forEach(h ->
                                state.failedHandles.put(h, "its call, seq " + c.seq() + ", failed on the simulator"));
            }
        } else if (c.ret() != null && a.ret() != null && !c.ret().equals(a.ret())) {
            diffs.add(new Difference(
                    c.seq(),
                    c.line(),
                    c.api(),
                    "returned " + c.ret(),
                    "returned " + a.ret(),
                    "a different reference count"));
        }
    }
}
