package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.openLogoffDialog;
import static dev.mapiworkbench.ui.WindowActions.shown;
import static dev.mapiworkbench.ui.WindowActions.text;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import java.util.List;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Step-through as a person uses it (issue 10 item 9): the step about to run is highlighted, Cancel before
 * the first call leaves the session logged on, Run to end runs the rest; and every call of a step can be seen
 * and copied, HRESULTs with name and hex (item 12).
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 150)
class StepThroughAndCallsUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static boolean isNext(FxRobot robot, StepId id) {
        return fx(() -> robot.lookup("#step-" + id.id()).query().getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("next")));
    }

    private static List<StepId> nextSteps(Workbench wb) {
        return fx(() -> wb.model().teardown().steps().stream()
                .filter(s -> s.nextProperty().get())
                .map(StepViewModel::id)
                .toList());
    }

    private Workbench stepThrough(FxRobot robot) throws Exception {
        Workbench wb = app.open();
        openLogoffDialog(robot);
        robot.clickOn("#stepThroughCheck");
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> !robot.lookup("#nextStepButton").queryButton().isDisabled());
        return wb;
    }

    @Test
    void cancelBeforeTheFirstCallLeavesTheSessionLoggedOn(FxRobot robot) throws Exception {
        Workbench wb = stepThrough(robot);
        StepId first = fx(() -> wb.model().teardown().steps().get(0).id());
        assertThat(nextSteps(wb)).containsExactly(first);
        assertThat(isNext(robot, first)).isTrue();
        assertThat(shown(robot, "#runToEndButton")).isTrue();
        assertThat(fx(() -> robot.lookup("#cancelStepsButton").queryButton().isDisabled()))
                .isFalse();

        robot.clickOn("#cancelStepsButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(text(robot, "#teardownResult"))
                .startsWith("Result: cancelled.")
                .contains("step-through");
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isTrue();
        assertThat(wb.client().state()).isEqualTo(SessionState.LOGGED_ON);
        // no step ran: none is done, failed or warned
        assertThat(fx(() -> wb.model().teardown().steps().stream()
                        .map(StepViewModel::state)
                        .toList()))
                .doesNotContain(StepState.DONE, StepState.FAILED, StepState.WARNING, StepState.RUNNING);
        assertThat(fx(() -> wb.model().notifications()))
                .anyMatch(l -> l.contains("Logoff cancelled (in step-through)"));
        assertThat(shown(robot, "#nextStepButton")).isFalse();
        assertThat(isNext(robot, first)).isFalse();
        robot.clickOn("#closeTeardownButton");
        waitUntil(() -> !wb.model().teardownVisibleProperty().get());
        assertThat(fx(() -> wb.model().openObjects().stream()
                        .allMatch(o -> o.state().equals("valid"))))
                .isTrue();
    }

    @Test
    void afterTheFirstStepTheNextIsHighlightedCancelIsGoneAndRunToEndRunsTheRest(FxRobot robot) throws Exception {
        Workbench wb = stepThrough(robot);
        List<StepId> steps = fx(() ->
                wb.model().teardown().steps().stream().map(StepViewModel::id).toList());
        robot.clickOn("#nextStepButton");
        waitUntil(() -> nextSteps(wb).equals(List.of(steps.get(1))));
        assertThat(isNext(robot, steps.get(1))).isTrue();
        assertThat(isNext(robot, steps.get(0))).isFalse();
        assertThat(fx(() -> wb.model().teardown().steps().get(0).state().isFinished()))
                .isTrue();
        // the first step made its calls: the logoff can no longer be cancelled
        assertThat(fx(() -> robot.lookup("#cancelStepsButton").queryButton().isDisabled()))
                .isTrue();

        robot.clickOn("#runToEndButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(fx(() -> wb.model().teardown().steps().stream()
                        .allMatch(s -> s.state().isFinished())))
                .isTrue();
        assertThat(nextSteps(wb)).isEmpty();
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isFalse();
        assertThat(shown(robot, "#nextStepButton")).isFalse();
        assertThat(shown(robot, "#runToEndButton")).isFalse();
    }

    @Test
    void everyCallCanBeShownAndCopiedAndHresultsShowNameAndHex(FxRobot robot) throws Exception {
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=MAPI_E_CALL_FAILED");
        openLogoffDialog(robot);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());

        // HRESULTs: the name and the hex value (mapi-reference.md: MAPI_E_CALL_FAILED = 0x80004005)
        assertThat(fx(() ->
                        robot.lookup("#calls-logoff").queryAs(TextArea.class).getText()))
                .contains("MAPI_E_CALL_FAILED (0x80004005)");

        // the text is selectable: click into the first step's calls, Ctrl+A, Ctrl+C
        fx(() -> {
            Clipboard.getSystemClipboard().clear();
            return null;
        });
        String first = fx(() -> wb.model().teardown().steps().get(0).id().id());
        TextArea firstCalls = robot.lookup("#calls-" + first).queryAs(TextArea.class);
        WindowActions.scrollIntoView(robot, "#calls-" + first);
        robot.clickOn(firstCalls);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.push(KeyCode.CONTROL, KeyCode.C);
        waitUntil(() -> Clipboard.getSystemClipboard().hasString());
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(fx(firstCalls::getText));

        // a step with more calls than the row lists: "… and N more" and "Show all N calls"
        StepViewModel big = fx(() -> wb.model().teardown().steps().stream()
                .filter(s -> s.callCountProperty().get() > StepViewModel.SHOWN_CALLS)
                .findFirst()
                .orElseThrow());
        String id = big.id().id();
        int total = fx(() -> big.callCountProperty().get());
        TextArea calls = robot.lookup("#calls-" + id).queryAs(TextArea.class);
        String listed = fx(calls::getText);
        assertThat(listed).contains("… and " + (total - StepViewModel.SHOWN_CALLS) + " more");
        assertThat(fx(calls::isEditable)).isFalse();
        assertThat(text(robot, "#showAllCalls-" + id)).isEqualTo("Show all " + total + " calls");

        // Copy calls: every call on the clipboard, not just the ones listed
        fx(() -> {
            Clipboard.getSystemClipboard().clear();
            return null;
        });
        WindowActions.scrollIntoView(robot, "#copyCalls-" + id);
        robot.clickOn("#copyCalls-" + id);
        waitUntil(() -> Clipboard.getSystemClipboard().hasString());
        String copied = fx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(copied.split("\n")).hasSize(total);

        // Show all: the row lists them all, the link goes
        WindowActions.scrollIntoView(robot, "#showAllCalls-" + id);
        robot.clickOn("#showAllCalls-" + id);
        waitUntil(() -> !calls.getText().contains("more"));
        String all = fx(calls::getText);
        assertThat(all).isEqualTo(copied);
        assertThat(shown(robot, "#showAllCalls-" + id)).isFalse();
    }
}
