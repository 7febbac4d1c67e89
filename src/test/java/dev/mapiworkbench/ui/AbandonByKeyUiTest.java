package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A blocked Logoff left by the keyboard (issue 10 item 6, driven under Openbox): Alt+T ("Abandon _teardown")
 * ends the teardown while the focus is in the Transport tab's latency field beside the panel, where a person
 * just changed the transport.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class AbandonByKeyUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @Test
    void altTAbandonsTheBlockedTeardownWithTheFocusInTheTransportTab(FxRobot robot) throws Exception {
        Workbench wb = blockedTeardown(robot);
        robot.clickOn("#folderTree");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        waitUntil(() -> "transportLatency".equals(WindowActions.focusedId("#mainRoot"))
                || WindowActions.focusedId("#mainRoot") == null
                || !"folderTree".equals(WindowActions.focusedId("#mainRoot")));
        robot.push(KeyCode.ALT, KeyCode.T);
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(WindowActions.text(robot, "#teardownResult")).contains("abandoned");
    }

    /**
     * The cause of xvfb-check's failed Alt+T under Openbox (decision 0700): the scene's mnemonic table held an empty
     * Alt+'T' entry, left when the last "_T…" label of the window changed, and the scene's key handling stopped at it
     * before it came to the Alt+'t' entry of "Abandon _teardown". Whether it comes first is the hash map's order
     * (about every second start); here the table is grown until it does, then Alt+T must still abandon.
     */
    @Test
    void altTAbandonsAlsoWhenAnEmptyAltCapitalTEntryComesFirstInTheSceneMnemonics(FxRobot robot) throws Exception {
        Workbench wb = blockedTeardown(robot);
        // what JavaFX leaves behind: a "_T" button laid out in the window, then its text changed (MnemonicTables)
        boolean emptyFirst = fx(() -> MnemonicTables.emptyEntryFirst(
                app.stage().getScene(),
                (javafx.scene.layout.Pane) robot.lookup("#teardownBlockedPane").query(),
                "T"));
        org.junit.jupiter.api.Assumptions.assumeTrue(emptyFirst, "the hash map never put the empty entry first");
        robot.clickOn("#folderTree");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        robot.push(KeyCode.ALT, KeyCode.T);
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(WindowActions.text(robot, "#teardownResult")).contains("abandoned");
    }

    /**
     * The keyboard walk (2026-12-02): under GTK an Alt+letter mnemonic consumes the letter's key press before any
     * filter or the menu bar sees it, so the menu bar saw Alt pressed and released with nothing between, took it
     * for a lone Alt and kept the keys: the next Down opened File. The events are fired here in GTK's order
     * (Monocle's robot delivers the letter's press to the scene, which hides the fault).
     */
    @Test
    void anAltWhoseLetterFiredAMnemonicIsNoLoneAltForTheMenuBar(FxRobot robot) throws Exception {
        Workbench wb = blockedTeardown(robot);
        robot.clickOn("#folderTree");
        fx(() -> {
            javafx.scene.Scene scene = app.stage().getScene();
            javafx.event.Event.fireEvent(
                    scene.getFocusOwner(),
                    new javafx.scene.input.KeyEvent(
                            javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.ALT, false, false, true, false));
            // what the scene's mnemonic does with the letter: focus and fire "Abandon _teardown"
            javafx.scene.control.Button abandon =
                    robot.lookup("#abandonTeardownButton").queryButton();
            abandon.requestFocus();
            abandon.fire();
            javafx.event.Event.fireEvent(
                    scene.getFocusOwner(),
                    new javafx.scene.input.KeyEvent(
                            javafx.scene.input.KeyEvent.KEY_RELEASED, "", "", KeyCode.ALT, false, false, false, false));
            return null;
        });
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        robot.push(KeyCode.DOWN);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                        .filter(javafx.scene.control.Menu::isShowing)
                        .map(javafx.scene.control.Menu::getText)
                        .toList()))
                .isEmpty();
    }

    /** The window with its Logoff blocked by a fault, the teardown's blocked pane shown. */
    private Workbench blockedTeardown(FxRobot robot) throws Exception {
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=block");
        WindowActions.openLogoffDialog(robot);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> WindowActions.shown(robot, "#teardownBlockedPane"));
        return wb;
    }
}
