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
        pending.setPrefHeight(
                Math.min(150, 34 + 26 * Math.max(1, model.pendingMessages().size())));
        pending.setPlaceholder(new Label("The Outbox is empty."));
        pending.setAccessibleText("Messages waiting in the Outbox");
        pendingTitle.setLabelFor(pending);
        pendingTitle.setMnemonicParsing(true);

        Label now = new Label();
        now.setId("logoffNowExplanation");
        now.getStyleClass().add("now-explanation");
        now.textProperty().bind(model.nowExplanationProperty());
        now.setWrapText(true);

        CheckBox allowUi = new CheckBox("Allow provider _UI (MAPI_LOGOFF_UI)");
        allowUi.setId("allowLogoffUiCheck");
        allowUi.selectedProperty().bindBidirectional(model.allowProviderUiProperty());
        allowUi.disableProperty().bind(model.ceIgnoresFlagsProperty());

        VBox content = new VBox(8, pendingTitle, pending, now, allowUi);

        if (model.isSharedAndOwned()) {
            CheckBox shared = new CheckBox("Log off s_hared session (MAPI_LOGOFF_SHARED)");
            shared.setId("logoffSharedCheck");
            shared.selectedProperty().bindBidirectional(model.logoffSharedProperty());
            shared.disableProperty().bind(model.ceIgnoresFlagsProperty());
            Label warning = new Label(LogoffDialogViewModel.SHARED_WARNING);
            warning.setId("logoffSharedWarning");
            warning.getStyleClass().add("warning-text");
            warning.setWrapText(true);
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
        planNote.textProperty().bind(model.planNoteProperty());
        planNote.visibleProperty().bind(model.ceIgnoresFlagsProperty());
        planNote.managedProperty().bind(planNote.visibleProperty());

        content.getChildren().addAll(planRow, planNote, stepThrough);
        content.setPrefWidth(520);
        getDialogPane().setContent(content);

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
        Button cancelButton = (Button) getDialogPane().lookupButton(CANCEL);
        cancelButton.setId("logoffCancelButton");
        // the list is live: mail queued while the dialog is open makes waiting for it the default
        model.pendingMessages().addListener((javafx.collections.ListChangeListener<String>) c -> {
            boolean queued = !model.pendingMessages().isEmpty();
            afterButton.setDefaultButton(queued);
            nowButton.setDefaultButton(!queued);
        });
        // focus starts on the default button: what is highlighted, what has focus and what Enter does agree
        setOnShown(e -> javafx.application.Platform.runLater(
                () -> (afterButton.isDefaultButton() ? afterButton : nowButton).requestFocus()));
        setOnHidden(e -> model.dispose());

        setResultConverter(button -> {
            if (button == logOffNow) {
                return model.decide(Mode.NOW);
            }
            if (button == logOffAfterSending) {
                return model.decide(Mode.AFTER_SENDING);
            }
            return null;
        });
    }
}
