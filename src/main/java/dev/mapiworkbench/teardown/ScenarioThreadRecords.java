package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ScenarioThreads;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.trace.TraceCall;
import dev.mapiworkbench.trace.TraceLedger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario's extra threads in a teardown's records (decision 0550): their calls as the transcript's
 * {@code threads[]}, and the threads rules ({@link ThreadRules}: Griffin's "MAPI Multithreading Rules", docs/rules.md
 * [S10]) checked over the whole run — the threads' calls and the session's, each on its own thread, in the order
 * of the run's phases (before the logon, the session's MAPIInitialize, after the logon, before the teardown, the
 * teardown's calls, after the teardown).
 */
public final class ScenarioThreadRecords {

    /** The rule ids the threads can add to a run's findings. */
    static final Set<String> THREAD_RULES = Set.of(
            RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT,
            RuleCatalogue.THREAD_EXITED_INITIALIZED,
            RuleCatalogue.FIRST_THREAD_UNINIT_EARLY);

    private ScenarioThreadRecords() {}

    /** The threads and their calls so far; empty for null or none. */
    public static List<Transcript.ThreadRun> runs(ScenarioThreads threads) {
        if (threads == null || threads.isEmpty()) {
            return List.of();
        }
        List<ScenarioThreads.Call> calls = threads.calls();
        List<Transcript.ThreadRun> out = new ArrayList<>();
        for (ScenarioThreads.Outcome o : threads.outcomes()) {
            List<Transcript.ThreadCall> mine = calls.stream()
                    .filter(c -> c.number() == o.number())
                    .map(c -> new Transcript.ThreadCall(
                            c.phase().word(),
                            c.api(),
                            c.args(),
                            c.hresult(),
                            c.hresultValue(),
                            c.durationMicros(),
                            c.detail()))
                    .toList();
            out.add(new Transcript.ThreadRun(
                    o.spec().name(), o.number(), o.spec().toString(), o.state(), mine));
        }
        return out;
    }

    /** The calls of every thread made in {@code phase}, in the threads' order. */
    static List<Map.Entry<Integer, Transcript.ThreadCall>> inPhase(List<Transcript.ThreadRun> runs, String phase) {
        List<Map.Entry<Integer, Transcript.ThreadCall>> out = new ArrayList<>();
        for (Transcript.ThreadRun r : runs) {
            for (Transcript.ThreadCall c : r.calls()) {
                if (phase.equals(c.phase())) {
                    out.add(Map.entry(r.thread(), c));
                }
            }
        }
        return out;
    }

    /**
     * {@code findings} with the threads rules' findings over the whole run added (those rules' earlier findings
     * replaced), in rule order.
     *
     * @param mapiInits   the session's MAPIInitialize calls (its ledger when the teardown started)
     * @param logonThread the session's MAPI thread
     * @param initFlags   MAPIINIT_0.ulFlags of the session's MAPIInitialize
     */
    static List<Finding> withThreadFindings(
            List<Finding> findings,
            List<Transcript.ThreadRun> runs,
            List<StepRecord> steps,
            int mapiInits,
            int logonThread,
            int initFlags,
            boolean cancelled) {
        List<TraceCall> calls = new ArrayList<>();
        phase(calls, runs, ScenarioThreads.Phase.BEFORE_LOGON.word());
        for (int i = 0; i < mapiInits; i++) {
            calls.add(call(calls, logonThread, "MAPIInitialize", initArgs(initFlags), 0));
        }
        phase(calls, runs, ScenarioThreads.Phase.AFTER_LOGON.word());
        phase(calls, runs, ScenarioThreads.Phase.BEFORE_TEARDOWN.word());
        for (StepRecord s : steps) {
            for (CallRecord c : s.calls()) {
                if (!c.api().contains("::")) {
                    calls.add(call(calls, c.traceThread(), c.api(), Map.of(), c.hresultValue()));
                }
            }
        }
        phase(calls, runs, ScenarioThreads.Phase.AFTER_TEARDOWN.word());
        List<Finding> added = new ArrayList<>();
        TraceLedger ledger = new TraceLedger();
        ThreadRules rules = new ThreadRules((rule, message, seq) -> added.add(finding(rule, message)));
        for (TraceCall c : calls) {
            if (c.api().equals("MAPIInitialize")) {
                rules.initialize(c);
            } else if (c.api().equals("MAPIUninitialize")) {
                rules.uninitializing(c, ledger);
            }
            ledger.apply(c);
            if (c.api().equals("MAPIUninitialize")) {
                rules.uninitialized(c, ledger);
            }
        }
        rules.finish(
                ledger,
                cancelled,
                calls.isEmpty() ? 0 : calls.get(calls.size() - 1).seq());
        List<Finding> out = new ArrayList<>(
                findings.stream().filter(f -> !THREAD_RULES.contains(f.rule())).toList());
        out.addAll(added);
        List<String> order =
                RuleCatalogue.rules().stream().map(RuleCatalogue.Rule::id).toList();
        out.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f.rule())));
        return out;
    }

    /** MAPIInitialize's argument as a trace writes it. */
    static Map<String, Object> initArgs(int flags) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("ulVersion", (long) MapiFlags.MAPI_INIT_VERSION);
        init.put("ulFlags", Integer.toUnsignedLong(flags));
        return Map.of("lpMapiInit", init);
    }

    private static void phase(List<TraceCall> calls, List<Transcript.ThreadRun> runs, String phase) {
        for (Map.Entry<Integer, Transcript.ThreadCall> e : inPhase(runs, phase)) {
            Transcript.ThreadCall c = e.getValue();
            Map<String, Object> args = c.api().equals("MAPIInitialize")
                    ? initArgs(
                            dev.mapiworkbench.mapi.FlagSet.INIT.parse(c.args().getOrDefault("ulFlags", "0")))
                    : Map.of();
            calls.add(call(calls, e.getKey(), c.api(), args, c.hresultValue()));
        }
    }

    private static TraceCall call(List<TraceCall> calls, int thread, String api, Map<String, Object> args, int hr) {
        return new TraceCall(calls.size() + 1L, thread, api, null, args, Map.of(), hr, null, 0, null, false, Map.of());
    }

    /** A finding about no call of the teardown's own sequence (seq 0): the calls are on other threads too. */
    private static Finding finding(String rule, String message) {
        RuleCatalogue.Rule r = RuleCatalogue.rule(rule).orElseThrow();
        return new Finding(rule, r.severity(), message, 0, null, null, 0, RuleCatalogue.primarySource(rule));
    }
}
