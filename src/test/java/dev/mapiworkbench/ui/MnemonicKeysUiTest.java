package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The main window's Alt keys as a person presses them (issue 10, found under Openbox, decisions 0431 and 0510):
 * no two controls shown at the same time answer to one Alt+letter (JavaFX then moves the focus between them
 * instead of pressing one), so Alt+T abandons a blocked teardown whichever tab is open and Alt+O logs on again
 * after it; Alt+S opens the Session menu and Down, Down, Enter its Transport settings….
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class MnemonicKeysUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    /** Ctrl+1 … Ctrl+7 (View › tabs): every clash of mnemonics seen with each tab, prefixed by {@code state}. */
    static List<String> clashesOverAllTabs(FxRobot robot, String state) {
        List<String> clashes = new ArrayList<>();
        for (int tab = 1; tab <= 7; tab++) {
            robot.push(KeyCode.CONTROL, KeyCode.getKeyCode(Integer.toString(tab)));
            int t = tab;
            WindowActions.clashingMnemonics("#mainRoot").forEach(c -> clashes.add(state + ", tab " + t + ": " + c));
        }
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        return clashes;
    }

    @Test
    void altTAbandonsWithTheNotesTabOpenAndAltOLogsOnAgain(FxRobot robot) throws Exception {
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=block");
        robot.clickOn("#folderTree");
        List<String> clashes = new ArrayList<>(clashesOverAllTabs(robot, "logged on"));
        WindowActions.openLogoffDialog(robot);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> WindowActions.shown(robot, "#teardownBlockedPane"));
        clashes.addAll(clashesOverAllTabs(robot, "blocked teardown"));

        // the Notes tab's "Charter" label once answered to Alt+T as well: the focus went to the charter field
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT7);
        robot.push(KeyCode.ALT, KeyCode.T);
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(WindowActions.text(robot, "#teardownResult")).contains("abandoned");
        assertThat(wb.model().loggedOnProperty().get()).isFalse();
        assertThat(WindowActions.shown(robot, "#logonAgainButton")).isTrue();
        clashes.addAll(clashesOverAllTabs(robot, "abandoned summary"));

        // the toolbar's "Log _on" and the summary's "Log on again" once shared Alt+O: nothing logged on
        robot.push(KeyCode.ALT, KeyCode.O);
        waitUntil(() -> wb.model().loggedOnProperty().get());
        clashes.addAll(clashesOverAllTabs(robot, "logged on again"));
        assertThat(clashes).isEmpty();
    }

    @Test
    void altSDownDownEnterOpensTransportSettings(FxRobot robot) throws Exception {
        app.open();
        // as a person does: the menu is seen open (and stays open once Alt is released) before the arrows
        WindowActions.sessionMenuItemByKeys(robot, 2);
        waitUntil(() -> robot.lookup("#transportSettingsDialog").tryQuery().isPresent());
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#transportSettingsDialog").tryQuery().isEmpty());
    }
}
