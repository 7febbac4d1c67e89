package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.ui.TeardownGateway.RunningTeardown;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The logoff flow and the teardown panel's commands: File › Log off (the dialog when UI is allowed, straight to
 * the teardown otherwise), Exit after the logoff, starting the run, and what the panel's buttons do with the
 * running teardown (next step, run to end, cancel, abandon, unblock, export, copy as command). The run's
 * events reach the panel through {@link PumpedTeardownEvents}.
 */
final class TeardownController {

    private final ViewModelContext ctx;
    private final TeardownViewModel teardown;
    private final BooleanProperty tearingDown;
    private final ObjectProperty<Runnable> onExit;
    private final HistoryViewModel history;
    private final ObservableList<String> pendingLines;
    private final PumpedTeardownEvents events;

    private final BooleanProperty teardownVisible = new SimpleBooleanProperty(this, "teardownVisible");
    private final BooleanProperty allowUiPreference = new SimpleBooleanProperty(this, "allowUiPreference", true);
    /**
     * What every logoff starts from: the window's --strict-8-steps, --timeout and --logoff-flags (the
     * dialog opens with them; without the dialog they are used as they are).
     */
    private final ObjectProperty<TeardownRequest> logoffDefaults =
            new SimpleObjectProperty<>(this, "logoffDefaults", TeardownRequest.of(Plan.DESKTOP, Mode.NOW));

    private volatile RunningTeardown running;
    private boolean exitAfterTeardown;
    private final UiThread uiThread;

    /**
     * {@code tearingDown} is set here while a run goes; {@code onExit} runs when an Exit waited for the run;
     * {@code pendingLines} is what the logoff dialog lists; a saved run goes to {@code history}.
     */
    TeardownController(
            ViewModelContext ctx,
            TeardownViewModel teardown,
            BooleanProperty tearingDown,
            ObjectProperty<Runnable> onExit,
            HistoryViewModel history,
            ObservableList<String> pendingLines,
            FxEventPump pump,
            UiThread uiThread) {
        this.ctx = ctx;
        this.teardown = teardown;
        this.tearingDown = tearingDown;
        this.onExit = onExit;
        this.history = history;
        this.pendingLines = pendingLines;
        this.uiThread = uiThread;
        this.events = new PumpedTeardownEvents(this, pump, uiThread);
        teardown.onNextStepProperty().set(this::nextStep);
        teardown.onCancelWaitProperty().set(this::cancelWait);
        teardown.onStopWaitingProperty().set(this::stopWaitingAndLogOff);
        teardown.onExportTranscriptProperty().set(this::exportTranscript);
        teardown.onAbandonProperty().set(this::abandonTeardown);
        teardown.onUnblockProperty().set(this::unblock);
        teardown.onCancelStepsProperty().set(this::cancelSteps);
        teardown.onRunToEndProperty().set(this::runToEnd);
        teardown.onCloseProperty().set(() -> teardownVisible.set(false));
        teardown.allCallsProperty().set(id -> {
            RunningTeardown r = running;
            return r == null ? List.of() : r.allCalls(id);
        });
        teardown.onCopyCommandProperty().set(this::copyCommand);
        new OwnTraceCommands(ctx, () -> running).bind(teardown.ownTrace());
    }

    BooleanProperty teardownVisibleProperty() {
        return teardownVisible;
    }

    BooleanProperty allowUiPreferenceProperty() {
        return allowUiPreference;
    }

    ObjectProperty<TeardownRequest> logoffDefaultsProperty() {
        return logoffDefaults;
    }

    TeardownViewModel panel() {
        return teardown;
    }

    DialogService dialogs() {
        return ctx.dialogs();
    }

    void log(String line) {
        ctx.log(line);
    }

    /** Closing the window or File › Exit: log off first (through the dialog), then exit. */
    void requestExit() {
        if (tearingDown.get()) {
            exitDuringTeardown();
            return;
        }
        if (!ctx.loggedOn().get()) {
            TeardownViewModel.fire(onExit);
            return;
        }
        requestLogoff(true, false);
    }

