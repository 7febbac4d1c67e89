package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.OrderLinter;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.StepDefinition;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TeardownEvent;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.ui.TeardownGateway.PlannedStep;
import dev.mapiworkbench.ui.TeardownGateway.TeardownEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Engine events in, the window's events out; fed by hand. */
class TeardownEventBridgeTest {

    /** Records what the window would be told, one line per event. */
    private static class Recorder implements TeardownEvents {
        final List<String> lines = new ArrayList<>();
        List<Finding> findings;

        @Override
        public void planned(String heading, List<PlannedStep> steps) {
            lines.add("planned " + steps.stream().map(s -> s.id().id()).toList());
        }

        @Override
        public void stepStarted(StepId stepId, String title) {
            lines.add("started " + stepId);
        }

        @Override
        public void calls(StepId stepId, List<String> firstCalls, int total) {
            lines.add("calls " + stepId + " " + firstCalls.size() + "/" + total);
        }

        @Override
        public void stepFinished(StepId stepId, String title, StepStatus status, String reason, long micros) {
            lines.add("finished " + stepId + " " + status);
        }

        @Override
        public void paused(StepId nextStepId) {
            lines.add("paused " + nextStepId);
        }

        @Override
        public void waitProgress(String key, String subject, String state, double fraction) {
            lines.add("wait " + key + " " + state + " " + fraction);
        }

        @Override
        public void waitEnded(String summary) {
            lines.add("waitEnded " + summary);
        }

        @Override
        public CompletionStage<TimeoutChoice> askTimeout(int pending, long waitedSeconds) {
            return CompletableFuture.completedFuture(TimeoutChoice.LOG_OFF_NOW);
        }

        @Override
        public void carriedOver(List<String> leaks) {
            lines.add("carried over " + leaks);
        }

        @Override
        public void finished(String result, List<String> leaks, List<Finding> f, boolean cancelled) {
            findings = f;
            lines.add("done " + result + " " + leaks + " cancelled=" + cancelled);
        }

        @Override
        public void failed(Throwable error) {
            lines.add("failed");
        }
    }

    private static CallRecord call(int n) {
        return new CallRecord("IMAPIFolder::Release", "folder " + n, Map.of(), "S_OK", 0, 1, null, 1);
    }

    private static StepDefinition def(StepId id) {
        return Plan.DESKTOP.step(id).orElse(Plan.FLUSH_OUTBOX);
    }

    private static Transcript transcript(String outcome, Finding finding, Transcript.Leak... carriedOver) {
        return new Transcript(
                Transcript.SCHEMA,
                "now",
                "desktop",
                "sim",
                "2026-12-01T09:00:00Z",
                1,
                outcome,
                new Transcript.Flags(0, List.of()),
                null,
                List.of(),
                new Transcript.Outbox(0, 0),
                List.of(),
                List.of(),
                List.of(),
                List.of(new Transcript.Leak("OBJECT", "Inbox", "still held")),
                List.of(),
                List.of(finding),
                Transcript.ERRORS,
                List.of(carriedOver),
                null,
                List.of());
    }

    private static OutboxItem item(String id, OutboxItem.State state) {
        return new OutboxItem(id, "s-" + id, List.of("a@example.com"), state, null, Instant.EPOCH);
    }

    @Test
    void stepsAndCallsAreForwardedWithOnlyTheFirstCallsInFull() {
        Recorder r = new Recorder();
        TeardownEventBridge bridge = new TeardownEventBridge(r, () -> r.lines.add("refresh"));
        StepDefinition release = def(StepId.RELEASE_OBJECTS);
        bridge.onEvent(new TeardownEvent.Started(
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW), List.of(def(StepId.UNADVISE), release), 0));
        bridge.onEvent(new TeardownEvent.AwaitingProceed(2, release));
        bridge.onEvent(new TeardownEvent.StepStarted(2, release, List.of("a", "b", "c", "d", "e")));
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(call(i));
            bridge.onEvent(new TeardownEvent.CallMade(2, call(i)));
        }
        bridge.onEvent(new TeardownEvent.StepFinished(
                new StepRecord(2, StepId.RELEASE_OBJECTS, release.title(), 2, StepStatus.DONE, null, 5, calls)));

        assertThat(r.lines)
                .containsExactly(
                        "planned [unadvise, release-objects]",
                        "paused release-objects",
                        "started release-objects",
                        "calls release-objects 3/5",
                        "calls release-objects 1/1",
                        "calls release-objects 2/2",
                        "calls release-objects 3/3",
                        "calls release-objects 3/4",
                        "calls release-objects 3/5",
                        "calls release-objects 3/5",
                        "finished release-objects DONE");
    }

    @Test
    void theWaitIsForwardedPerMessageAndEndsWithTheFlushStep() {
        Recorder r = new Recorder();
        TeardownEventBridge bridge = new TeardownEventBridge(r, () -> {});
        bridge.onEvent(new TeardownEvent.WaitProgress(
                1,
                item("m1", OutboxItem.State.SENT),
                List.of(item("m2", OutboxItem.State.LOCKED)),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5)));
        bridge.onEvent(new TeardownEvent.StepFinished(
                new StepRecord(1, StepId.FLUSH_OUTBOX, "Flush", 0, StepStatus.WARNING, "1 of 2 sent", 9, List.of())));

        assertThat(r.lines)
                .containsExactly(
                        "wait m2 sending -1.0",
                        "wait m1 sent 1.0",
                        "waitEnded Wait finished: warning",
                        "finished flush-outbox WARNING");
    }

    @Test
    void theEndCarriesResultLeakLinesTheEngineFindingsAndCancelled() {
        Finding f = new Finding(
                OrderLinter.OBJECTS_OPEN_AT_LOGOFF,
                Severity.ERROR,
                "1 object open",
                2,
                Plan.DESKTOP.seed(),
                StepId.RELEASE_OBJECTS);
        Recorder r = new Recorder();
        AtomicInteger refreshed = new AtomicInteger();
        TeardownEventBridge bridge = new TeardownEventBridge(r, refreshed::incrementAndGet);
        bridge.onEvent(new TeardownEvent.Finished(transcript(Transcript.CANCELLED, f)));
        bridge.onEvent(new TeardownEvent.Finished(
                transcript(Transcript.LOGGED_OFF, f, new Transcript.Leak("BUFFER", "0x7F00", "48 bytes"))));

        assertThat(r.lines)
                .containsExactly(
                        "done errors [OBJECT 'Inbox' — still held] cancelled=true",
                        "carried over [BUFFER '0x7F00' — 48 bytes]",
                        "done errors [OBJECT 'Inbox' — still held] cancelled=false");
        assertThat(r.findings).containsExactly(f);
        assertThat(refreshed).hasValue(2);
    }

    @Test
    void aFailingWindowListenerNeverReachesTheEngine() {
        Recorder throwing = new Recorder() {
            @Override
            public void stepStarted(StepId stepId, String title) {
                throw new IllegalStateException("view gone");
            }
        };
        TeardownEventBridge bridge = new TeardownEventBridge(throwing, () -> {});
        bridge.onEvent(new TeardownEvent.StepStarted(1, def(StepId.UNADVISE), List.of()));
        bridge.onEvent(new TeardownEvent.StepFinished(
                new StepRecord(1, StepId.UNADVISE, "u", 1, StepStatus.SKIPPED, "none", 0, List.of())));
        assertThat(throwing.lines).containsExactly("finished unadvise SKIPPED");
    }
}
