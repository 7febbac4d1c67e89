package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchUiTest.fx;
import static dev.mapiworkbench.ui.WorkbenchUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.teardown.TranscriptHistory;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * File › Log on with flags… with MAPI_ALLOW_OTHERS typed in (issue 14 item 5): the session is shared because
 * the flags the logon passed say so, not because of {@code --shared} — the session view says "(shared)", a
 * simulated peer joins, the logoff dialog offers MAPI_LOGOFF_SHARED beside the Logoff page's warning, and the
 * run's record in the history says shared.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 300)
class SharedByLogonFlagsUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }

    @Test
    void allowOthersTypedInTheLogonFlagsMakesTheSessionSharedEverywhere(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon");
        robot.clickOn("#fileMenu");
        robot.clickOn("#logonWithFlagsMenuItem");
        waitUntil(() -> robot.lookup("#logonExFlagsField").tryQuery().isPresent());
        robot.clickOn("#logonExFlagsField")
                .push(KeyCode.CONTROL, KeyCode.A)
                .write("MAPI_EXTENDED|MAPI_UNICODE|MAPI_USE_DEFAULT|MAPI_ALLOW_OTHERS");
        waitUntil(() -> text(robot, "#logonExFlagsDecoded").contains("MAPI_ALLOW_OTHERS"));
        assertThat(text(robot, "#logonExFlagsDecoded")).doesNotContain("MAPI_NEW_SESSION");
        robot.push(KeyCode.ENTER);

        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> fx(() -> wb.model().sessionStateProperty().get()).contains("(shared)"));
        assertThat(wb.client().isShared()).isTrue();
        assertThat(wb.client()
                        .capability(SharedSessionControl.class)
                        .orElseThrow()
                        .peers())
                .as("the simulated peer a shared session this client owns gets")
                .anyMatch(SharedSessionControl.Peer::loggedOn);

        robot.clickOn("#logoffButton");
        waitUntil(() -> robot.lookup("#logoffSharedCheck").tryQuery().isPresent());
        // both pages side by side: the 8-step page's flag offered, unticked, under the Logoff page's warning
        assertThat(fx(() -> robot.lookup("#logoffSharedCheck")
                        .queryAs(CheckBox.class)
                        .isSelected()))
                .isFalse();
        assertThat(text(robot, "#logoffSharedWarning")).contains("never pass MAPI_LOGOFF_SHARED");
        robot.clickOn("#logoffSharedCheck");
        robot.clickOn("#logoffNowButton");

        waitUntil(() -> !wb.model().loggedOnProperty().get()
                && !wb.gateway().readHistory().isEmpty());
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("MAPI_LOGOFF_SHARED");
        List<TranscriptHistory.Entry> history = wb.gateway().readHistory();
        assertThat(history).hasSize(1);
        assertThat(TranscriptJson.read(history.get(0).file()).run().logon().shared())
                .as("the run's record: shared, from the flags the logon passed")
                .isTrue();
    }
}
