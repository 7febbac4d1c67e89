package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.FlagSet;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * File › Log on with flags… (decision 0340, issue #14 item 5): MAPIInitialize's MAPIINIT_0.ulFlags and
 * MAPILogonEx's flFlags typed in hex, decimal or by name and decoded as you type ({@link FlagsField},
 * the parser the command line's {@code --init-flags} / {@code --logon-flags} use). Unknown bits are
 * passed as typed. "Log on" (Enter) is disabled while either field does not parse; Cancel (Esc) logs
 * nothing on. Ids: {@code logonFlagsDialog}, {@code logonInitFlagsField}/{@code Decoded},
 * {@code logonExFlagsField}/{@code Decoded}, {@code logonFlagsOkButton}, {@code logonFlagsCancelButton}.
 */
public final class LogonFlagsDialog extends Dialog<LogonFlags> {

    public static final ButtonType LOG_ON = new ButtonType("Log _on", ButtonData.OK_DONE);

    public LogonFlagsDialog(LogonFlags initial) {
        setTitle("Log on with flags");
        setHeaderText("MAPIInitialize and MAPILogonEx get exactly these flags, unknown bits included.");
        getDialogPane().setId("logonFlagsDialog");
        getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());

        FlagsField init = new FlagsField(FlagSet.INIT, "logonInitFlags", initial.init());
        FlagsField logon = new FlagsField(FlagSet.LOGON, "logonExFlags", initial.logon());
        Label note = new Label("MAPIINIT_0.ulVersion stays MAPI_INIT_VERSION (0); the profile, OLE and MAPI util"
                + " choices are the command line's. Names and values: MAPIX.h, MAPIDefS.h, MAPIAux.h"
                + " (mapi-reference.md §2.1); the simulator refuses unknown MAPIInitialize bits with"
                + " MAPI_E_UNKNOWN_FLAGS, as the MAPIInitialize page documents.");
        note.setId("logonFlagsNote");
        note.setWrapText(true);
        VBox content = new VBox(
                8,
                ViewParts.fieldLabel("MAPI_Initialize — MAPIINIT_0.ulFlags:", init.textField()),
                init,
                ViewParts.fieldLabel("MAPI_LogonEx — flFlags:", logon.textField()),
                logon,
                note);
        content.setPrefWidth(560);
        getDialogPane().setContent(content);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        setResizable(true);

        getDialogPane().getButtonTypes().setAll(LOG_ON, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(LOG_ON);
        ok.setId("logonFlagsOkButton");
        ok.disableProperty()
                .bind(init.validProperty().not().or(logon.validProperty().not()));
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setId("logonFlagsCancelButton");
        setResultConverter(button -> button == LOG_ON
                        && init.valueProperty().get() != null
                        && logon.valueProperty().get() != null
                ? new LogonFlags(
                        init.valueProperty().get(), logon.valueProperty().get())
                : null);
        setOnShown(e -> Platform.runLater(() -> init.textField().requestFocus()));
    }
}