    /**
     * Exit while a run goes (decision 0600): ask, rather than wait in silence for a run that may stay blocked;
     * Abandon is offered while a call is blocked.
     */
    private void exitDuringTeardown() {
        String blocked = teardown.blockedTextProperty().get();
        boolean canAbandon = running != null && !blocked.isBlank();
        ExitChoice choice = ctx.dialogs().askExitDuringTeardown(blocked, canAbandon);
        if (choice != ExitChoice.KEEP_WINDOW && !tearingDown.get()) {
            requestExit(); // the run ended while the dialog was open: exit as from an idle window
            return;
        }
        switch (choice) {
            case KEEP_WINDOW -> {
                exitAfterTeardown = false;
                ctx.log("Exit cancelled: the teardown goes on and the window stays");
            }
            case EXIT_WHEN_ENDED -> {
                exitAfterTeardown = true; // exit as soon as the running teardown ends
                ctx.log("The window exits when the teardown ends");
            }
            case ABANDON_AND_EXIT -> {
                exitAfterTeardown = true; // the abandoned run ends (its transcript saved), then the window exits
                abandonTeardown();
            }
        }
    }

    /** Log off: the dialog when UI is allowed (always with {@code rawFlags}), straight to the teardown otherwise. */
    void requestLogoff(boolean exitAfter, boolean rawFlags) {
        if (!ctx.sessionOn()) {
            return;
        }
        if (!allowUiPreference.get() && !rawFlags) {
            exitAfterTeardown = exitAfter;
            startTeardown(logoffDefaults.get().withPlan(Plan.DESKTOP).withMode(Mode.NOW));
            return;
        }
        LogoffDialogViewModel model = new LogoffDialogViewModel(
                        pendingLines, ctx.gateway().isSharedAndOwned())
                .withDefaults(logoffDefaults.get());
        if (rawFlags) {
            model.withRawFlagsOpen();
        }
        var decision = ctx.dialogs().askLogoff(model);
        if (decision.isEmpty()) {
            ctx.log("Logoff cancelled in the logoff dialog: nothing was torn down, the session stays logged on");
            return;
        }
        exitAfterTeardown = exitAfter;
        startTeardown(decision.get());
    }

    /** Starts the teardown {@code request} describes; its events go to the panel. */
    void startTeardown(TeardownRequest request) {
        tearingDown.set(true);
        teardownVisible.set(true);
        teardown.begin(heading(request), List.of(), request.stepThrough());
        teardown.plan(request.plan());
        teardown.canUnblockProperty().set(ctx.gateway().faultControl().isPresent());
        try {
            running = ctx.gateway().startTeardown(request, events);
        } catch (RuntimeException e) {
            tearingDown.set(false);
            ctx.dialogs().showError("The teardown could not start: " + e.getMessage(), e);
        }
    }

    private static String heading(TeardownRequest d) {
        String mode = switch (d.mode()) {
            case NOW -> "log off now";
            case AFTER_SENDING -> "log off after sending";
            case CRITICAL_ERROR -> "critical error, no UI";
        };
        // the flags really passed: the CE plan calls Logoff(0, 0, 0) whatever the dialog's check boxes said
        String flags;
        if (d.plan() == Plan.CE || d.mode() == Mode.CRITICAL_ERROR) {
            flags = " — IMAPISession::Logoff(0, 0, 0)";
        } else {
            flags = (d.allowUi() ? " — MAPI_LOGOFF_UI" : "") + (d.logoffShared() ? " — MAPI_LOGOFF_SHARED" : "");
        }
        if (d.rawLogoffFlags() != null && d.plan() != Plan.CE && d.mode() != Mode.CRITICAL_ERROR) {
            flags = " — Logoff flags " + FlagSet.LOGOFF.format(d.rawLogoffFlags()) + " as typed";
        }
        flags += d.strict8Steps() ? " — strict 8 steps" : "";
        flags += d.whatIf().isNone() ? "" : " — what-if";
        return "Teardown — " + PlanLabels.label(d.plan()) + " — " + mode + flags
                + (d.stepThrough() ? " — step through" : "");
    }

    /** The run was cancelled (step-through or the wait): the session stays, so does an Exit's wish no more. */
    void cancelled() {
        tearingDown.set(false);
        exitAfterTeardown = false;
    }

    /** Hears every run that ended: the saved transcript (if any), the result, the leak and finding counts. */
    interface RunEnded {
        void ended(Optional<Path> savedTo, String result, int leaks, int findings);
    }

    private RunEnded runEnded = (savedTo, result, leaks, findings) -> {};

    /** The Notes tab's hook: the session's runs and the automatic screenshot (docs/report.md). */
    void onRunEnded(RunEnded listener) {
        runEnded = listener;
    }

