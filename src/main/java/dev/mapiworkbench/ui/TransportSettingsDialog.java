package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.SmtpSettings.Security;
import dev.mapiworkbench.ui.TransportSettingsViewModel.Field;
import dev.mapiworkbench.ui.TransportSettingsViewModel.Problem;
import java.util.Map;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Session › Transport settings… (decision 0250): where the profile's spooler hands its mail, the
 * simulated transport or an SMTP server with its security, user and password, and the explicit
 * "Trust this certificate" choice for a test server. Apply (Enter) refuses input with a problem,
 * says what is wrong and puts the focus on that field; Cancel (Esc) changes nothing. The password
 * field's text goes into a {@link dev.mapiworkbench.mapi.Secret} and the field is cleared.
 */
public final class TransportSettingsDialog extends Dialog<TransportSettingsViewModel.Result> {

    public static final ButtonType APPLY = new ButtonType("_Apply", ButtonData.OK_DONE);

    public TransportSettingsDialog(TransportSettingsViewModel model) {
        setTitle("Transport settings");
        setHeaderText("Where this profile's spooler hands its mail, from the next message on.");
        getDialogPane().setId("transportSettingsDialog");
        getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());

        ToggleGroup which = new ToggleGroup();
        RadioButton simulated = new RadioButton("Si_mulated transport (no real mail is sent)");
        simulated.setId("transportSimulatedRadio");
        simulated.setToggleGroup(which);
        RadioButton smtp = new RadioButton("SMTP se_rver");
        smtp.setId("transportSmtpRadio");
        smtp.setToggleGroup(which);
        (model.smtpProperty().get() ? smtp : simulated).setSelected(true);
        // a mnemonic only focuses a toggle and fires an ActionEvent at it (KeyboardShortcutsHandler,
        // javafx-graphics 21): Alt+M / Alt+R select the choice as a desktop dialog's keys do
        simulated.addEventHandler(ActionEvent.ACTION, e -> simulated.setSelected(true));
        smtp.addEventHandler(ActionEvent.ACTION, e -> smtp.setSelected(true));
        which.selectedToggleProperty()
                .addListener((obs, was, now) -> model.smtpProperty().set(now == smtp));

        TextField host = ViewParts.textField("smtpHost", "smtp.example.com or 127.0.0.1");
        host.textProperty().bindBidirectional(model.hostProperty());
        TextField port = ViewParts.textField("smtpPort", "25, 587 or 465");
        port.textProperty().bindBidirectional(model.portProperty());
        port.setPrefColumnCount(6);
        ComboBox<Security> security = new ComboBox<>();
        security.setId("smtpSecurity");
        security.getItems().setAll(Security.values());
        security.setConverter(new StringConverter<>() {
            @Override
            public String toString(Security s) {
                return s == null ? "" : label(s);
            }

            @Override
            public Security fromString(String text) {
                return Security.parse(text);
            }
        });
        security.valueProperty().bindBidirectional(model.securityProperty());
        TextField user = ViewParts.textField("smtpUser", "empty: no AUTH");
        user.textProperty().bindBidirectional(model.userProperty());
        PasswordField password = new PasswordField();
        password.setId("smtpPassword");
        password.setPromptText(
                model.passwordSet() ? "a password is set for this run: type to replace it" : "for AUTH PLAIN/LOGIN");
        password.setAccessibleText("SMTP password (kept in memory for this run only)");
        Label passwordNote = new Label("The password is kept in memory for this run only: it is never saved in the"
                + " profile, logged or put in a transcript.");
        passwordNote.setId("smtpPasswordNote");
        passwordNote.setWrapText(true);

        CheckBox trust = mnemonicToggles(
                new CheckBox("_Trust this certificate although no trusted CA signed it (test servers only)"));
        trust.setId("smtpTrustCertificate");
        trust.selectedProperty().bindBidirectional(model.trustCertificateProperty());
        TextField fingerprint = ViewParts.textField("smtpFingerprint", "64 hex digits, colons allowed");
        fingerprint.textProperty().bindBidirectional(model.fingerprintProperty());
        fingerprint.disableProperty().bind(trust.selectedProperty().not());
        Label refused = new Label(
                model.refusedFingerprint() == null
                        ? ""
                        : "The server's certificate was refused: SHA-256 " + model.refusedFingerprint()
                                + ". Trust it only for a test server you know.");
        refused.setId("smtpRefusedCertificate");
        refused.setWrapText(true);
        refused.setVisible(model.refusedFingerprint() != null);
        refused.setManaged(refused.isVisible());

