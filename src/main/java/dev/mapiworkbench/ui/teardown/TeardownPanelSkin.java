package dev.mapiworkbench.ui.teardown;

import dev.mapiworkbench.teardown.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The look of {@link TeardownPanel}: a heading and overall progress bar, one row per step
 * ({@code step-<id>}, number, title, monospace calls, status icon, duration), the wait phase
 * with per-message progress and Cancel, "Next step" for step-through, and the summary with
 * "Export transcript…" and "Log on again".
 *
 * <p>Size: over 400 lines because it is the layout of one control: each pane is a method of its own, and the
 * panes share the skin's bindings to one {@link TeardownViewModel} (visibility by phase, the row list kept
 * in step with the steps).
 */
public class TeardownPanelSkin extends SkinBase<TeardownPanel> {

    private static final Map<StepState, PseudoClass> PSEUDO = new HashMap<>();

    static {
        for (StepState s : StepState.values()) {
            PSEUDO.put(s, PseudoClass.getPseudoClass(s.cssName()));
        }
    }

    private final VBox stepBox = new VBox();
    private final VBox waitItemBox = new VBox();

    public TeardownPanelSkin(TeardownPanel control) {
        super(control);
        TeardownViewModel model = control.getModel();

        Label heading = new Label();
        heading.getStyleClass().add("teardown-heading");
        heading.textProperty().bind(model.headingProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("teardownProgress");
        progress.getStyleClass().add("teardown-progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.accessibleTextProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Teardown progress "
                                + Math.round(model.progressProperty().get() * 100) + " percent",
                        model.progressProperty()));
        HBox.setHgrow(progress, Priority.ALWAYS);

        Button next = new Button("_Next step");
        next.setId("nextStepButton");
        next.getStyleClass().add("next-step-button");
        next.visibleProperty()
                .bind(model.stepThroughProperty().and(model.finishedProperty().not()));
        next.managedProperty().bind(next.visibleProperty());
        next.disableProperty().bind(model.awaitingNextProperty().not());
        next.setOnAction(e -> TeardownViewModel.fire(model.onNextStepProperty()));

        Button runToEnd = new Button("_Run to end");
        runToEnd.setId("runToEndButton");
        runToEnd.setAccessibleText("Run this step and every one after it without pausing");
        runToEnd.visibleProperty().bind(next.visibleProperty());
        runToEnd.managedProperty().bind(runToEnd.visibleProperty());
        runToEnd.disableProperty().bind(model.awaitingNextProperty().not());
        runToEnd.setOnAction(e -> TeardownViewModel.fire(model.onRunToEndProperty()));

        Button cancelSteps = new Button("Cancel lo_goff");
        cancelSteps.setId("cancelStepsButton");
        cancelSteps.setAccessibleText("Cancel the logoff before its first call; the session stays logged on");
        dev.mapiworkbench.ui.LazyTooltip.set(
                cancelSteps, "Possible until the first step made a call; after that, Next step or Run to end");
        cancelSteps.visibleProperty().bind(next.visibleProperty());
        cancelSteps.managedProperty().bind(cancelSteps.visibleProperty());
        cancelSteps.disableProperty().bind(model.cancellableProperty().not());
        cancelSteps.setOnAction(e -> TeardownViewModel.fire(model.onCancelStepsProperty()));
        for (Button b : new Button[] {next, runToEnd, cancelSteps}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }

        HBox top = new HBox(8, progress, next, runToEnd, cancelSteps);
        top.setAlignment(Pos.CENTER_LEFT);
        // the CE plan: one line on why its teardown of this client's session ends with leaks
        Label planNote = new Label();
        planNote.setId("teardownPlanNote");
        planNote.getStyleClass().add("teardown-plan-note");
        planNote.setWrapText(true);
        planNote.textProperty().bind(model.planNoteProperty());
        planNote.visibleProperty().bind(model.planNoteProperty().isNotEmpty());
        planNote.managedProperty().bind(planNote.visibleProperty());
        VBox header = new VBox(6, heading, planNote, top);
        header.getStyleClass().add("teardown-header");

        stepBox.getStyleClass().add("teardown-steps");
        model.steps().addListener((ListChangeListener<StepViewModel>) c -> {
            boolean structural = false;
            while (c.next()) {
                structural |= c.wasAdded() || c.wasRemoved() || c.wasPermutated();
            }
            if (structural) {
                rebuildRows(model);
            }
        });
        rebuildRows(model);

        stepBox.getStyleClass().add("teardown-body");
        ScrollPane scroll = new ScrollPane(stepBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("teardown-scroll");

        // the wait phase and the summary stay in view below the (scrolling) steps
        VBox footer = new VBox(8, blockedPane(model), waitPane(model), summaryPane(model));
        footer.getStyleClass().add("teardown-footer");
        BorderPane root = new BorderPane(scroll);
        root.setTop(header);
        root.setBottom(footer);
        getChildren().add(root);

        // the blocked-call clock: runs while calls are in progress; started by a call, stopped by the first tick that
        // finds none (not started and stopped around each of a teardown's thousands of calls: issue 12)
        javafx.animation.Timeline clock = new javafx.animation.Timeline();
        clock.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(250), e -> {
            model.tick(System.nanoTime());
            if (model.callInProgressProperty().get() == null
                    || model.finishedProperty().get()) {
                clock.stop();
            }
        }));
        clock.setCycleCount(javafx.animation.Animation.INDEFINITE);
        model.callInProgressProperty().addListener((obs, was, now) -> {
            if (now != null && clock.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                clock.play();
            }
        });
    }

    /**
     * A call that does not return: how long, which step, call and object, and the two ways out —
     * abandon the teardown, or (simulator) release the fault that blocks it.
     */
    private static Node blockedPane(TeardownViewModel model) {
        Label text = new Label();
        text.setId("blockedText");
        text.getStyleClass().add("blocked-text");
        text.textProperty().bind(model.blockedTextProperty());
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);

        Button abandon = new Button("Abandon _teardown");
        abandon.setId("abandonTeardownButton");
        abandon.setAccessibleText("Abandon the teardown: the blocked call is given up on and the result names it");
        abandon.setOnAction(e -> TeardownViewModel.fire(model.onAbandonProperty()));
        Button unblock = new Button("Un_block");
        unblock.setId("unblockButton");
        unblock.setAccessibleText("Release the injected fault that blocks the call");
        dev.mapiworkbench.ui.LazyTooltip.set(unblock, "Release the fault that blocks this call (Faults tab)");
        unblock.visibleProperty().bind(model.canUnblockProperty());
        unblock.managedProperty().bind(unblock.visibleProperty());
        unblock.setOnAction(e -> TeardownViewModel.fire(model.onUnblockProperty()));
        for (Button b : new Button[] {abandon, unblock}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox pane = new HBox(8, text, abandon, unblock);
        pane.setId("teardownBlockedPane");
        pane.setAlignment(Pos.CENTER_LEFT);
        pane.getStyleClass().add("teardown-blocked");
        pane.setAccessibleRole(AccessibleRole.TEXT);
        pane.accessibleTextProperty().bind(model.blockedTextProperty());
        pane.visibleProperty()
                .bind(model.blockedProperty().and(model.finishedProperty().not()));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    /**
     * Shows the model's steps: the rows of the last plan are kept and shown again for the new plan's steps (issue
     * 12: a teardown used to build eight new rows — a text area, its skin and its context menu each — and style them
     * while it ran); a row is made only for a step beyond the rows there are.
     */
    private void rebuildRows(TeardownViewModel model) {
        List<StepViewModel> steps = model.steps();
        if (steps.isEmpty()) {
            // a teardown's first moment, before its plan arrives: the rows stay in the scene, hidden (taken out and
            // put back they would be styled from scratch)
            for (Node n : stepBox.getChildren()) {
                n.setVisible(false);
                n.setManaged(false);
            }
            return;
        }
        while (rows.size() < steps.size()) {
            rows.add(new StepRow(model));
        }
        List<Node> shown = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            StepRow r = rows.get(i);
            r.show(steps.get(i));
            r.row.setVisible(true);
            r.row.setManaged(true);
            shown.add(r.row);
        }
        if (!stepBox.getChildren().equals(shown)) {
            stepBox.getChildren().setAll(shown);
        }
    }

    private final List<StepRow> rows = new ArrayList<>();

    private static final PseudoClass NEXT = PseudoClass.getPseudoClass("next");

    static Node row(StepViewModel step) {
        return row(step, new TeardownViewModel());
    }

    static Node row(StepViewModel step, TeardownViewModel model) {
        StepRow r = new StepRow(model);
        r.show(step);
        return r.row;
    }

    /**
     * One step's row ({@code step-<id>}): number, title, the calls (selectable: a read-only text area as tall as its
     * lines, up to 12, then it scrolls), "Show all N calls" and "Copy calls", the reason, the status icon, state and
     * duration. Built once, then {@link #show shown} for one step after another: everything that depends on the
     * step is bound in {@link #show}, the rest (visibility by the row's own texts) once here.
     */
    private static final class StepRow {
        private final TeardownViewModel model;
        private final Label number = new Label();
        private final Label title = new Label();
        private final javafx.scene.control.TextArea calls = new javafx.scene.control.TextArea();
        private final javafx.scene.control.Hyperlink showAll = new javafx.scene.control.Hyperlink();
        private final javafx.scene.control.Hyperlink copy = new javafx.scene.control.Hyperlink("Copy calls");
        private final Label reason = new Label();
        private final Label state = new Label();
        private final Label duration = new Label();
        private final HBox row;
        private final javafx.beans.value.ChangeListener<StepState> onState =
                (obs, old, now) -> applyState(rowNode(), now);
        private final javafx.beans.value.ChangeListener<Boolean> onNext =
                (obs, old, now) -> rowNode().pseudoClassStateChanged(NEXT, now);
        private StepViewModel step;

        StepRow(TeardownViewModel model) {
            this.model = model;
            number.getStyleClass().add("step-number");
            number.setMinWidth(Region.USE_PREF_SIZE);

            title.getStyleClass().add("step-title");
            // a title that names its sources (StoreLogoff) wraps instead of ending in "…" (decision 0513)
            title.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE);

            calls.getStyleClass().add("step-calls");
            calls.setEditable(false);
            calls.setWrapText(true);
            calls.setFocusTraversable(false);
            calls.prefRowCountProperty()
                    .bind(Bindings.createIntegerBinding(
                            () -> Math.max(1, Math.min(12, calls.getText().split("\n", -1).length)),
                            calls.textProperty()));
            calls.visibleProperty().bind(calls.textProperty().isNotEmpty());
            calls.managedProperty().bind(calls.visibleProperty());

            showAll.managedProperty().bind(showAll.visibleProperty());
            showAll.setOnAction(e -> step.expand(model.allCallsProperty().get().apply(step.id())));

            copy.visibleProperty().bind(calls.textProperty().isNotEmpty());
            copy.managedProperty().bind(copy.visibleProperty());
            copy.setOnAction(e -> {
                List<String> all = model.allCallsProperty().get().apply(step.id());
                javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
                content.putString(all.isEmpty() ? step.callsTextProperty().get() : String.join("\n", all));
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            });
            HBox callActions = new HBox(4, showAll, copy);

            reason.getStyleClass().add("step-reason");
            reason.visibleProperty().bind(reason.textProperty().isNotEmpty());
            reason.managedProperty().bind(reason.visibleProperty());
            reason.setWrapText(true);

            VBox text = new VBox(2, title, calls, callActions, reason);
            HBox.setHgrow(text, Priority.ALWAYS);

            Region icon = new Region();
            icon.getStyleClass().add("step-icon");
            state.getStyleClass().add("step-state");
            duration.getStyleClass().add("step-duration");
            VBox status = new VBox(2, new HBox(4, icon, state), duration);
            status.setAlignment(Pos.TOP_RIGHT);
            status.getStyleClass().add("step-status");

            row = new HBox(10, number, text, status);
            row.getStyleClass().add(TeardownPanel.STEP_STYLE_CLASS);
            row.setAccessibleRole(AccessibleRole.TEXT);
        }

        private HBox rowNode() {
            return row;
        }

        /** Shows {@code s} in this row (ids, texts, state), and stops following the step it showed before. */
        void show(StepViewModel s) {
            if (step == s) {
                return;
            }
            if (step != null) {
                step.stateProperty().removeListener(onState);
                step.nextProperty().removeListener(onNext);
            }
            step = s;
            number.setText(Integer.toString(s.number()));
            title.setText(s.title());
            calls.setId("calls-" + s.id().id());
            calls.setAccessibleText("Calls of " + s.title());
            calls.textProperty().bind(s.callsTextProperty());
            showAll.setId("showAllCalls-" + s.id().id());
            showAll.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> "Show all "
                                    + String.format("%,d", s.callCountProperty().get()) + " calls",
                            s.callCountProperty()));
            showAll.visibleProperty()
                    .bind(s.callCountProperty()
                            .greaterThan(StepViewModel.SHOWN_CALLS)
                            .and(model.finishedProperty())
                            .and(s.expandedProperty().not()));
            copy.setId("copyCalls-" + s.id().id());
            copy.setAccessibleText("Copy every call of " + s.title() + " to the clipboard");
            reason.textProperty().bind(s.reasonProperty());
            state.textProperty()
                    .bind(Bindings.createStringBinding(() -> s.state().cssName(), s.stateProperty()));
            duration.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> StepViewModel.formatDuration(
                                    s.durationMicrosProperty().get()),
                            s.durationMicrosProperty()));
            row.setId(TeardownPanel.rowId(s.id()));
            row.accessibleTextProperty().bind(s.accessibleTextProperty());
            applyState(row, s.state());
            s.stateProperty().addListener(onState);
            row.pseudoClassStateChanged(NEXT, s.nextProperty().get());
            s.nextProperty().addListener(onNext);
        }
    }

    private static void applyState(Node row, StepState state) {
        for (StepState s : StepState.values()) {
            row.pseudoClassStateChanged(PSEUDO.get(s), s == state);
        }
    }

    private Node waitPane(TeardownViewModel model) {
        Label title = new Label();
        title.getStyleClass().add("wait-title");
        title.textProperty().bind(model.waitTextProperty());

        waitItemBox.getStyleClass().add("wait-items");
        model.waitItems().addListener((ListChangeListener<WaitItemViewModel>) c -> rebuildWaitItems(model));

        Button cancel = new Button("_Cancel");
        cancel.setId("cancelWaitButton");
        cancel.setAccessibleText("Cancel the logoff; the session stays logged on");
        cancel.setOnAction(e -> TeardownViewModel.fire(model.onCancelWaitProperty()));
        cancel.disableProperty().bind(model.waitPhaseProperty().not());
        Button stop = new Button("Stop waiting and log off _now");
        stop.setId("stopWaitingButton");
        stop.setOnAction(e -> TeardownViewModel.fire(model.onStopWaitingProperty()));
        stop.disableProperty().bind(model.waitPhaseProperty().not());

        Label clock = new Label();
        clock.setId("waitClock");
        clock.getStyleClass().add("wait-clock");
        clock.textProperty().bind(model.waitClockProperty());
        Label why = new Label();
        why.setId("waitWhy");
        why.getStyleClass().add("wait-why");
        why.setWrapText(true);
        why.textProperty().bind(model.waitWhyProperty());
        why.visibleProperty().bind(model.waitWhyProperty().isNotEmpty());
        why.managedProperty().bind(why.visibleProperty());

        VBox pane = new VBox(6, title, clock, why, waitItemBox, new HBox(8, cancel, stop));
        pane.setId("teardownWaitPane");
        pane.getStyleClass().add("teardown-wait");
        pane.visibleProperty().bind(model.waitPhaseProperty());
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private void rebuildWaitItems(TeardownViewModel model) {
        waitItemBox.getChildren().clear();
        for (WaitItemViewModel item : model.waitItems()) {
            int index = waitItemBox.getChildren().size();
            Label subject = new Label(item.subject());
            subject.getStyleClass().add("wait-subject");
            subject.setMinWidth(180);
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(item.progressProperty());
            bar.setPrefWidth(160);
            bar.setId("waitProgress-" + index);
            bar.accessibleTextProperty()
                    .bind(Bindings.concat(
                            "Sending ",
                            item.subject(),
                            ": ",
                            item.stateProperty(),
                            ", ",
                            Bindings.createStringBinding(
                                    () -> Math.round(Math.max(
                                                            0,
                                                            item.progressProperty()
                                                                    .get())
                                                    * 100) + " %",
                                    item.progressProperty())));
            Label state = new Label();
            state.textProperty().bind(item.stateProperty());
            state.getStyleClass().add("wait-state");
            HBox line = new HBox(8, subject, bar, state);
            line.setAlignment(Pos.CENTER_LEFT);
            line.getStyleClass().add("wait-item");
            line.setId("waitItem-" + index);
            line.accessibleTextProperty().bind(Bindings.concat(item.subject(), ": ", item.stateProperty()));
            waitItemBox.getChildren().add(line);
        }
    }

    private Node summaryPane(TeardownViewModel model) {
        Label result = new Label();
        result.setId("teardownResult");
        result.getStyleClass().add("summary-result");
        result.textProperty().bind(model.resultTextProperty());
        result.setWrapText(true);

        VBox leaks = new VBox(2);
        leaks.getStyleClass().add("summary-leaks");
        VBox findings = new VBox(2);
        findings.getStyleClass().add("summary-findings");
        VBox prompts = new VBox(2);
        prompts.getStyleClass().add("summary-prompts");
        VBox carried = new VBox(2);
        carried.getStyleClass().add("summary-carried-over");
        ScrollPane details = new ScrollPane(new VBox(2, prompts, leaks, carried, findings));
        details.setFitToWidth(true);
        details.setMaxHeight(110);
        details.getStyleClass().add("summary-details");
        details.visibleProperty()
                .bind(javafx.beans.binding.Bindings.isNotEmpty(model.leaks())
                        .or(javafx.beans.binding.Bindings.isNotEmpty(model.findings()))
                        .or(javafx.beans.binding.Bindings.isNotEmpty(model.prompts()))
                        .or(javafx.beans.binding.Bindings.isNotEmpty(model.carriedOverLeaks())));
        details.managedProperty().bind(details.visibleProperty());
        Runnable refresh = () -> {
            leaks.getChildren()
                    .setAll(model.leaks().stream()
                            .map(l -> summaryLine("Leak: " + l, "leak-line"))
                            .toList());
            List<Node> lines = new ArrayList<>();
            for (Finding f : model.findings()) {
                lines.add(summaryLine(TeardownViewModel.display(f), "finding-line"));
                // the rule's source under each finding (docs/rules.md)
                if (f.source() != null) {
                    lines.add(summaryLine("Source: " + f.source(), "finding-source"));
                }
            }
            findings.getChildren().setAll(lines);
            prompts.getChildren()
                    .setAll(model.prompts().stream()
                            .map(l -> summaryLine(l, "prompt-line"))
                            .toList());
            carried.getChildren()
                    .setAll(model.carriedOverLeaks().stream()
                            .map(l -> summaryLine("Carried over from an earlier session: " + l, "carried-over-line"))
                            .toList());
            for (int i = 0; i < prompts.getChildren().size(); i++) {
                prompts.getChildren().get(i).setId("promptLine-" + i);
            }
            for (int i = 0; i < carried.getChildren().size(); i++) {
                carried.getChildren().get(i).setId("carriedOverLine-" + i);
            }
            for (int i = 0; i < leaks.getChildren().size(); i++) {
                leaks.getChildren().get(i).setId("leakLine-" + i);
            }
            for (int i = 0; i < findings.getChildren().size(); i++) {
                findings.getChildren().get(i).setId("findingLine-" + i);
            }
        };
        model.leaks().addListener((ListChangeListener<String>) c -> refresh.run());
        model.findings().addListener((ListChangeListener<Finding>) c -> refresh.run());
        model.prompts().addListener((ListChangeListener<String>) c -> refresh.run());
        model.carriedOverLeaks().addListener((ListChangeListener<String>) c -> refresh.run());

        Button export = new Button("Export _transcript…");
        export.setId("exportTranscriptButton");
        export.setOnAction(e -> TeardownViewModel.fire(model.onExportTranscriptProperty()));
        Button logonAgain = new Button("Log on a_gain");
        logonAgain.setId("logonAgainButton");
        logonAgain.setDefaultButton(false);
        logonAgain.setOnAction(e -> TeardownViewModel.fire(model.onLogonAgainProperty()));
        Button copyCommand = new Button("Copy as co_mmand");
        copyCommand.setId("copyCommandButton");
        copyCommand.setOnAction(e -> TeardownViewModel.fire(model.onCopyCommandProperty()));
        logonAgain.visibleProperty().bind(model.closableProperty().not());
        logonAgain.managedProperty().bind(logonAgain.visibleProperty());
        Button close = new Button("_Close");
        close.setId("closeTeardownButton");
        close.setAccessibleText("Close the summary; back to the mailbox");
        close.visibleProperty().bind(model.closableProperty());
        close.managedProperty().bind(close.visibleProperty());
        close.setOnAction(e -> TeardownViewModel.fire(model.onCloseProperty()));
        HBox buttons = new HBox(8, export, copyCommand, logonAgain, close);
        buttons.getChildren().addAll(2, model.ownTrace().create());

        VBox pane = new VBox(6, result, details, buttons);
        pane.setId("teardownSummary");
        pane.getStyleClass().add("teardown-summary");
        pane.pseudoClassStateChanged(PseudoClass.getPseudoClass("clean"), false);
        model.resultProperty().addListener((obs, old, now) -> {
            for (String r : new String[] {"clean", "warnings", "errors", "cancelled"}) {
                pane.pseudoClassStateChanged(PseudoClass.getPseudoClass(r), r.equals(now));
            }
        });
        pane.visibleProperty().bind(model.finishedProperty());
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private static Label summaryLine(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        return l;
    }
}
