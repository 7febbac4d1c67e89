package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.mapi.TransportSettings;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Transport tab's Enter (issue 10, decision 0601): typing 8000 + Enter in the latency spinner used to commit
 * the number and apply nothing, with "The running transport: …" the only sign. Enter now applies, as Apply does,
 * and "Not applied yet" shows while the fields differ from the running transport.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class TransportEnterAppliesUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private Workbench wb;

    private TransportSettings running() {
        return wb.gateway().transportSettings().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Spinner<Integer> latencyField(FxRobot robot) throws Exception {
        wb = app.open("--transport-latency", "3000");
        robot.clickOn("#transportTab");
        Spinner<Integer> latency = robot.lookup("#transportLatency").queryAs(Spinner.class);
        waitUntil(() -> latency.getValue() == 3000);
        assertThat(WindowActions.shown(robot, "#transportNotApplied")).isFalse();
        robot.clickOn(latency.getEditor());
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write("8000");
        return latency;
    }

    @Test
    void enterInTheLatencyFieldAppliesWhatWasTyped(FxRobot robot) throws Exception {
        latencyField(robot);
        robot.push(KeyCode.ENTER);
        waitUntil(() -> running().latencyMillis() == 8000);
        waitUntil(() -> WindowActions.text(robot, "#transportCurrent").contains("8000 ms"));
        assertThat(WindowActions.shown(robot, "#transportNotApplied")).isFalse();

        // Enter on a switch applies it as well: a click ticks "Offline", Enter applies it
        robot.clickOn("#transportOffline");
        assertThat(WindowActions.shown(robot, "#transportNotApplied")).isTrue();
        robot.push(KeyCode.ENTER);
        waitUntil(() -> running().offline());
        waitUntil(() -> !WindowActions.shown(robot, "#transportNotApplied"));
    }

    @Test
    void typedWithoutEnterShowsNotAppliedYetUntilApply(FxRobot robot) throws Exception {
        latencyField(robot);
        waitUntil(() -> WindowActions.shown(robot, "#transportNotApplied"));
        assertThat(running().latencyMillis()).isEqualTo(3000);
        assertThat(WindowActions.text(robot, "#transportCurrent")).contains("3000 ms");

        // typed back to the running value: nothing to apply, the hint goes
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write("3000");
        waitUntil(() -> !WindowActions.shown(robot, "#transportNotApplied"));

        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write("4500");
        waitUntil(() -> WindowActions.shown(robot, "#transportNotApplied"));
        robot.clickOn("#transportApplyButton");
        waitUntil(() -> running().latencyMillis() == 4500);
        waitUntil(() -> !WindowActions.shown(robot, "#transportNotApplied"));
        assertThat(fx(() -> robot.lookup("#transportNotApplied").query().isManaged()))
                .isFalse();
    }
}
