package dev.mapiworkbench.ui.teardown;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepId;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Everything the {@link TeardownPanel} shows: the steps, the overall progress, the wait phase,
 * step-through, and the summary at the end. The main view model feeds it from engine events (on
 * the UI thread, through the event pump); the panel's buttons call the action properties.
 *
 * <p>Size: over 400 lines because about half of it is the properties and action slots the panel binds
 * (one getter each); the state changes themselves are short methods, one per engine event.
 */
public final class TeardownViewModel {

    /** A linter finding as the summary lists it: "warning · logoff-shared: … (breaks seed step 4)". */
    public static String display(Finding f) {
        String step = f.seedStep() > 0 ? " (breaks seed step " + f.seedStep() + ")" : "";
        return f.severity().id() + " · " + f.rule() + ": " + f.message() + step;
    }

    private final ObservableList<StepViewModel> steps =
            FXCollections.observableArrayList(s -> new javafx.beans.Observable[] {s.stateProperty()});
    private final ObservableList<WaitItemViewModel> waitItems = FXCollections.observableArrayList();
    private final ObservableList<String> leaks = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<String> prompts = FXCollections.observableArrayList();
    private final ObservableList<String> carriedOver = FXCollections.observableArrayList();
    private final StringProperty planNote = new SimpleStringProperty(this, "planNote", "");
    private final StringProperty heading = new SimpleStringProperty(this, "heading", "Teardown");
    private final BooleanProperty waitPhase = new SimpleBooleanProperty(this, "waitPhase");
    private final StringProperty waitText = new SimpleStringProperty(this, "waitText", "");
    private final BooleanProperty stepThrough = new SimpleBooleanProperty(this, "stepThrough");
    private final BooleanProperty awaitingNext = new SimpleBooleanProperty(this, "awaitingNext");
    private final BooleanProperty finished = new SimpleBooleanProperty(this, "finished");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final StringProperty resultText = new SimpleStringProperty(this, "resultText", "");
    private final ObjectProperty<Runnable> onNextStep = new SimpleObjectProperty<>(this, "onNextStep");
    private final ObjectProperty<Runnable> onCancelWait = new SimpleObjectProperty<>(this, "onCancelWait");
    private final ObjectProperty<Runnable> onStopWaiting = new SimpleObjectProperty<>(this, "onStopWaiting");
    private final ObjectProperty<Runnable> onExportTranscript = new SimpleObjectProperty<>(this, "onExportTranscript");
    private final ObjectProperty<Runnable> onCopyCommand = new SimpleObjectProperty<>(this, "onCopyCommand");
    private final OwnTraceButtons ownTrace = new OwnTraceButtons();
    private final ObjectProperty<Runnable> onLogonAgain = new SimpleObjectProperty<>(this, "onLogonAgain");
    private final ObjectProperty<Runnable> onAbandon = new SimpleObjectProperty<>(this, "onAbandon");
    private final ObjectProperty<Runnable> onUnblock = new SimpleObjectProperty<>(this, "onUnblock");
    private final ObjectProperty<Runnable> onCancelSteps = new SimpleObjectProperty<>(this, "onCancelSteps");
    private final ObjectProperty<Runnable> onRunToEnd = new SimpleObjectProperty<>(this, "onRunToEnd");
    private final ObjectProperty<Runnable> onClose = new SimpleObjectProperty<>(this, "onClose");
    private final ObjectProperty<java.util.function.Function<StepId, List<String>>> allCalls =
            new SimpleObjectProperty<>(this, "allCalls", id -> List.of());
    private final StringProperty callInProgress = new SimpleStringProperty(this, "callInProgress");
    private final BooleanProperty blocked = new SimpleBooleanProperty(this, "blocked");
    private final StringProperty blockedText = new SimpleStringProperty(this, "blockedText", "");
    private final BooleanProperty canUnblock = new SimpleBooleanProperty(this, "canUnblock");
    private final BooleanProperty cancellable = new SimpleBooleanProperty(this, "cancellable");
    private final StringProperty waitClock = new SimpleStringProperty(this, "waitClock", "");
    private final StringProperty waitWhy = new SimpleStringProperty(this, "waitWhy", "");
    private final BooleanProperty closable = new SimpleBooleanProperty(this, "closable");
    private StepId callStep;
    private String callTitle = "";
    /** The step whose title {@link #callTitle} is. */
    private StepId titleStep;

    private long callSinceNanos;
    private boolean anyCall;
    private String abandonedBlocker;
    private final DoubleBinding progress;

    public TeardownViewModel() {
        progress = Bindings.createDoubleBinding(
                () -> {
                    if (steps.isEmpty()) {
                        return 0.0;
                    }
                    long ended =
                            steps.stream().filter(s -> s.state().isFinished()).count();
                    return (double) ended / steps.size();
                },
                steps);
    }

