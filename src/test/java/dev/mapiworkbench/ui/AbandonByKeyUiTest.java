package dev.mapiworkbench.ui;

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
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=block");
        WindowActions.openLogoffDialog(robot);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> WindowActions.shown(robot, "#teardownBlockedPane"));
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
}
