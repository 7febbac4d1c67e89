package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TimeoutChoice;
import dev.mapiworkbench.ui.TeardownGateway.PlannedStep;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import dev.mapiworkbench.ui.teardown.WaitItemViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Teardown events from the engine's thread → the pump, in order → the teardown panel's model. */
final class PumpedTeardownEvents implements TeardownGateway.TeardownEvents {

    private final TeardownController controller;
    private final TeardownViewModel teardown;
    private final FxEventPump pump;
    private final UiThread uiThread;

    PumpedTeardownEvents(TeardownController controller, FxEventPump pump, UiThread uiThread) {
        this.controller = controller;
        this.teardown = controller.panel();
        this.pump = pump;
        this.uiThread = uiThread;
    }

    @Override
    public void planned(String heading, List<PlannedStep> steps) {
        List<StepViewModel> rows = new ArrayList<>();
        for (PlannedStep p : steps) {
            StepViewModel s = new StepViewModel(rows.size() + 1, p.id(), p.title());
            s.setPlannedCalls(p.calls());
            rows.add(s);
        }
        pump.post(() -> {
            String h = heading == null || heading.isBlank()
                    ? teardown.headingProperty().get()
                    : heading;
            teardown.begin(h, rows, teardown.stepThroughProperty().get());
        });
    }

    @Override
    public void stepStarted(StepId stepId, String title) {
        pump.post(() -> {
            StepViewModel s = teardown.step(stepId, title);
            s.setPlannedCalls(List.of());
            teardown.stepStarted(stepId, title);
        });
    }

    @Override
    public void calls(StepId stepId, List<String> firstCalls, int total) {
        pump.postLatest(
                "calls:" + stepId.id(), () -> teardown.step(stepId, stepId.id()).setCalls(firstCalls, total));
    }

    @Override
    public CompletionStage<TimeoutChoice> askTimeout(int pending, long waitedSeconds) {
        CompletableFuture<TimeoutChoice> answer = new CompletableFuture<>();
        uiThread.runLater(() -> answer.complete(controller.dialogs().askTimeout(pending, waitedSeconds)));
        return answer;
    }

    @Override
    public void stepFinished(StepId stepId, String title, StepStatus status, String reason, long micros) {
        pump.post(() -> teardown.stepFinished(stepId, title, StepState.of(status), reason, micros));
    }

    @Override
    public void paused(StepId nextStepId) {
        pump.post(() -> teardown.pausedBeforeStep(nextStepId));
    }

    @Override
    public void callInProgress(StepId stepId, String call, long sinceNanos) {
        pump.post(() -> teardown.callInProgress(stepId, call, sinceNanos));
    }

    @Override
    public void waitStatus(long elapsedMillis, long timeoutMillis, String why) {
        pump.postLatest("waitStatus", () -> teardown.waitStatus(elapsedMillis, timeoutMillis, why));
    }

    @Override
    public void abandoned(String blocker) {
        pump.post(() -> {
            teardown.abandoned(blocker);
            controller.log("Teardown abandoned: " + blocker);
        });
    }

    @Override
    public void providerAnswered(String provider, String question, String answer, boolean defaulted) {
        pump.post(() -> {
            teardown.providerAnswered(provider, question, answer, defaulted);
            controller.log(TeardownViewModel.promptLine(provider, question, answer, defaulted));
        });
    }

    @Override
    public void carriedOver(List<String> leaks) {
        pump.post(() -> teardown.carriedOver(leaks));
    }

    @Override
    public void waitProgress(String key, String subject, String state, double fraction) {
        pump.post(() -> {
            if (!teardown.waitPhaseProperty().get()) {
                teardown.waitStarted(List.of(new WaitItemViewModel(key, subject)));
            }
            teardown.waitProgress(key, subject, state, fraction);
        });
    }

    @Override
    public void waitEnded(String summary) {
        pump.post(() -> teardown.waitEnded(summary));
    }

    @Override
    public void finished(String result, List<String> leaks, List<Finding> findings, boolean cancelled) {
        List<Finding> rows = List.copyOf(findings);
        pump.post(() -> {
            if (cancelled) {
                boolean inWait = !teardown.waitItems().isEmpty();
                String how = inWait ? "Cancelled while waiting for the Outbox." : "Cancelled in step-through.";
                controller.log("Logoff cancelled (" + (inWait ? "while waiting for the Outbox" : "in step-through")
                        + "); the session stays logged on; the transcript (outcome cancelled) can be exported");
                controller.cancelled();
                // the summary stays: Export transcript (outcome cancelled) and Close
                teardown.finishCancelled(how);
                return;
            }
            teardown.finish(result, leaks, rows);
            controller.log("Teardown finished: " + result + ", " + leaks.size() + " leak(s), " + findings.size()
                    + " finding(s)");
            controller.finished(result, leaks.size(), rows.size());
        });
    }

    @Override
    public void failed(Throwable error) {
        pump.post(() -> {
            teardown.finish(
                    "errors",
                    List.of(),
                    List.of(new Finding(
                            "engine", Severity.ERROR, String.valueOf(error.getMessage()), 0, null, StepId.ENGINE)));
            controller.failed();
            controller.dialogs().showError("The teardown failed: " + error.getMessage(), error);
        });
    }
}
