package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The logoff dialog: the pending messages, "Log off _now", "Log off after _sending", "Cancel" (Esc),
 * MAPI_LOGOFF_UI, MAPI_LOGOFF_SHARED (only when shared and owned, with the Logoff page's warning),
 * the plan and step-through. Binds to a {@link LogoffDialogViewModel}; computes nothing.
 */
public final class LogoffDialog extends Dialog<TeardownRequest> {

    public static final ButtonType CANCEL = new ButtonType("Cancel", ButtonData.CANCEL_CLOSE);

    /**
     * "Log off now" and "Log off after sending" are made per dialog: the DialogPane sets the default
     * button from the ButtonData whenever it rebuilds its button bar, so the default is chosen
     * there (OK_DONE) and not by {@code setDefaultButton}, which the pane overwrote (issue 10, item 4).
     */
    private final ButtonType logOffNow;

    private final ButtonType logOffAfterSending;

    public LogoffDialog(LogoffDialogViewModel model) {
        boolean pendingAtOpen = !model.pendingMessages().isEmpty();
        logOffNow = new ButtonType("Log off _now", pendingAtOpen ? ButtonData.OTHER : ButtonData.OK_DONE);
        logOffAfterSending =
                new ButtonType("Log off after _sending", pendingAtOpen ? ButtonData.OK_DONE : ButtonData.OTHER);
        setTitle("Log off");
        setHeaderText("End the MAPI session");
        getDialogPane().setId("logoffDialog");
        getDialogPane().getStyleClass().add("logoff-dialog");
        getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());

        Label pendingTitle = new Label();
        pendingTitle
                .textProperty()
                .bind(Bindings.concat(
                        "Messages waiting in the _Outbox (", Bindings.size(model.pendingMessages()), ")"));
        pendingTitle.getStyleClass().add("section-title");
        ListView<String> pending = new ListView<>(model.pendingMessages());
        pending.setId("pendingMessagesList");
        // at least three rows, up to six, following the live list: a window manager that gives the dialog less
        // than its preferred height must not squeeze the list to one row (seen under Openbox)
        pending.setMinHeight(listHeight(MIN_ROWS));
        pending.setPrefHeight(listHeight(model.pendingMessages().size()));
        model.pendingMessages().addListener((javafx.collections.ListChangeListener<String>)
                c -> pending.setPrefHeight(listHeight(model.pendingMessages().size())));
        pending.setPlaceholder(new Label("The Outbox is empty."));
        pending.setAccessibleText("Messages waiting in the Outbox");
        pendingTitle.setLabelFor(pending);
        pendingTitle.setMnemonicParsing(true);

        Label now = new Label();
        now.setId("logoffNowExplanation");
        now.getStyleClass().add("now-explanation");
        now.textProperty().bind(model.nowExplanationProperty());
        now.setWrapText(true);
        // every line of it: a wrapped label may otherwise shrink to one elided line
        now.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        CheckBox allowUi = new CheckBox("Allow provider _UI (MAPI_LOGOFF_UI)");
        allowUi.setId("allowLogoffUiCheck");
        allowUi.selectedProperty().bindBidirectional(model.allowProviderUiProperty());
        allowUi.disableProperty().bind(model.flagOptionsOffProperty());

        VBox content = new VBox(8, pendingTitle, pending, now, allowUi);

        if (model.isSharedAndOwned()) {
            CheckBox shared = new CheckBox("Log off s_hared session (MAPI_LOGOFF_SHARED)");
            shared.setId("logoffSharedCheck");
            shared.selectedProperty().bindBidirectional(model.logoffSharedProperty());
            shared.disableProperty().bind(model.flagOptionsOffProperty());
            Label warning = new Label(LogoffDialogViewModel.SHARED_WARNING);
            warning.setId("logoffSharedWarning");
            warning.getStyleClass().add("warning-text");
            warning.setWrapText(true);
            warning.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            content.getChildren().addAll(shared, warning);
        }

        ChoiceBox<Plan> plan = new ChoiceBox<>();
        plan.getItems().setAll(Plan.values());
        plan.setConverter(PlanLabels.converter());
        plan.setId("teardownPlanChoice");
        plan.valueProperty().bindBidirectional(model.planProperty());
        plan.setAccessibleText("Teardown plan");
        Label planLabel = new Label("_Plan:");
        planLabel.setMnemonicParsing(true);
        planLabel.setLabelFor(plan);
        HBox planRow = new HBox(8, planLabel, plan);
        planRow.setAlignment(Pos.CENTER_LEFT);

        CheckBox stepThrough = new CheckBox("Step _through (pause before each step)");
        stepThrough.setId("stepThroughCheck");
        stepThrough.selectedProperty().bindBidirectional(model.stepThroughProperty());

        Label planNote = new Label();
        planNote.setId("planNote");
        planNote.getStyleClass().add("warning-text");
        planNote.setWrapText(true);
        planNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        planNote.textProperty().bind(model.planNoteProperty());
        planNote.visibleProperty().bind(model.ceIgnoresFlagsProperty());
        planNote.managedProperty().bind(planNote.visibleProperty());

        CheckBox strict = new CheckBox("Strict _8 steps (leave out StoreLogoff)");
        strict.setId("strict8StepsCheck");
        strict.setMnemonicParsing(true);
        strict.selectedProperty().bindBidirectional(model.strict8StepsProperty());
        strict.disableProperty().bind(model.planHasStoreLogoffProperty().not());
        LazyTooltip.set(
                strict,
                "Run only the eight steps of Microsoft's \"Ending a MAPI"
                        + " Session\"; the store-logoff step (IMsgStore::StoreLogoff, documented elsewhere) is left out");

        javafx.scene.control.Spinner<Integer> timeout =
                TransportPanel.numberSpinner("logoffTimeoutSpinner", LogoffDialogViewModel.MAX_TIMEOUT_SECONDS, 30);
        // the typed text counts at once (no Enter needed: Enter is the dialog's default button)
        timeout.getValueFactory().valueProperty().bindBidirectional(model.timeoutSecondsProperty());
        timeout.getEditor().textProperty().addListener((obs, old, text) -> {
            if (text != null && !text.isBlank()) {
                timeout.getValueFactory()
                        .setValue(timeout.getValueFactory().getConverter().fromString(text));
            }
        });
        timeout.setAccessibleText("After sending: wait at most this many seconds for the Outbox");
        Label timeoutLabel = new Label("_Wait for the Outbox at most (seconds, after sending):");
        timeoutLabel.setMnemonicParsing(true);
        timeoutLabel.setLabelFor(timeout);
        HBox timeoutRow = new HBox(8, timeoutLabel, timeout);
        timeoutRow.setAlignment(Pos.CENTER_LEFT);

        content.getChildren().addAll(strict, timeoutRow, planRow, planNote, stepThrough, advanced(model));
        Label problem = new Label();
        problem.setId("logoffProblem");
        problem.getStyleClass().add("warning-text");
        problem.setWrapText(true);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        content.getChildren().add(problem);
        content.setPrefWidth(560);
        getDialogPane().setContent(content);
        // Alt+U / Alt+8 / Alt+T / Alt+H / Alt+F tick their check boxes (JavaFX only focused them): Mnemonics, on
        // every window (decisions 0711, 0800)

        getDialogPane().getButtonTypes().setAll(logOffNow, logOffAfterSending, CANCEL);
        Button nowButton = (Button) getDialogPane().lookupButton(logOffNow);
        nowButton.setId("logoffNowButton");
        Button afterButton = (Button) getDialogPane().lookupButton(logOffAfterSending);
        afterButton.setId("logoffAfterSendingButton");
        javafx.scene.Node bar = getDialogPane().lookup(".button-bar");
        if (bar instanceof javafx.scene.control.ButtonBar buttonBar) {
            // in reading order on every platform: now, after sending, cancel
            buttonBar.setButtonOrder(javafx.scene.control.ButtonBar.BUTTON_ORDER_NONE);
        }
        nowButton.disableProperty().bind(model.problemProperty().isNotEmpty());
        afterButton.disableProperty().bind(model.problemProperty().isNotEmpty());
        Button cancelButton = (Button) getDialogPane().lookupButton(CANCEL);
        cancelButton.setId("logoffCancelButton");
        // the list is live: mail queued while the dialog is open makes waiting for it the default
        model.pendingMessages().addListener((javafx.collections.ListChangeListener<String>) c -> {
            boolean queued = !model.pendingMessages().isEmpty();
            afterButton.setDefaultButton(queued);
            nowButton.setDefaultButton(!queued);
        });
        // focus starts on the default button: what is highlighted, what has focus and what Enter does agree
        // ("Log off with flags…" starts in the flags field instead)
        setResizable(true);
        setOnShown(e -> javafx.application.Platform.runLater(() -> {
            keepMinimumSize();
            if (model.advancedExpandedProperty().get()
                    && model.rawFlagsProperty().get()) {
                javafx.scene.Node flags = getDialogPane().lookup("#logoffFlagsField");
                if (flags != null) {
                    flags.requestFocus();
                    return;
                }
            }
            (afterButton.isDefaultButton() ? afterButton : nowButton).requestFocus();
        }));
        setOnHidden(e -> model.dispose());
        // opening or closing Advanced resizes the dialog to its content
        model.advancedExpandedProperty()
                .addListener((obs, was, open) -> javafx.application.Platform.runLater(this::refit));
        // so does the CE plan's note appearing or going (the buttons must stay inside the window)
        model.planProperty().addListener((obs, was, chosen) -> javafx.application.Platform.runLater(this::refit));
        keys(nowButton, afterButton, cancelButton);

        setResultConverter(button -> {
            if (!model.problemProperty().get().isEmpty()) {
                return null;
            }
            if (button == logOffNow) {
                return model.decide(Mode.NOW);
            }
            if (button == logOffAfterSending) {
                return model.decide(Mode.AFTER_SENDING);
            }
            return null;
        });
    }

    /** The pending list shows at least this many rows. */
    static final int MIN_ROWS = 3;

    private static final int MAX_ROWS = 6;
    private static final double ROW_HEIGHT = 26;

    /** The list's height for {@code rows} rows (clamped to {@value #MIN_ROWS}..6), borders included. */
    static double listHeight(int rows) {
        return 10 + ROW_HEIGHT * Math.max(MIN_ROWS, Math.min(MAX_ROWS, rows));
    }

    /** The window fits its content again (Advanced opened or closed, the CE note shown or hidden). */
    private void refit() {
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            keepMinimumSize(); // first: a smaller minimum lets a closing Advanced shrink the window
            getDialogPane().getScene().getWindow().sizeToScene();
            keepMinimumSize();
            keepOnScreen(getDialogPane().getScene().getWindow());
        }
    }

    /**
     * A window that grew (Advanced opened, the CE note shown) moves back inside the screen it is on, so its
     * buttons stay reachable: on an 800-pixel-high screen the grown dialog's bottom row ended below the screen.
     */
    static void keepOnScreen(javafx.stage.Window window) {
        java.util.List<javafx.stage.Screen> screens = javafx.stage.Screen.getScreensForRectangle(
                window.getX(), window.getY(), Math.max(1, window.getWidth()), Math.max(1, window.getHeight()));
        javafx.geometry.Rectangle2D vb =
                (screens.isEmpty() ? javafx.stage.Screen.getPrimary() : screens.get(0)).getVisualBounds();
        if (window.getY() + window.getHeight() > vb.getMaxY()) {
            window.setY(Math.max(vb.getMinY(), vb.getMaxY() - window.getHeight()));
        }
        if (window.getX() + window.getWidth() > vb.getMaxX()) {
            window.setX(Math.max(vb.getMinX(), vb.getMaxX() - window.getWidth()));
        }
    }

    /**
     * The dialog's window may not become smaller than its content's minimum (the list's three rows, every line
     * of the wrapped texts, the buttons): a window manager then cannot squeeze it, and it grows when the
     * content needs more than it was given.
     */
    private void keepMinimumSize() {
        javafx.scene.Scene scene = getDialogPane().getScene();
        if (scene == null || !(scene.getWindow() instanceof javafx.stage.Stage stage)) {
            return;
        }
        double chromeW = stage.getWidth() - scene.getWidth();
        double chromeH = stage.getHeight() - scene.getHeight();
        double w = getDialogPane().minWidth(-1);
        double h = getDialogPane().minHeight(getDialogPane().getWidth());
        stage.setMinWidth(w + Math.max(0, chromeW));
        stage.setMinHeight(h + Math.max(0, chromeH));
        if (scene.getHeight() < h || scene.getWidth() < w) {
            stage.sizeToScene();
        }
    }

    /**
     * "Advanced" (collapsed by default): the raw IMAPISession::Logoff flags (typed in hex or by name,
     * decoded as you type) and the command line's what-ifs: skip, move after, force a step.
     */
    private static javafx.scene.control.TitledPane advanced(LogoffDialogViewModel model) {
        CheckBox raw = new CheckBox("Pass these Logoff _flags as typed (replaces the check boxes above):");
        raw.setId("rawLogoffFlagsCheck");
        raw.setMnemonicParsing(true);
        raw.selectedProperty().bindBidirectional(model.rawFlagsProperty());
        raw.disableProperty().bind(model.ceIgnoresFlagsProperty());
        FlagsField flags =
                new FlagsField(LogoffDialogViewModel.logoffFlagSet(), "logoffFlags", model.initialRawFlags());
        model.rawFlagsValueProperty().set(flags.valueProperty().get());
        flags.valueProperty()
                .addListener((obs, old, v) -> model.rawFlagsValueProperty().set(v));
        flags.disableProperty().bind(raw.selectedProperty().not().or(model.ceIgnoresFlagsProperty()));

        ChoiceBox<LogoffDialogViewModel.WhatIfRow.Kind> kind = new ChoiceBox<>();
        kind.getItems().setAll(LogoffDialogViewModel.WhatIfRow.Kind.values());
        kind.setValue(LogoffDialogViewModel.WhatIfRow.Kind.SKIP);
        kind.setId("whatIfKindChoice");
        kind.setAccessibleText("What-if: skip, move after or force");
        ChoiceBox<dev.mapiworkbench.teardown.StepId> step = new ChoiceBox<>();
        step.setId("whatIfStepChoice");
        step.setAccessibleText("What-if: the step");
        ChoiceBox<dev.mapiworkbench.teardown.StepId> after = new ChoiceBox<>();
        after.setId("whatIfAfterChoice");
        after.setAccessibleText("What-if: run it after this step");
        javafx.util.StringConverter<dev.mapiworkbench.teardown.StepId> byId = new javafx.util.StringConverter<>() {
            @Override
            public String toString(dev.mapiworkbench.teardown.StepId s) {
                return s == null ? "" : s.id();
            }

            @Override
            public dev.mapiworkbench.teardown.StepId fromString(String text) {
                return dev.mapiworkbench.teardown.StepId.parse(text);
            }
        };
        step.setConverter(byId);
        after.setConverter(byId);
        Runnable fillSteps = () -> {
            var ids = model.planSteps();
            step.getItems().setAll(ids);
            after.getItems().setAll(ids);
            step.getSelectionModel().selectFirst();
            after.getSelectionModel().selectFirst();
        };
        fillSteps.run();
        model.planProperty().addListener((obs, old, p) -> fillSteps.run());
        model.strict8StepsProperty().addListener((obs, old, v) -> fillSteps.run());
        after.visibleProperty().bind(kind.valueProperty().isEqualTo(LogoffDialogViewModel.WhatIfRow.Kind.MOVE));
        after.managedProperty().bind(after.visibleProperty());
        Button add = new Button("A_dd what-if");
        add.setId("whatIfAddButton");
        add.setMnemonicParsing(true);
        add.disableProperty().bind(step.valueProperty().isNull());
        add.setOnAction(e -> model.whatIfs()
                .add(new LogoffDialogViewModel.WhatIfRow(
                        kind.getValue(),
                        step.getValue(),
                        kind.getValue() == LogoffDialogViewModel.WhatIfRow.Kind.MOVE ? after.getValue() : null)));
        HBox whatIfRow = new HBox(6, kind, step, after, add);
        whatIfRow.setAlignment(Pos.CENTER_LEFT);

        ListView<LogoffDialogViewModel.WhatIfRow> list = new ListView<>(model.whatIfs());
        list.setId("whatIfList");
        list.setPrefHeight(78);
        list.setPlaceholder(new Label("No what-ifs: the plan runs as documented."));
        list.setAccessibleText("What-ifs (Delete removes the selected one)");
        list.setOnKeyPressed(e -> {
            if ((e.getCode() == javafx.scene.input.KeyCode.DELETE
                            || e.getCode() == javafx.scene.input.KeyCode.BACK_SPACE)
                    && list.getSelectionModel().getSelectedItem() != null) {
                model.whatIfs().remove(list.getSelectionModel().getSelectedIndex());
                e.consume();
            }
        });
        Label whatIfTitle = new Label("What-_ifs (as --what-if-skip / -move / -force; Delete removes one):");
        whatIfTitle.setMnemonicParsing(true);
        whatIfTitle.setLabelFor(kind);

        VBox box = new VBox(6, raw, flags, whatIfTitle, whatIfRow, list);
        javafx.scene.control.TitledPane pane = new javafx.scene.control.TitledPane("_Advanced", box);
        pane.setMnemonicParsing(true);
        pane.setId("logoffAdvancedPane");
        pane.setAnimated(false);
        pane.expandedProperty().bindBidirectional(model.advancedExpandedProperty());
        return pane;
    }

    /**
     * Enter and Esc mean the same wherever the focus is (issue 10, item 4): a check box, the timeout
     * spinner, the flags field or a list would otherwise keep Enter or Esc to themselves (a list consumes
     * Esc, a check box Enter), so Enter there is the highlighted default button and Esc is Cancel. A focused
     * push button keeps Enter (it fires what has the focus ring); an open choice box keeps both.
     */
    private void keys(Button nowButton, Button afterButton, Button cancelButton) {
        getDialogPane().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != javafx.scene.input.KeyCode.ENTER && e.getCode() != javafx.scene.input.KeyCode.ESCAPE) {
                return;
            }
            if (e.isAltDown() || e.isControlDown() || e.isShiftDown() || e.isMetaDown()) {
                return;
            }
            javafx.scene.Node target = e.getTarget() instanceof javafx.scene.Node n ? n : null;
            for (javafx.scene.Node n = target; n != null; n = n.getParent()) {
                if (n instanceof ChoiceBox<?> c && c.isShowing()) {
                    return;
                }
                if (e.getCode() == javafx.scene.input.KeyCode.ENTER
                        && (n instanceof Button || n instanceof javafx.scene.control.TitledPane)) {
                    return; // a push button fires itself; Enter on Advanced's title opens or closes it
                }
            }
            e.consume();
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                cancelButton.fire();
                return;
            }
            Button def = afterButton.isDefaultButton() ? afterButton : nowButton;
            if (!def.isDisabled()) {
                def.fire();
            }
        });
    }
}
