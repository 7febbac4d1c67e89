package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Ctrl+Q while a teardown is blocked (issue 10, decision 0600): the window used to wait in silence for a run
 * that never ends (xvfb-check's "Ctrl+Q exits the app" failed so). Now it asks: Enter keeps the window,
 * Alt+A abandons the run and exits once its transcript is saved.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class ExitDuringTeardownUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private Workbench blockedTeardown(FxRobot robot) throws Exception {
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=block");
        WindowActions.openLogoffDialog(robot);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> WindowActions.shown(robot, "#teardownBlockedPane"));
        robot.clickOn("#folderTree");
        return wb;
    }

    /** The transcripts in the profile's history (decision 0841: saved before an Exit that waited for the run). */
    private java.util.List<java.nio.file.Path> savedRuns() throws java.io.IOException {
        java.nio.file.Path history = app.profile().resolve("history");
        if (!java.nio.file.Files.isDirectory(history)) {
            return java.util.List.of();
        }
        try (var files = java.nio.file.Files.list(history)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    private static void pressCtrlQ(FxRobot robot) throws Exception {
        robot.push(KeyCode.SHORTCUT, KeyCode.Q);
        waitUntil(() -> robot.lookup("#exitDuringTeardownDialog").tryQuery().isPresent());
    }

    @Test
    void ctrlQAsksEnterKeepsTheWindowAndAltAAbandonsAndExits(FxRobot robot) throws Exception {
        Workbench wb = blockedTeardown(robot);

        pressCtrlQ(robot);
        assertThat(fx(() -> robot.lookup("#exitDuringTeardownDialog")
                        .queryAs(DialogPane.class)
                        .getContentText()))
                .contains("Blocked for", "IMAPISession::Logoff(");
        assertThat(robot.lookup("#exitAbandonButton").tryQuery()).isPresent();
        robot.push(KeyCode.ENTER); // the default: keep the window
        waitUntil(() -> robot.lookup("#exitDuringTeardownDialog").tryQuery().isEmpty());
        assertThat(app.exits()).isZero();
        assertThat(fx(() -> wb.model().tearingDownProperty().get())).isTrue();
        assertThat(wb.model().notifications()).anyMatch(l -> l.contains("Exit cancelled"));

        pressCtrlQ(robot);
        robot.push(KeyCode.ALT, KeyCode.A);
        waitUntil(() -> app.exits() == 1);
        assertThat(savedRuns())
                .as("the exit came once the transcript was in the history")
                .hasSize(1);
        assertThat(fx(() -> wb.model().teardown().finishedProperty().get())).isTrue();
        assertThat(WindowActions.text(robot, "#teardownResult")).contains("abandoned", "IMAPISession::Logoff(");
    }

    @Test
    void escInTheExitDialogKeepsTheWindowAndExitWhenItEndsExitsOnceUnblocked(FxRobot robot) throws Exception {
        Workbench wb = blockedTeardown(robot);

        pressCtrlQ(robot);
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#exitDuringTeardownDialog").tryQuery().isEmpty());
        assertThat(app.exits()).isZero();

        pressCtrlQ(robot);
        robot.push(KeyCode.ALT, KeyCode.E); // exit when it ends: nothing yet, the call is still blocked
        waitUntil(() -> robot.lookup("#exitDuringTeardownDialog").tryQuery().isEmpty());
        assertThat(app.exits()).isZero();
        robot.clickOn("#unblockButton");
        waitUntil(() -> app.exits() == 1);
        assertThat(savedRuns())
                .as("the exit came once the transcript was in the history")
                .hasSize(1);
        assertThat(fx(() -> wb.model().teardown().finishedProperty().get())).isTrue();
        assertThat(WindowActions.text(robot, "#teardownResult")).doesNotContain("abandoned");
    }
}
