package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
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
import javafx.geometry.Pos;

/**
 * The logoff dialog: the pending messages, "Log off _now", "Log off after _sending", "Cancel" (Esc),
 * MAPI_LOGOFF_UI, MAPI_LOGOFF_SHARED (only when shared and owned, with the Logoff page's warning),
 * the plan and step-through. Binds to a {@link LogoffDialogViewModel}; computes nothing.
 */
public final class LogoffDialog extends Dialog<TeardownRequest> {

    public static final ButtonType LOG_OFF_NOW = new ButtonType("Log off _now", ButtonData.OK_DONE);
    public static final ButtonType LOG_OFF_AFTER_SENDING = new ButtonType("Log off after _sending", ButtonData.OTHER);
    public static final ButtonType CANCEL = new ButtonType("Cancel", ButtonData.CANCEL_CLOSE);

    public LogoffDialog(LogoffDialogViewModel model) {
        setTitle("Log off");
        setHeaderText("End the MAPI session");
        getDialogPane().setId("logoffDialog");
        getDialogPane().getStyleClass().add("logoff-dialog");
        getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());

        Label pendingTitle = new Label("Messages waiting in the _Outbox (" + model.pendingMessages().size() + ")");
        pendingTitle.getStyleClass().add("section-title");
        ListView<String> pending = new ListView<>(model.pendingMessages());
        pending.setId("pendingMessagesList");
        pending.setPrefHeight(Math.min(150, 34 + 26 * Math.max(1, model.pendingMessages().size())));
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

        VBox content = new VBox(8, pendingTitle, pending, now, allowUi);

        if (model.isSharedAndOwned()) {
            CheckBox shared = new CheckBox("Log off s_hared session (MAPI_LOGOFF_SHARED)");
            shared.setId("logoffSharedCheck");
            shared.selectedProperty().bindBidirectional(model.logoffSharedProperty());
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

        content.getChildren().addAll(planRow, stepThrough);
        content.setPrefWidth(520);
        getDialogPane().setContent(content);

        getDialogPane().getButtonTypes().setAll(LOG_OFF_NOW, LOG_OFF_AFTER_SENDING, CANCEL);
        Button nowButton = (Button) getDialogPane().lookupButton(LOG_OFF_NOW);
        nowButton.setId("logoffNowButton");
        Button afterButton = (Button) getDialogPane().lookupButton(LOG_OFF_AFTER_SENDING);
        afterButton.setId("logoffAfterSendingButton");
        javafx.scene.Node bar = getDialogPane().lookup(".button-bar");
        if (bar instanceof javafx.scene.control.ButtonBar buttonBar) {
            // in reading order on every platform: now, after sending, cancel
            buttonBar.setButtonOrder(javafx.scene.control.ButtonBar.BUTTON_ORDER_NONE);
        }
        Button cancelButton = (Button) getDialogPane().lookupButton(CANCEL);
        cancelButton.setId("logoffCancelButton");
        if (!model.pendingMessages().isEmpty()) {
            // with mail waiting, the safe default is to wait for it
            nowButton.setDefaultButton(false);
            afterButton.setDefaultButton(true);
        }

        setResultConverter(button -> {
            if (button == LOG_OFF_NOW) {
                return model.decide(Mode.NOW);
            }
            if (button == LOG_OFF_AFTER_SENDING) {
                return model.decide(Mode.AFTER_SENDING);
            }
            return null;
        });
    }
}
