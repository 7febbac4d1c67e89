package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchUiTest.fx;
import static dev.mapiworkbench.ui.WorkbenchUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File › Log on with flags… (issue 14 item 5, decision 0340): MAPIInitialize's and MAPILogonEx's flags
 * typed in the window, decoded as typed, passed exactly, and both calls shown in the log with what they
 * returned.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 300)
class LogonWithFlagsUiTest {

    /** Errors are recorded, not shown: the error dialog would sit over the window. */
    static final class QuietErrors extends FixtureDialogs {
        QuietErrors(java.util.function.Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public void showError(String headline, Throwable error) {
            errors.add(headline);
        }
    }

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(QuietErrors::new);

    private Workbench wb;

    void open() throws Exception {
        wb = app.open("--no-logon");
    }

    List<String> errors() {
        return app.dialogs(QuietErrors.class).errors;
    }

    void openDialog(FxRobot robot) throws Exception {
        robot.clickOn("#fileMenu");
        robot.clickOn("#logonWithFlagsMenuItem");
        waitUntil(() -> "logonInitFlagsField".equals(focusedId()));
    }

    String focusedId() {
        return fx(() -> Window.getWindows().stream()
                .map(Window::getScene)
                .filter(sc -> sc != null && sc.lookup("#logonFlagsDialog") != null)
                .findFirst()
                .map(sc ->
                        sc.getFocusOwner() == null ? null : sc.getFocusOwner().getId())
                .orElse(null));
    }

    String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }

    String field(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryTextInputControl().getText());
    }

    /** Replaces a field's text as a person does: click into it, select all, type. */
    void retype(FxRobot robot, String query, String text) {
        robot.clickOn(query).push(KeyCode.CONTROL, KeyCode.A).write(text);
    }

    String log() {
        return fx(() -> String.join("\n", wb.model().notifications()));
    }

    @Test
    void typedFlagsReachBothCallsAndTheLogShowsThem(FxRobot robot) throws Exception {
        open();
        openDialog(robot);
        // it starts from what a plain logon passes: {0, MAPI_MULTITHREAD_NOTIFICATIONS} and the computed flags
        assertThat(field(robot, "#logonInitFlagsField")).isEqualTo("0x00000001");
        assertThat(text(robot, "#logonInitFlagsDecoded")).isEqualTo("= 0x00000001: MAPI_MULTITHREAD_NOTIFICATIONS");
        assertThat(text(robot, "#logonExFlagsDecoded"))
                .contains("MAPI_NEW_SESSION")
                .contains("MAPI_EXTENDED")
                .contains("MAPI_USE_DEFAULT")
                .contains("MAPI_UNICODE");

        retype(robot, "#logonInitFlagsField", "0");
        waitUntil(() -> text(robot, "#logonInitFlagsDecoded").startsWith("= 0x00000000"));
        robot.push(KeyCode.TAB);
        waitUntil(() -> "logonExFlagsField".equals(focusedId()));
        robot.push(KeyCode.CONTROL, KeyCode.A).write("MAPI_EXTENDED|MAPI_USE_DEFAULT|MAPI_NEW_SESSION|0x4000000");
        waitUntil(() -> text(robot, "#logonExFlagsDecoded").contains("unknown 0x04000000"));
        assertThat(text(robot, "#logonExFlagsDecoded"))
                .isEqualTo("= 0x04000062: MAPI_NEW_SESSION | MAPI_EXTENDED | MAPI_USE_DEFAULT | unknown 0x04000000");
        robot.push(KeyCode.ENTER); // the default button: Log on

        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> log().contains("Logged on"));
        assertThat(log())
                .contains("MAPIInitialize(&MAPIINIT_0{ulVersion=MAPI_INIT_VERSION, ulFlags=0x00000000}) -> S_OK")
                .contains("MAPILogonEx(flFlags=0x04000062 (MAPI_NEW_SESSION | MAPI_EXTENDED | MAPI_USE_DEFAULT"
                        + " | unknown 0x04000000)) -> S_OK");
        assertThat(errors()).isEmpty();
    }

    @Test
    void aTypoDisablesLogOnAndAnUnknownInitBitIsRefusedWithTheHresultShown(FxRobot robot) throws Exception {
        open();
        openDialog(robot);
        retype(robot, "#logonInitFlagsField", "MAPI_MULTITHREAD_NOTIFICATIONS|MAPI_NO_COINT");
        waitUntil(() -> fx(() -> robot.lookup("#logonFlagsOkButton").query().isDisabled()));
        assertThat(text(robot, "#logonInitFlagsDecoded")).contains("MAPI_NO_COINT");
        robot.push(KeyCode.ENTER); // nothing happens while the text does not parse
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> wb.model().busyProperty().get()
                        || wb.model().loggedOnProperty().get()))
                .isFalse();

        retype(robot, "#logonInitFlagsField", "MAPI_MULTITHREAD_NOTIFICATIONS|0x100");
        waitUntil(() -> !fx(() -> robot.lookup("#logonFlagsOkButton").query().isDisabled()));
        assertThat(text(robot, "#logonInitFlagsDecoded"))
                .isEqualTo("= 0x00000101: MAPI_MULTITHREAD_NOTIFICATIONS | unknown 0x00000100");
        robot.clickOn("#logonFlagsOkButton");

        // the MAPIInitialize page: MAPI_E_UNKNOWN_FLAGS for flags it does not know; MAPILogonEx is never made
        waitUntil(() -> log().contains("MAPI_E_UNKNOWN_FLAGS"));
        assertThat(log())
                .contains(
                        "MAPIInitialize(&MAPIINIT_0{ulVersion=MAPI_INIT_VERSION, ulFlags=0x00000101"
                                + " (MAPI_MULTITHREAD_NOTIFICATIONS | unknown 0x00000100)}) -> MAPI_E_UNKNOWN_FLAGS (0x80040106)")
                .doesNotContain("MAPILogonEx(");
        waitUntil(() -> !errors().isEmpty());
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isFalse();

        // Esc cancels: nothing is called
        int lines = fx(() -> wb.model().notifications().size());
        openDialog(robot);
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#logonFlagsDialog").tryQuery().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> wb.model().notifications().size())).isEqualTo(lines);
        assertThat(fx(() -> wb.model().busyProperty().get())).isFalse();
    }

    /** The dialog's label of {@code field} (the label whose labelFor it is). */
    javafx.scene.control.Label labelOf(FxRobot robot, String field) {
        javafx.scene.Node target = robot.lookup(field).query();
        return fx(() ->
                robot.lookup("#logonFlagsDialog").queryAs(javafx.scene.Parent.class).lookupAll(".label").stream()
                        .filter(n -> n instanceof javafx.scene.control.Label l && l.getLabelFor() == target)
                        .map(javafx.scene.control.Label.class::cast)
                        .findFirst()
                        .orElseThrow());
    }

    /** What a label really draws (its skin's Text node; "…" at the end when elided). */
    static String shown(javafx.scene.control.Label l) {
        return fx(() -> l.lookup(".text") instanceof javafx.scene.text.Text t ? t.getText() : null);
    }

    @Test
    void theFieldLabelsKeepTheirWholeTextInANarrowDialogAndTheirLettersFocusTheFields(FxRobot robot) throws Exception {
        open();
        openDialog(robot);
        javafx.scene.control.Label init = labelOf(robot, "#logonInitFlagsField");
        javafx.scene.control.Label logon = labelOf(robot, "#logonExFlagsField");
        assertThat(shown(init)).endsWith("ulFlags:");
        assertThat(shown(logon)).endsWith("flFlags:");

        // made narrower than the labels' text (the dialog is resizable): a form label is never cut to "…"
        robot.interact(() ->
                robot.lookup("#logonFlagsDialog").query().getScene().getWindow().setWidth(200));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#logonFlagsDialog")
                        .query()
                        .getScene()
                        .getWindow()
                        .getWidth()))
                .isLessThan(fx(() -> init.prefWidth(-1)));
        assertThat(shown(init)).as("the MAPIInitialize label at 200 px").endsWith("ulFlags:");
        assertThat(shown(logon)).as("the MAPILogonEx label at 200 px").endsWith("flFlags:");

        // the mnemonics: Alt+L (MAPI_LogonEx) and Alt+I (MAPI_Initialize) focus their fields
        robot.push(KeyCode.ALT, KeyCode.L);
        waitUntil(() -> "logonExFlagsField".equals(focusedId()));
        robot.push(KeyCode.ALT, KeyCode.I);
        waitUntil(() -> "logonInitFlagsField".equals(focusedId()));
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#logonFlagsDialog").tryQuery().isEmpty());
    }
}
