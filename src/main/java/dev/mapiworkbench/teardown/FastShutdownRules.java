package dev.mapiworkbench.teardown;

import dev.mapiworkbench.trace.MapiNames;
import dev.mapiworkbench.trace.TraceCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast-shutdown rules of {@link TraceLinter}'s pass ("Best Practices for Fast Shutdown", docs/rules.md):
 * {@code fast-shutdown-not-gated} (NotifyProcessShutdown or DoFastShutdown without a QueryFastShutdown that
 * returned S_OK on the same IMAPIClientShutdown) and {@code call-after-fast-shutdown} (any call after a
 * successful DoFastShutdown, MAPIUninitialize included; decision 0140).
 */
final class FastShutdownRules {

    private final TraceLinter.Sink sink;
    /** Per IMAPIClientShutdown handle: the HRESULT of its last QueryFastShutdown. */
    private final Map<String, Integer> lastQuery = new HashMap<>();

    private TraceCall done;
    private final List<String> after = new ArrayList<>();
    private long afterSeq;

    FastShutdownRules(TraceLinter.Sink sink) {
        this.sink = sink;
    }

    /** Every call, first: what follows a successful DoFastShutdown. */
    void call(TraceCall c) {
        if (done != null && !c.synthetic()) {
            after.add(c.api() + " (seq " + c.seq() + ")");
            if (afterSeq == 0) {
                afterSeq = c.seq();
            }
        }
    }

    void query(TraceCall c) {
        lastQuery.put(String.valueOf(c.self()), c.hr());
    }

    /** NotifyProcessShutdown or DoFastShutdown ({@code method}). */
    void notifyOrDo(TraceCall c, String method) {
        Integer q = lastQuery.get(String.valueOf(c.self()));
        if (q == null || q != 0) {
            sink.add(
                    RuleCatalogue.FAST_SHUTDOWN_NOT_GATED,
                    "IMAPIClientShutdown::" + method + " was called "
                            + (q == null
                                    ? "without IMAPIClientShutdown::QueryFastShutdown"
                                    : "although QueryFastShutdown returned " + MapiNames.hresultName(q))
                            + "; providers may lose data (Best Practices for Fast "
                            + "Shutdown)",
                    c.seq());
        }
        if (method.equals("DoFastShutdown") && !c.failed() && done == null) {
            done = c;
        }
    }

    void finish() {
        if (!after.isEmpty()) {
            sink.add(
                    RuleCatalogue.CALL_AFTER_FAST_SHUTDOWN,
                    TraceLinter.count(after, "call") + " after "
                            + "DoFastShutdown (seq " + done.seq() + ") succeeded (" + TraceLinter.list(after)
                            + "); after DoFastShutdown the client exits without any MAPI call, not even "
                            + "MAPIUninitialize",
                    afterSeq);
        }
    }
}
