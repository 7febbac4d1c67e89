package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.openLogoffDialog;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Issue 10 item 16, the teardown at the three sizes: with a summary full of leaks and findings (a failing
 * Logoff) the step list still gets the larger part of the panel.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class TeardownLayoutUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static double height(Node n) {
        Bounds b = fx(() -> n.localToScene(n.getBoundsInLocal()));
        return b.getHeight();
    }

    @Test
    void atEachSizeNoStepTitleIsElidedAndTheStepsKeepTheLargerPart(FxRobot robot) throws Exception {
        // a failing Logoff: the summary lists findings and leaks, its largest form
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=MAPI_E_CALL_FAILED");
        openLogoffDialog(robot);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(fx(() -> wb.model().teardown().findings())).isNotEmpty();

        // 1920x1080 as far as this screen has room (Monocle's is 1280x800): a window larger than the screen is
        // fitted to it (decision 0801); the real 1920x1080 is xvfb-check's (teardown-blocked-1920x1080.png)
        var screen = fx(() -> javafx.stage.Screen.getPrimary().getVisualBounds());
        double[] largest = {Math.min(1920, screen.getWidth()), Math.min(1080, screen.getHeight())};
        for (double[] size : new double[][] {{800, 550}, {1180, 760}, largest}) {
            robot.interact(() -> {
                app.stage().setWidth(size[0]);
                app.stage().setHeight(size[1]);
            });
            waitUntil(() -> app.stage().getWidth() == size[0]);
            String at = (int) size[0] + "x" + (int) size[1];
            double steps = height(robot.lookup(".teardown-scroll").query());
            double summary = height(robot.lookup("#teardownSummary").query());
            assertThat(steps).as("step list vs summary at " + at).isGreaterThan(summary);
            // the StoreLogoff step's title names its sources: it wraps, it is never cut to "…" (decision 0431)
            assertThat(WindowActions.elided(robot.lookup(".teardown-scroll").query(), ".step-title"))
                    .as("step titles at " + at)
                    .isEmpty();
        }
    }
}
