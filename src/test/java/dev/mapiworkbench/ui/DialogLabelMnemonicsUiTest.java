package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A dialog's form labels: Alt+letter focuses the labelled field (docs/automation.md), and nothing is typed
 * into the field that had the focus. Found by the keyboard walk of 2026-12-02 under Xvfb + Openbox: in the
 * compose dialog Alt+U and Alt+B did nothing and the letters went on into To (decision 0711).
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class DialogLabelMnemonicsUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static boolean focused(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).query().isFocused());
    }

    @Test
    void altTUAndBFocusToSubjectAndBodyOfTheComposeDialog(FxRobot robot) throws Exception {
        app.open("--transport-offline");
        robot.clickOn("#messageTable");
        robot.push(KeyCode.CONTROL, KeyCode.N);
        waitUntil(() -> robot.lookup("#composeTo").tryQuery().isPresent()
                && robot.lookup("#composeTo").query().isFocused());
        robot.clickOn("#composeTo").write("bob@example.com");
        robot.push(KeyCode.ALT, KeyCode.U);
        waitUntil(() -> focused(robot, "#composeSubject"));
        robot.write("Walk");
        robot.push(KeyCode.ALT, KeyCode.B);
        waitUntil(() -> focused(robot, "#composeBody"));
        robot.write("Body text");
        robot.push(KeyCode.ALT, KeyCode.T);
        waitUntil(() -> focused(robot, "#composeTo"));

        assertThat(fx(() -> robot.lookup("#composeTo")
                        .queryAs(javafx.scene.control.TextField.class)
                        .getText()))
                .isEqualTo("bob@example.com");
        assertThat(fx(() -> robot.lookup("#composeSubject")
                        .queryAs(javafx.scene.control.TextField.class)
                        .getText()))
                .isEqualTo("Walk");
        assertThat(fx(() -> robot.lookup("#composeBody")
                        .queryAs(javafx.scene.control.TextArea.class)
                        .getText()))
                .isEqualTo("Body text");
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#composeDialog").tryQuery().isEmpty());
    }

    private static boolean ticked(FxRobot robot, String id) {
        return fx(() ->
                robot.lookup(id).queryAs(javafx.scene.control.CheckBox.class).isSelected());
    }

    @Test
    void aCheckBoxLetterInTheLogoffDialogTicksItAndTheLogoffStepsThrough(FxRobot robot) throws Exception {
        var wb = app.open("--transport-offline");
        WindowActions.openLogoffDialog(robot);
        waitUntil(() -> robot.lookup("#stepThroughCheck").tryQuery().isPresent());
        assertThat(ticked(robot, "#stepThroughCheck")).isFalse();

        robot.push(KeyCode.ALT, KeyCode.T); // Step _through
        waitUntil(() -> ticked(robot, "#stepThroughCheck") && focused(robot, "#stepThroughCheck"));
        robot.push(KeyCode.ALT, KeyCode.DIGIT8); // Strict _8 steps: on, then off again
        waitUntil(() -> ticked(robot, "#strict8StepsCheck"));
        robot.push(KeyCode.ALT, KeyCode.DIGIT8);
        waitUntil(() -> !ticked(robot, "#strict8StepsCheck"));
        // Alt+F belongs to "Pass these Logoff flags as typed", inside the collapsed Advanced part: untouched
        robot.push(KeyCode.ALT, KeyCode.F);
        assertThat(ticked(robot, "#rawLogoffFlagsCheck")).isFalse();
        assertThat(ticked(robot, "#stepThroughCheck")).isTrue();

        robot.push(KeyCode.ALT, KeyCode.N); // Log off _now: the first step waits for Next
        waitUntil(() -> wb.model().tearingDownProperty().get());
        waitUntil(() -> robot.lookup("#runToEndButton").tryQuery().isPresent()
                && robot.lookup("#runToEndButton").query().isVisible());
        robot.push(KeyCode.ALT, KeyCode.R); // Run to end
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        WindowActions.awaitTestSessionWrites(wb);
    }

    /**
     * JavaFX's empty mnemonic entry (decision 0700) in a dialog's own scene: the main window's scene was tidied, the
     * dialogs' were not, so an Alt+letter there could do nothing by the hash map's luck. With one installer for
     * every window (decision 0800) Alt+N ("Log off _now") still logs off from the logoff dialog when an empty
     * Alt+'N' entry comes first in its table (the capital's entry sorts before the small letter's in most table
     * sizes, the order that failed under Openbox).
     */
    @Test
    void altNLogsOffFromTheLogoffDialogAlsoWhenAnEmptyEntryComesFirstInItsMnemonics(FxRobot robot) throws Exception {
        var wb = app.open("--transport-offline");
        WindowActions.openLogoffDialog(robot);
        boolean emptyFirst = fx(() -> {
            javafx.scene.Node list = robot.lookup("#logoffDialog").query();
            // "Log off _now" is Alt+'n'; the control left behind had "_N"
            return MnemonicTables.emptyEntryFirst(
                    list.getScene(),
                    (javafx.scene.layout.Pane)
                            robot.lookup("#stepThroughCheck").query().getParent(),
                    "N");
        });
        org.junit.jupiter.api.Assumptions.assumeTrue(emptyFirst, "the hash map never put the empty entry first");
        robot.push(KeyCode.ALT, KeyCode.N);
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isEmpty());
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        WindowActions.awaitTestSessionWrites(wb);
    }
}