    /**
     * The run finished: the window is usable again at once; once its transcript is saved (off the FX thread,
     * decision 0841) it becomes the History tab's top row (one file read, no rescan) and joins the test session,
     * and only then does an Exit that waited for the run exit, so that nothing of the run is lost.
     */
    void finished(String result, int leaks, int findings) {
        tearingDown.set(false);
        boolean exit = exitAfterTeardown;
        exitAfterTeardown = false;
        RunningTeardown r = running;
        java.util.concurrent.CompletableFuture<Optional<Path>> saved = r == null
                ? java.util.concurrent.CompletableFuture.completedFuture(Optional.empty())
                : r.saved().toCompletableFuture();
        java.util.function.Consumer<Optional<Path>> whenSaved = file -> {
            file.ifPresent(history::added);
            runEnded.ended(file, result, leaks, findings);
            if (exit) {
                TeardownViewModel.fire(onExit);
            }
        };
        if (saved.isDone() && !saved.isCompletedExceptionally()) {
            whenSaved.accept(saved.join());
        } else {
            java.util.concurrent.CompletableFuture<Optional<Path>> unused = saved.whenComplete(
                    (file, error) -> uiThread.runLater(() -> whenSaved.accept(file == null ? Optional.empty() : file)));
        }
    }

    /** The run failed (the panel shows the error). */
    void failed() {
        ended();
        runEnded.ended(Optional.empty(), "errors", 0, 1);
    }

    private void ended() {
        tearingDown.set(false);
        if (exitAfterTeardown) {
            exitAfterTeardown = false;
            TeardownViewModel.fire(onExit);
        }
    }

    private void nextStep() {
        RunningTeardown r = running;
        if (r != null) {
            teardown.awaitingNextProperty().set(false);
            r.proceed();
        }
    }

    /** The teardown panel's "Abandon teardown": give up on the run (a blocked call is left to its thread). */
    private void abandonTeardown() {
        RunningTeardown r = running;
        if (r != null) {
            ctx.log("Teardown abandoned by the user: "
                    + teardown.blockedTextProperty().get());
            r.abandon(); // returns at once: the transcript is built on a thread of its own
        }
    }

    /** The teardown panel's "Unblock": release every fault that blocks a call now (simulator). */
    private void unblock() {
        ctx.executor()
                .submit(
                        "unblock",
                        () -> {
                            int released = 0;
                            var control = ctx.gateway().faultControl();
                            if (control.isPresent()) {
                                for (var f : control.get().faults()) {
                                    if (!f.blocked().isEmpty() && control.get().release(f.id())) {
                                        released++;
                                    }
                                }
                            }
                            return released;
                        },
                        (Integer n) -> ctx.log("Unblock: released " + n + " blocked fault(s)"),
                        error -> ctx.dialogs().showError("Could not release the blocked call", error));
    }

    private void cancelSteps() {
        RunningTeardown r = running;
        if (r != null && !r.cancelSteps()) {
            ctx.log("The logoff can no longer be cancelled: a step has already made its calls");
        }
    }

    private void runToEnd() {
        RunningTeardown r = running;
        if (r != null) {
            teardown.awaitingNextProperty().set(false);
            r.runToEnd();
        }
    }

    private void cancelWait() {
        RunningTeardown r = running;
        if (r != null) {
            r.cancelWait();
        }
    }

    private void stopWaitingAndLogOff() {
        RunningTeardown r = running;
        if (r != null) {
            r.stopWaitingAndLogOff();
        }
    }

    /** "Copy as command": the command line that reproduces the finished run, on the clipboard. */
    private void copyCommand() {
        RunningTeardown r = running;
        Optional<String> command = r == null ? Optional.empty() : r.reproducingCommand();
        if (command.isEmpty()) {
            ctx.log("No finished run to copy as a command");
            return;
        }
        ctx.dialogs().copyToClipboard(command.get());
        ctx.log("Copied the command that reproduces the run: " + command.get());
    }

    private void exportTranscript() {
        RunningTeardown r = running;
        if (r == null) {
            return;
        }
        String name = OwnTraceCommands.stampedName("teardown-", ".json");
        ctx.dialogs()
                .chooseTranscriptFile(name)
                .ifPresent(path -> ctx.executor()
                        .submit(
                                "export",
                                () -> {
                                    r.exportTranscript(path);
                                    return path;
                                },
                                (Path p) -> ctx.log("Transcript written to " + p),
                                error -> ctx.dialogs()
                                        .showError("Could not write the transcript: " + error.getMessage(), error)));
    }
}
