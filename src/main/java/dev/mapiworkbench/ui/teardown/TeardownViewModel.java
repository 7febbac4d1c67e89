package dev.mapiworkbench.ui.teardown;

import dev.mapiworkbench.teardown.Finding;
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
    private final ObjectProperty<Runnable> onLogonAgain = new SimpleObjectProperty<>(this, "onLogonAgain");
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
        waitPhase.set(false);
        waitText.set("");
        finished.set(false);
        result.set("");
        resultText.set("");
        awaitingNext.set(false);
        stepThrough.set(throughSteps);
        steps.setAll(plannedSteps);
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
        waitPhase.set(false);
        leaks.setAll(leakLines);
        findings.setAll(lintFindings);
        result.set(resultWord);
        resultText.set(switch (resultWord) {
                    case "clean" -> "Result: clean. The session ended as documented.";
                    case "warnings" -> "Result: warnings. See the findings below.";
                    case "errors" -> "Result: errors. See the findings and leaks below.";
                    default -> "Result: " + resultWord;
                }
                + "  Leaks: " + leakLines.size() + ".  Findings: " + lintFindings.size() + ".");
        finished.set(true);
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

    public ObjectProperty<Runnable> onLogonAgainProperty() {
        return onLogonAgain;
    }

    /** Invokes an action property if set. */
    public static void fire(ObjectProperty<Runnable> action) {
        Runnable r = action.get();
        if (r != null) {
            r.run();
        }
    }
}
