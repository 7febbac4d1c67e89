package dev.mapiworkbench.ui;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * New message: To, Subject, Body. ControlsFX {@link ValidationSupport} decorates the To field
 * until it holds at least one well-formed address; "_Send" is disabled until then.
 */
public final class ComposeDialog extends Dialog<ComposeViewModel.Draft> {

    public static final ButtonType SEND = new ButtonType("_Send", ButtonData.OK_DONE);

    private final ValidationSupport validation = new ValidationSupport();

    public ComposeDialog(ComposeViewModel model) {
        setTitle("New message");
        setHeaderText("Compose a message; sending queues it in the Outbox.");
        getDialogPane().setId("composeDialog");
        getDialogPane().getStyleClass().add("compose-dialog");
        getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());

        TextField to = new TextField();
        to.setId("composeTo");
        to.setPromptText("alice@example.com; bob@example.org");
        to.textProperty().bindBidirectional(model.toProperty());
        TextField subject = new TextField();
        subject.setId("composeSubject");
        subject.textProperty().bindBidirectional(model.subjectProperty());
        TextArea body = new TextArea();
        body.setId("composeBody");
        body.setWrapText(true);
        body.setPrefRowCount(10);
        body.setMinHeight(120);
        body.setPromptText("The message text");
        body.textProperty().bindBidirectional(model.bodyProperty());

        Label toLabel = new Label("_To:");
        toLabel.setLabelFor(to);
        Label subjectLabel = new Label("S_ubject:");
        subjectLabel.setLabelFor(subject);
        Label bodyLabel = new Label("_Body:");
        bodyLabel.setLabelFor(body);
        for (Label l : new Label[] {toLabel, subjectLabel, bodyLabel}) {
            l.setMnemonicParsing(true);
            // never "…": a label keeps its own width however narrow the dialog gets
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        GridPane.setValignment(bodyLabel, javafx.geometry.VPos.TOP);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, toLabel, to);
        grid.addRow(1, subjectLabel, subject);
        grid.addRow(2, bodyLabel, body);
        GridPane.setHgrow(to, Priority.ALWAYS);
        GridPane.setHgrow(body, Priority.ALWAYS);
        GridPane.setVgrow(body, Priority.ALWAYS);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(240);
        grid.getColumnConstraints().setAll(labels, fields);
        grid.setPrefWidth(560);
        getDialogPane().setContent(grid);
        // Alt+T / Alt+U / Alt+B focus their fields, also under GTK: Mnemonics, on every window (decisions 0711, 0800)
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        setResizable(true);

        // "required" is shown only while To is not valid yet; once it is, no decoration remains
        validation.registerValidator(to, true, (control, value) -> {
            String problem = ComposeViewModel.validate((String) value);
            return ValidationResult.fromMessageIf(
                    control, problem == null ? "" : problem, Severity.ERROR, problem != null);
        });

        getDialogPane().getButtonTypes().setAll(SEND, ButtonType.CANCEL);
        Button send = (Button) getDialogPane().lookupButton(SEND);
        send.setId("composeSendButton");
        send.disableProperty().bind(model.validProperty().not());
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setId("composeCancelButton");

        model.validProperty().addListener((obs, was, valid) -> {
            ValidationSupport.setRequired(to, !valid);
            validation.redecorate(); // setRequired alone leaves the old decoration in place
        });
        ValidationSupport.setRequired(to, !model.validProperty().get());

        setResultConverter(button -> button == SEND ? model.toDraft() : null);
        setOnShown(e -> Platform.runLater(to::requestFocus));
    }

    /** The validation support (tests read its result). */
    public ValidationSupport validation() {
        return validation;
    }
}
