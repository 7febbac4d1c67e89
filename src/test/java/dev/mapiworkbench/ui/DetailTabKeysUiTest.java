package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The tabs under the mail views by the keyboard (issue 10, found driving the window under Openbox): Ctrl+1 …
 * Ctrl+7 and View › "… tab" show a tab and put the focus inside it, so the next key goes to its table or field.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class DetailTabKeysUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static final List<String> TABS = List.of(
            "openObjectsTab", "notificationsTab", "transportTab", "faultsTab", "peersTab", "historyTab", "notesTab");

    private static final KeyCode[] DIGITS = {
        KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7
    };

    private static String selectedTab(FxRobot robot) {
        return fx(() -> robot.lookup("#detailTabs")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .getSelectedItem()
                .getId());
    }

    /** True when the window's focus owner lies inside the selected tab's content. */
    private static boolean focusInSelectedTab(FxRobot robot) {
        return fx(() -> {
            TabPane tabs = robot.lookup("#detailTabs").queryAs(TabPane.class);
            Node content = tabs.getSelectionModel().getSelectedItem().getContent();
            for (Node n = tabs.getScene().getFocusOwner(); n != null; n = n.getParent()) {
                if (n == content) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void ctrlAndADigitShowsThatTabAndFocusesIt(FxRobot robot) throws Exception {
        app.open();
        robot.clickOn("#folderTree");
        // backwards, so each press changes the tab (the first tab is selected at start)
        for (int i = TABS.size() - 1; i >= 0; i--) {
            String expected = TABS.get(i);
            robot.push(KeyCode.CONTROL, DIGITS[i]);
            waitUntil(() -> expected.equals(selectedTab(robot)) && focusInSelectedTab(robot));
        }
        // the focus is in the Open objects table: the arrow keys move its selection, not the folder tree's
        robot.push(KeyCode.DOWN);
        assertThat(fx(() -> robot.lookup("#openObjectsTable")
                        .queryAs(javafx.scene.control.TableView.class)
                        .getSelectionModel()
                        .getSelectedIndex()))
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void theViewMenuShowsTheHistoryTab(FxRobot robot) throws Exception {
        app.open();
        robot.clickOn("#viewMenu");
        robot.clickOn("#showTab-historyTab");
        waitUntil(() -> "historyTab".equals(selectedTab(robot)) && focusInSelectedTab(robot));
    }
}
