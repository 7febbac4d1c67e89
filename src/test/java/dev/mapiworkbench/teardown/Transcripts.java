package dev.mapiworkbench.teardown;

import java.util.List;
import java.util.Map;

/** Small transcripts for tests of other packages (history, report). */
public final class Transcripts {

    private Transcripts() {}

    public static CallRecord call(String api, String target, String hresult, int value) {
        return new CallRecord(api, target, Map.of(), hresult, value, 1, null, 1);
    }

    public static StepRecord step(int index, StepId id, StepStatus status, CallRecord... calls) {
        return new StepRecord(index, id, id.id(), index, status, null, 1, List.of(calls));
    }

    /** A desktop "now" run started at {@code startedAt} with these steps, leaks and findings. */
    public static Transcript run(
            String startedAt,
            String result,
            List<StepRecord> steps,
            List<Transcript.Leak> leaks,
            List<Finding> findings,
            List<Transcript.Peer> peers) {
        return new Transcript(
                Transcript.SCHEMA,
                "now",
                "desktop",
                "sim",
                startedAt,
                1,
                "logged-off",
                new Transcript.Flags(0, List.of()),
                Transcript.WhatIfRecord.of(WhatIf.none()),
                steps,
                new Transcript.Outbox(0, 0),
                List.of(),
                List.of(),
                peers,
                leaks,
                List.of(),
                findings,
                result,
                List.of(),
                null,
                List.of());
    }

    /** {@code t} with these provider prompts and findings instead of its own (its run set-up dropped). */
    public static Transcript with(Transcript t, List<Transcript.Prompt> prompts, List<Finding> findings) {
        return new Transcript(
                t.schema(),
                t.mode(),
                t.plan(),
                t.backend(),
                t.startedAt(),
                t.engineMicros(),
                t.outcome(),
                t.flags(),
                t.whatIf(),
                t.steps(),
                t.outbox(),
                t.waits(),
                prompts,
                t.peers(),
                t.leaks(),
                t.faults(),
                findings,
                t.result(),
                t.carriedOver(),
                null,
                t.threads());
    }

    /** A clean run: Logoff and Release of the session. */
    public static Transcript clean(String startedAt) {
        return run(
                startedAt,
                Transcript.CLEAN,
                List.of(step(
                        1,
                        StepId.LOGOFF,
                        StepStatus.DONE,
                        call("IMAPISession::Logoff", "session", "S_OK", 0),
                        call("IUnknown::Release", "session", "S_OK", 0))),
                List.of(),
                List.of(),
                List.of());
    }

    /** The same run with Logoff failing, the Release missing and the session leaked. */
    public static Transcript failedLogoff(String startedAt) {
        return run(
                startedAt,
                Transcript.ERRORS,
                List.of(step(
                        1,
                        StepId.LOGOFF,
                        StepStatus.FAILED,
                        call("IMAPISession::Logoff", "session", "MAPI_E_CALL_FAILED", 0x80004005))),
                List.of(new Transcript.Leak("SESSION", "session <b>&amp;</b>", null)),
                List.of(),
                List.of());
    }
}