    /** Starts a new teardown: clears everything and lists the planned steps as pending. */
    public void begin(String headingText, List<StepViewModel> plannedSteps, boolean throughSteps) {
        heading.set(headingText);
        waitItems.clear();
        leaks.clear();
        findings.clear();
        prompts.clear();
        carriedOver.clear();
        waitPhase.set(false);
        waitText.set("");
        finished.set(false);
        result.set("");
        resultText.set("");
        awaitingNext.set(false);
        stepThrough.set(throughSteps);
        callInProgress.set(null);
        callStep = null;
        titleStep = null;
        blocked.set(false);
        blockedText.set("");
        cancellable.set(false);
        anyCall = false;
        abandonedBlocker = null;
        waitClock.set("");
        waitWhy.set("");
        closable.set(false);
        steps.setAll(plannedSteps);
    }

    /**
     * The one line under the CE plan's heading: why a CE teardown of this client's session ends with leaks
     * (seed 002 has three steps; the session was opened desktop-style, seed 001). Also in the logoff dialog's
     * longer {@code planNote}.
     */
    public static final String CE_LEAKS = "Leaks are expected: the CE plan has no Unadvise or Release steps, but this"
            + " client opened its session desktop-style (store, folders, tables, advise sinks), so those stay behind.";

    /** The note under the heading for the plan about to run: {@link #CE_LEAKS} for the CE plan, else none. */
    public void plan(Plan plan) {
        planNote.set(plan == Plan.CE ? CE_LEAKS : "");
    }

    /** A provider asked during Logoff (MAPI_LOGOFF_UI) and got this answer: the summary lists it. */
    public void providerAnswered(String provider, String question, String answer, boolean defaulted) {
        prompts.add(promptLine(provider, question, answer, defaulted));
    }

    /** "Simulated SMTP Transport asked “Finish sending 'x' before logging off?” — answer: Finish sending". */
    public static String promptLine(String provider, String question, String answer, boolean defaulted) {
        return provider + " asked \u201c" + question + "\u201d \u2014 answer: " + answer
                + (defaulted ? " (its default: nobody answered)" : "");
    }

    /** Leaks an earlier session of the process caused, reported during this run (not charged to it). */
    public void carriedOver(List<String> lines) {
        carriedOver.setAll(lines);
    }

    /** A call that has not returned after this long counts as blocked: the panel offers a way out. */
    public static final long BLOCKED_AFTER_MILLIS = 1000;

    /**
     * The call the run is making now ({@code call} null: it returned); {@code sinceNanos} is when it
     * began ({@link System#nanoTime()}). See {@link #tick(long)}.
     */
    public void callInProgress(StepId stepId, String call, long sinceNanos) {
        if (call == null) {
            if (stepId == callStep || stepId == null) {
                callInProgress.set(null);
                callStep = null;
                blocked.set(false);
                blockedText.set("");
            }
            return;
        }
        anyCall = true;
        cancellable.set(false);
        if (stepId != titleStep) {
            // one look-up per step, not per call (a 10k-object teardown makes 12,000 calls: issue 12)
            callTitle = find(stepId).map(StepViewModel::title).orElse(stepId.id());
            titleStep = stepId;
        }
        callStep = stepId;
        callSinceNanos = sinceNanos;
        callInProgress.set(call);
        if (blocked.get() || !blockedText.get().isEmpty()) {
            blocked.set(false);
            blockedText.set("");
        }
    }

    /**
     * The clock (the panel calls it a few times a second): a call running for {@value #BLOCKED_AFTER_MILLIS} ms
     * or more is shown as blocked, "Blocked for 12 s in step 5 'Logoff': IMAPISession::Logoff(…) on session".
     */
    public void tick(long nowNanos) {
        String call = callInProgress.get();
        if (call == null || finished.get()) {
            return;
        }
        long millis = (nowNanos - callSinceNanos) / 1_000_000;
        if (millis < BLOCKED_AFTER_MILLIS) {
            return;
        }
        int number = find(callStep).map(StepViewModel::number).orElse(0);
        blocked.set(true);
        blockedText.set("Blocked for " + millis / 1000 + " s in step " + number + " '" + callTitle + "': " + call);
    }

    /** The after-sending wait's clock and why nothing moves ({@code timeoutMillis} &lt; 0: no timeout). */
    public void waitStatus(long elapsedMillis, long timeoutMillis, String why) {
        String clock = "Waited " + clock(elapsedMillis);
        if (timeoutMillis >= 0 && timeoutMillis < Long.MAX_VALUE / 2) {
            clock += " of " + clock(timeoutMillis) + " — " + clock(Math.max(0, timeoutMillis - elapsedMillis))
                    + " left before the timeout question";
        } else {
            clock += " (no timeout)";
        }
        waitClock.set(clock);
        waitWhy.set(why == null ? "" : why);
    }

