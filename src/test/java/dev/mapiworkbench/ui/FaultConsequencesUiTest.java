package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A fault kind through the window (issue #13 "Tests"): the leak fault of the built-in leaky-client, put in force
 * by {@code --scenario}, and the File menu's Log off: the teardown panel's summary shows the leaked store.
 */
@ExtendWith(ApplicationExtension.class)
class FaultConsequencesUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @Test
    void aLeakFaultShowsTheLeakedStoreInTheTeardownSummary(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logoff-ui", "--scenario", "leaky-client");
        robot.clickOn("#fileMenu");
        robot.clickOn("#logoffMenuItem");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(fx(() -> List.copyOf(wb.model().teardown().leaks()))).anyMatch(l -> l.contains("Mailbox"));
        waitUntil(() -> robot.lookup("#leakLine-0").tryQuery().isPresent());
    }
}