        Label error = new Label();
        error.setId("transportSettingsError");
        error.getStyleClass().add("validation-error");
        error.setWrapText(true);
        error.textProperty().bind(model.problemProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, ViewParts.fieldLabel("_Host:", host), host);
        grid.addRow(1, ViewParts.fieldLabel("_Port:", port), port);
        grid.addRow(2, ViewParts.fieldLabel("S_ecurity:", security), security);
        grid.addRow(3, ViewParts.fieldLabel("_User:", user), user);
        grid.addRow(4, ViewParts.fieldLabel("Pass_word:", password), password);
        grid.add(passwordNote, 1, 5);
        grid.add(trust, 0, 6, 2, 1);
        grid.add(refused, 0, 7, 2, 1);
        grid.addRow(8, ViewParts.fieldLabel("SHA-256 _fingerprint:", fingerprint), fingerprint);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(260);
        grid.getColumnConstraints().setAll(labels, fields);
        grid.disableProperty().bind(model.smtpProperty().not());
        grid.setPadding(new javafx.geometry.Insets(0, 0, 0, 24));

        VBox content = new VBox(8, simulated, smtp, grid, error);
        content.setPrefWidth(600);
        getDialogPane().setContent(content);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        setResizable(true);

        getDialogPane().getButtonTypes().setAll(APPLY, ButtonType.CANCEL);
        Button apply = (Button) getDialogPane().lookupButton(APPLY);
        apply.setId("transportSettingsApplyButton");
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setId("transportSettingsCancelButton");
        Map<Field, Node> focusFor =
                Map.of(Field.HOST, host, Field.PORT, port, Field.USER, user, Field.FINGERPRINT, fingerprint);
        // Apply (or Enter) with a problem: the dialog stays, says what is wrong, and focuses the field
        apply.addEventFilter(ActionEvent.ACTION, e -> {
            Problem p = model.check();
            if (p != null) {
                e.consume();
                Node field = focusFor.get(p.field());
                field.requestFocus();
                Platform.runLater(field::requestFocus); // after the button bar's own handling of Enter
            }
        });
        // Enter on a radio button or the check box is Apply too (their behaviour takes Enter and does
        // nothing with it, so the default button would never hear of it)
        getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Node owner = getDialogPane().getScene() == null
                    ? null
                    : getDialogPane().getScene().getFocusOwner();
            if (e.getCode() == KeyCode.ENTER
                    && !e.isAltDown()
                    && !e.isControlDown()
                    && (owner instanceof RadioButton || owner instanceof CheckBox)) {
                e.consume();
                apply.fire();
            }
        });
        setResultConverter(button -> {
            if (button != APPLY) {
                password.clear();
                return null;
            }
            TransportSettingsViewModel.Result r =
                    model.toResult(password.getText().toCharArray());
            password.clear();
            return r;
        });
        setOnShown(e -> Platform.runLater(() -> (model.smtpProperty().get() ? host : simulated).requestFocus()));
    }

    /** "STARTTLS (required, never plain text)" and so on. */
    static String label(Security s) {
        return switch (s) {
            case NONE -> "none (plain text: local test servers)";
            case STARTTLS -> "STARTTLS (required, never plain text)";
            case TLS -> "TLS from the first byte (SMTPS)";
        };
    }

    /**
     * A check box that Alt+its letter ticks and unticks: a mnemonic fires only an ActionEvent at it,
     * while a click or Space goes through {@code fire()}, which toggles first (so the two never double).
     */
    static CheckBox mnemonicToggles(CheckBox box) {
        boolean[] firing = {false};
        CheckBox b = new CheckBox(box.getText()) {
            @Override
            public void fire() {
                firing[0] = true;
                try {
                    super.fire();
                } finally {
                    firing[0] = false;
                }
            }
        };
        b.addEventHandler(ActionEvent.ACTION, e -> {
            if (!firing[0] && !b.isDisabled()) {
                b.setSelected(!b.isSelected());
            }
        });
        return b;
    }
}