    /** "0:07", "12:03", "1:02:03". */
    public static String clock(long millis) {
        long s = millis / 1000;
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }

    /** Just before {@link #finish}: the run was abandoned while {@code blocker}. */
    public void abandoned(String blocker) {
        abandonedBlocker = blocker;
    }

    /**
     * The logoff was cancelled (during the wait or in step-through): the session stays logged on; the summary
     * says so and keeps Export (the transcript's outcome is {@code cancelled}) and Close.
     */
    public void finishCancelled(String how) {
        finish("cancelled", List.of(), List.of());
        resultText.set("Result: cancelled. " + how + " The session stays logged on.");
        closable.set(true);
    }

    /** The step with that id, adding it at the end when the plan did not list it. */
    public StepViewModel step(StepId id, String title) {
        return find(id).orElseGet(() -> {
            StepViewModel s = new StepViewModel(steps.size() + 1, id, title);
            steps.add(s);
            return s;
        });
    }

    public Optional<StepViewModel> find(StepId id) {
        return steps.stream().filter(s -> s.id() == id).findFirst();
    }

    public void stepStarted(StepId id, String title) {
        awaitingNext.set(false);
        cancellable.set(false);
        steps.forEach(s -> s.nextProperty().set(false));
        step(id, title).setState(StepState.RUNNING);
    }

    public void stepFinished(StepId id, String title, StepState state, String reason, long micros) {
        StepViewModel s = step(id, title);
        s.setState(state);
        s.reasonProperty().set(reason == null ? "" : reason);
        s.durationMicrosProperty().set(micros);
    }

    /** The engine paused before the next step (step-through). */
    public void pausedBeforeStep() {
        awaitingNext.set(true);
        cancellable.set(!anyCall);
    }

    /** The same, highlighting the step about to run ({@link StepViewModel#nextProperty()}). */
    public void pausedBeforeStep(StepId next) {
        for (StepViewModel s : steps) {
            s.nextProperty().set(s.id() == next);
        }
        pausedBeforeStep();
    }

    public void waitStarted(List<WaitItemViewModel> items) {
        waitItems.setAll(items);
        waitPhase.set(true);
        updateWaitText();
    }

    /** Updates one message's wait state; unknown keys are added. */
    public void waitProgress(String key, String subject, String state, double fraction) {
        WaitItemViewModel item = waitItems.stream()
                .filter(w -> w.key().equals(key))
                .findFirst()
                .orElseGet(() -> {
                    WaitItemViewModel w = new WaitItemViewModel(key, subject);
                    waitItems.add(w);
                    return w;
                });
        item.stateProperty().set(state);
        item.progressProperty().set(fraction);
        updateWaitText();
    }

    public void waitEnded(String summary) {
        waitPhase.set(false);
        waitText.set(summary);
    }

    private void updateWaitText() {
        long left = waitItems.stream()
                .filter(w -> !"sent".equals(w.stateProperty().get()))
                .count();
        waitText.set(
                left == 0
                        ? "The Outbox is empty."
                        : "Waiting for the Outbox: " + left + " of " + waitItems.size() + " message(s) still to send.");
    }

    /** The end: result word (clean / warnings / errors), leaks and findings. */
    public void finish(String resultWord, List<String> leakLines, List<Finding> lintFindings) {
        awaitingNext.set(false);
        cancellable.set(false);
        waitPhase.set(false);
        callInProgress.set(null);
        blocked.set(false);
        steps.forEach(s -> s.nextProperty().set(false));
        leaks.setAll(leakLines);
        findings.setAll(lintFindings);
        result.set(resultWord);
        resultText.set(switch (resultWord) {
                    case "clean" ->
                        carriedOver.isEmpty()
                                ? "Result: clean. The session ended as documented."
                                : carriedOverText(carriedOver.size());
                    case "warnings" -> "Result: warnings. See the findings below.";
                    case "errors" -> "Result: errors. See the findings and leaks below.";
                    default -> "Result: " + resultWord;
                }
                + "  Leaks: " + leakLines.size() + ".  Findings: " + lintFindings.size() + "."
                + (carriedOver.isEmpty() ? "" : "  Carried over: " + carriedOver.size() + "."));
        if (abandonedBlocker != null) {
            resultText.set("Result: abandoned " + abandonedBlocker.replaceFirst("^abandoned ", "") + ". "
                    + resultText.get().replaceFirst("^Result: ", "Lint: "));
        }
        finished.set(true);
    }

