package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

    private static CallRecord call(String api, String target, String hresult, int value) {
        return Transcripts.call(api, target, hresult, value);
    }

    private static StepRecord step(int index, StepId id, StepStatus status, CallRecord... calls) {
        return Transcripts.step(index, id, status, calls);
    }

    private static Transcript run(String result, List<StepRecord> steps, List<Transcript.Leak> leaks) {
        return Transcripts.run("2026-12-01T10:00:00Z", result, steps, leaks, List.of(), List.of());
    }

    @Test
    void twoEqualRunsHaveNoDifferences() {
        Transcript t = TranscriptJsonTest.sample();
        RunComparison c = RunComparison.of(t, t);
        assertThat(c.differences()).isZero();
        assertThat(c.rows()).allMatch(r -> r.diff() == RunComparison.Diff.SAME);
    }

    @Test
    void aDifferentHresultAMissingCallAndANewLeakAreEachOneDifference() {
        Transcript left = run(
                Transcript.CLEAN,
                List.of(
                        step(1, StepId.UNADVISE, StepStatus.DONE, call("IMsgStore::Unadvise", "store", "S_OK", 0)),
                        step(
                                2,
                                StepId.LOGOFF,
                                StepStatus.DONE,
                                call("IMAPISession::Logoff", "session", "S_OK", 0),
                                call("IUnknown::Release", "session", "S_OK", 0))),
                List.of());
        Transcript right = run(
                Transcript.ERRORS,
                List.of(
                        step(1, StepId.UNADVISE, StepStatus.DONE, call("IMsgStore::Unadvise", "store", "S_OK", 0)),
                        step(
                                2,
                                StepId.LOGOFF,
                                StepStatus.FAILED,
                                call("IMAPISession::Logoff", "session", "MAPI_E_CALL_FAILED", 0x80004005))),
                List.of(new Transcript.Leak("SESSION", "session", null)));

        RunComparison c = RunComparison.of(left, right);

        assertThat(c.rows())
                .filteredOn(r -> r.diff() != RunComparison.Diff.SAME)
                .extracting(RunComparison.Row::kind, RunComparison.Row::diff, RunComparison.Row::note)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                RunComparison.Kind.RESULT, RunComparison.Diff.CHANGED, "clean → errors"),
                        org.assertj.core.groups.Tuple.tuple(
                                RunComparison.Kind.STEP, RunComparison.Diff.CHANGED, "done → failed"),
                        org.assertj.core.groups.Tuple.tuple(
                                RunComparison.Kind.CALL, RunComparison.Diff.CHANGED, "S_OK → MAPI_E_CALL_FAILED"),
                        org.assertj.core.groups.Tuple.tuple(
                                RunComparison.Kind.CALL, RunComparison.Diff.ONLY_LEFT, "missing call"),
                        org.assertj.core.groups.Tuple.tuple(
                                RunComparison.Kind.LEAK, RunComparison.Diff.ONLY_RIGHT, "new leak"));
        assertThat(c.differences()).isEqualTo(5);
        // the unchanged Unadvise pairs up in the same row
        assertThat(c.rows())
                .anyMatch(r -> r.kind() == RunComparison.Kind.CALL
                        && r.diff() == RunComparison.Diff.SAME
                        && r.left().startsWith("IMsgStore::Unadvise")
                        && r.right().startsWith("IMsgStore::Unadvise"));
    }

    @Test
    void aStepOnlyInOneRunBringsItsCallsAlong() {
        Transcript left = run(
                Transcript.CLEAN,
                List.of(step(1, StepId.UNADVISE, StepStatus.DONE, call("IMsgStore::Unadvise", "store", "S_OK", 0))),
                List.of());
        Transcript right = run(
                Transcript.CLEAN,
                List.of(
                        step(1, StepId.UNADVISE, StepStatus.DONE, call("IMsgStore::Unadvise", "store", "S_OK", 0)),
                        step(
                                2,
                                StepId.STORE_LOGOFF,
                                StepStatus.DONE,
                                call("IMsgStore::StoreLogoff", "store", "S_OK", 0))),
                List.of());

        RunComparison c = RunComparison.of(left, right);

        assertThat(c.rows())
                .filteredOn(r -> r.diff() == RunComparison.Diff.ONLY_RIGHT)
                .extracting(RunComparison.Row::kind, RunComparison.Row::note)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RunComparison.Kind.STEP, "step only in the right run"),
                        org.assertj.core.groups.Tuple.tuple(RunComparison.Kind.CALL, "new call"));
    }
}
