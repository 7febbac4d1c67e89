package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A provider that blocks Logoff (issue 10 item 6): the panel counts how long the call has been blocked,
 * names it, and offers Abandon and Unblock; the transport controls stay reachable meanwhile.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class BlockedTeardownUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private Workbench logOffNowWithLogoffBlocked(FxRobot robot) throws Exception {
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=block");
        robot.interact(() -> {
            app.stage().setWidth(800);
            app.stage().setHeight(550);
        });
        robot.clickOn("#logoffButton");
        waitUntil(() -> robot.lookup("#logoffNowButton").tryQuery().isPresent());
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> robot.lookup("#teardownBlockedPane").query().isVisible());
        return wb;
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Labeled.class).getText());
    }

    /** The node is shown and lies inside the window (nothing of it is cut off by the window's edge). */
    private static void assertInsideTheWindow(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        assertThat(fx(n::isVisible)).as(id + " visible").isTrue();
        Bounds b = fx(() -> n.localToScene(n.getBoundsInLocal()));
        double w = fx(() -> n.getScene().getWidth());
        double h = fx(() -> n.getScene().getHeight());
        assertThat(b.getMinX()).as(id).isGreaterThanOrEqualTo(0);
        assertThat(b.getMinY()).as(id).isGreaterThanOrEqualTo(0);
        assertThat(b.getMaxX()).as(id).isLessThanOrEqualTo(w);
        assertThat(b.getMaxY()).as(id).isLessThanOrEqualTo(h);
    }

    @Test
    void aBlockedLogoffCountsNamesTheCallAndAbandonEndsTheRunNamingTheBlocker(FxRobot robot) throws Exception {
        Workbench wb = logOffNowWithLogoffBlocked(robot);
        assertThat(text(robot, "#blockedText"))
                .contains("Blocked for", "'Log off the session", "IMAPISession::Logoff(");
        // it counts: the seconds go up while the call stays blocked
        waitUntil(() -> text(robot, "#blockedText").matches("Blocked for ([2-9]|\\d\\d+) s.*"));
        assertInsideTheWindow(robot, "#abandonTeardownButton");
        assertInsideTheWindow(robot, "#unblockButton");

        // the transport controls stay reachable while the panel is shown (800×550)
        robot.clickOn("#transportTab");
        WaitForAsyncUtils.waitForFxEvents();
        assertInsideTheWindow(robot, "#transportApplyButton");
        assertInsideTheWindow(robot, "#transportHang");
        robot.clickOn("#transportHang");
        assertThat(fx(() -> robot.lookup("#transportHang")
                        .queryAs(javafx.scene.control.CheckBox.class)
                        .isSelected()))
                .isTrue();

        robot.clickOn("#abandonTeardownButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        String result = text(robot, "#teardownResult");
        assertThat(result).contains("abandoned", "IMAPISession::Logoff(", "'Log off the session");
        assertThat(fx(() -> wb.model()
                        .teardown()
                        .find(StepId.LOGOFF)
                        .map(StepViewModel::state)
                        .orElseThrow()))
                .isEqualTo(StepState.ABANDONED);
        assertThat(fx(() -> robot.lookup("#step-logoff")
                        .query()
                        .getPseudoClassStates()
                        .toString()))
                .contains("abandoned");
        assertThat(fx(() -> wb.model()
                        .teardown()
                        .find(StepId.RELEASE_SESSION)
                        .map(StepViewModel::state)
                        .orElseThrow()))
                .isEqualTo(StepState.SKIPPED);
        assertThat(fx(() -> wb.model().tearingDownProperty().get())).isFalse();
        assertThat(wb.model().notifications()).anyMatch(l -> l.contains("abandoned"));

        // the window closes at once (no logoff dialog: nothing is logged on any more) although the MAPI
        // thread is still blocked in Logoff; that thread is a daemon, so it cannot hold the process's exit
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().startsWith("teardown-"))
                .isNotEmpty()
                .allMatch(Thread::isDaemon);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(
                () -> app.stage().fireEvent(new WindowEvent(app.stage(), WindowEvent.WINDOW_CLOSE_REQUEST))));
        waitUntil(() -> !app.stage().isShowing());
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isEmpty();
    }

    @Test
    void unblockReleasesTheFaultAndTheTeardownEndsAsUsual(FxRobot robot) throws Exception {
        Workbench wb = logOffNowWithLogoffBlocked(robot);
        robot.clickOn("#unblockButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(fx(() -> wb.model()
                        .teardown()
                        .find(StepId.LOGOFF)
                        .map(StepViewModel::state)
                        .orElseThrow()))
                .isIn(StepState.DONE, StepState.WARNING);
        assertThat(fx(() -> robot.lookup("#teardownBlockedPane").query().isVisible()))
                .isFalse();
        assertThat(text(robot, "#teardownResult")).doesNotContain("abandoned");
    }
}