    /**
     * The result line of a run that left no leaks of its own while leaks of an earlier session were reported
     * during it (decision 0430): never "clean … ended as documented" above a list of leaks.
     */
    static String carriedOverText(int n) {
        return "Result: no leaks of this run's own, but " + n + " leak(s) an earlier session of this process caused"
                + " are still outstanding (listed below; not charged to this run).";
    }

    public ObservableList<StepViewModel> steps() {
        return steps;
    }

    public ObservableList<WaitItemViewModel> waitItems() {
        return waitItems;
    }

    public ObservableList<String> leaks() {
        return leaks;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    /** The provider questions asked during the run, with their answers (summary lines). */
    public ObservableList<String> prompts() {
        return prompts;
    }

    /** Leaks carried over from an earlier session (summary lines, not counted in this run's result). */
    public ObservableList<String> carriedOverLeaks() {
        return carriedOver;
    }

    /** The one line under the heading ({@link #CE_LEAKS} for the CE plan; "" otherwise). */
    public StringProperty planNoteProperty() {
        return planNote;
    }

    public DoubleBinding progressProperty() {
        return progress;
    }

    public StringProperty headingProperty() {
        return heading;
    }

    public BooleanProperty waitPhaseProperty() {
        return waitPhase;
    }

    public StringProperty waitTextProperty() {
        return waitText;
    }

    public BooleanProperty stepThroughProperty() {
        return stepThrough;
    }

    public BooleanProperty awaitingNextProperty() {
        return awaitingNext;
    }

    public BooleanProperty finishedProperty() {
        return finished;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public StringProperty resultTextProperty() {
        return resultText;
    }

    public ObjectProperty<Runnable> onNextStepProperty() {
        return onNextStep;
    }

    public ObjectProperty<Runnable> onCancelWaitProperty() {
        return onCancelWait;
    }

    public ObjectProperty<Runnable> onStopWaitingProperty() {
        return onStopWaiting;
    }

    public ObjectProperty<Runnable> onExportTranscriptProperty() {
        return onExportTranscript;
    }

    /** "Copy as command": the headless command line that reproduces the finished run (issue #13). */
    public ObjectProperty<Runnable> onCopyCommandProperty() {
        return onCopyCommand;
    }

    /** "Copy as C++" and "Export as trace…": the whole own session (issue #15). */
    public OwnTraceButtons ownTrace() {
        return ownTrace;
    }

    public ObjectProperty<Runnable> onLogonAgainProperty() {
        return onLogonAgain;
    }

    public ObjectProperty<Runnable> onAbandonProperty() {
        return onAbandon;
    }

    public ObjectProperty<Runnable> onUnblockProperty() {
        return onUnblock;
    }

    public ObjectProperty<Runnable> onCancelStepsProperty() {
        return onCancelSteps;
    }

    public ObjectProperty<Runnable> onRunToEndProperty() {
        return onRunToEnd;
    }

    /** Close the summary of a cancelled logoff (back to the mailbox). */
    public ObjectProperty<Runnable> onCloseProperty() {
        return onClose;
    }

    /** Every call of a step, for "Show all" and "Copy calls" (empty before the run finished). */
    public ObjectProperty<java.util.function.Function<StepId, List<String>>> allCallsProperty() {
        return allCalls;
    }

    /** The call the run is making now (null between calls). */
    public StringProperty callInProgressProperty() {
        return callInProgress;
    }

    /** A call has not returned for {@value #BLOCKED_AFTER_MILLIS} ms: Abandon / Unblock are offered. */
    public BooleanProperty blockedProperty() {
        return blocked;
    }

    public StringProperty blockedTextProperty() {
        return blockedText;
    }

    /** The backend can release blocked calls (the simulator's fault injector). */
    public BooleanProperty canUnblockProperty() {
        return canUnblock;
    }

    /** Step-through: Cancel is possible (paused, and no step has made a call yet). */
    public BooleanProperty cancellableProperty() {
        return cancellable;
    }

    /** "Waited 0:12 of 5:00 — 4:48 left before the timeout question". */
    public StringProperty waitClockProperty() {
        return waitClock;
    }

    /** Why the wait does not move ("" while messages go out). */
    public StringProperty waitWhyProperty() {
        return waitWhy;
    }

    /** The summary offers Close (a cancelled logoff: the session is still there to go back to). */
    public BooleanProperty closableProperty() {
        return closable;
    }

    /** Invokes an action property if set. */
    public static void fire(ObjectProperty<Runnable> action) {
        Runnable r = action.get();
        if (r != null) {
            r.run();
        }
    }
}
