package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.addFault;
import static dev.mapiworkbench.ui.WindowActions.logOffByKeyboard;
import static dev.mapiworkbench.ui.WindowActions.send;
import static dev.mapiworkbench.ui.WindowActions.shown;
import static dev.mapiworkbench.ui.WindowActions.stepStates;
import static dev.mapiworkbench.ui.WindowActions.text;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Every fault kind through the window (issue #13 "Tests": "each fault kind has a test … through the window"), as a
 * tester injects it: typed into the Faults tab's field and added with Enter, then a logoff from the keyboard
 * (Alt+G, Enter). Each test reads what the person sees: the step's row and calls with the HRESULT, the blocked
 * pane and the Faults tab's Release, the notification log's line marked late after Unadvise, the wait ended by
 * fnevCriticalError, the leak report. (The leak fault from a scenario: {@link FaultConsequencesUiTest}.)
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 240)
class FaultKindsUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static boolean finished(Workbench wb) {
        return wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get();
    }

    /**
     * The shape the cases share: the window open and logged on, {@code fault} typed into the Faults tab and added
     * with Enter, then a logoff from the keyboard (Alt+G, Enter). Returns once the logoff has started.
     */
    private Workbench logOffWithFault(FxRobot robot, String fault) throws Exception {
        Workbench wb = app.open();
        addFault(robot, fault);
        logOffByKeyboard(robot);
        return wb;
    }

    /** {@link #logOffWithFault}, then the wait for the end of the teardown. */
    private Workbench logOffWithFaultToTheEnd(FxRobot robot, String fault) throws Exception {
        Workbench wb = logOffWithFault(robot, fault);
        waitUntil(() -> finished(wb));
        return wb;
    }

    private static String calls(FxRobot robot, String stepId) {
        return fx(() ->
                robot.lookup("#calls-" + stepId).queryAs(TextInputControl.class).getText());
    }

    /** Shows the Notifications tab (Ctrl+2) and returns its list. */
    private static ListView<String> notificationLog(FxRobot robot) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        waitUntil(() -> robot.lookup("#notificationLog").tryQuery().isPresent());
        return robot.lookup("#notificationLog").queryListView();
    }

    @Test
    void anHresultFaultFailsItsStepWithTheHresultByNameAndHexAndTheRestStillRuns(FxRobot robot) throws Exception {
        Workbench wb = logOffWithFaultToTheEnd(robot, "IMAPISession::Logoff=MAPI_E_CALL_FAILED");

        assertThat(stepStates(robot, "logoff")).contains("failed");
        assertThat(calls(robot, "logoff")).contains("IMAPISession::Logoff", "MAPI_E_CALL_FAILED (0x80004005)");
        assertThat(stepStates(robot, "release-session")).contains("done");
        assertThat(stepStates(robot, "mapi-uninitialize")).contains("done");
        assertThat(text(robot, "#teardownResult")).contains("errors");
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aBlockedStoreReleaseShowsInThePanelAndTheFaultsTabReleasesIt(FxRobot robot) throws Exception {
        Workbench wb = logOffWithFault(robot, "IMsgStore::Release#1=block");
        waitUntil(() -> shown(robot, "#teardownBlockedPane"));
        assertThat(text(robot, "#blockedText")).contains("IMsgStore::Release");
        assertThat(stepStates(robot, "release-objects")).contains("running");

        // the Faults tab lists the blocked call; the person selects the fault and presses Release
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        TableView<FaultsViewModel.FaultRow> table = robot.lookup("#faultsTable").queryTableView();
        waitUntil(() -> table.getItems().stream().anyMatch(FaultsViewModel.FaultRow::isBlocking));
        robot.clickOn(robot.lookup("#faultsTable .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getScene() != null && r.getItem() != null)
                .queryAs(javafx.scene.Node.class));
        waitUntil(() -> !robot.lookup("#faultReleaseButton").queryButton().isDisabled());
        robot.clickOn("#faultReleaseButton");

        waitUntil(() -> finished(wb));
        assertThat(stepStates(robot, "release-objects")).contains("done");
        WindowActions.scrollIntoView(robot, "#showAllCalls-release-objects");
        robot.clickOn("#showAllCalls-release-objects");
        waitUntil(() -> !robot.lookup("#calls-release-objects")
                .queryAs(TextInputControl.class)
                .getText()
                .contains("more"));
        assertThat(calls(robot, "release-objects")).contains("IMsgStore::Release");
        assertThat(text(robot, "#teardownResult")).doesNotContain("abandoned");
        assertThat(stepStates(robot, "mapi-uninitialize")).contains("done");
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aLateNotificationAfterUnadviseIsLoggedAsLateAndTheTeardownEndsNormally(FxRobot robot) throws Exception {
        Workbench wb = logOffWithFaultToTheEnd(robot, "IMsgStore::Unadvise=late-notify");
        assertThat(stepStates(robot, "unadvise")).contains("done");
        assertThat(stepStates(robot, "mapi-uninitialize")).contains("done");

        ListView<String> shown = notificationLog(robot);
        waitUntil(() -> shown.getItems().stream().anyMatch(l -> l.contains("after IMsgStore::Unadvise")));
        assertThat(fx(() -> List.copyOf(shown.getItems())))
                .filteredOn(l -> l.contains("after IMsgStore::Unadvise"))
                .hasSize(1)
                .allMatch(l -> l.contains("late") && l.contains("store '") && l.contains("fnevObject"));
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aCriticalErrorDuringTheWaitStopsTheWaitAndTheTeardownGoesOnWithoutUi(FxRobot robot) throws Exception {
        // a slow transport: the message is still queued when the after-sending wait calls FlushQueues
        Workbench wb = app.open("--transport-latency", "60000");
        send(robot, wb, "alice@example.com", "Still queued at the critical error");
        addFault(robot, "IMAPIStatus::FlushQueues=critical-error");
        logOffByKeyboard(robot); // with mail pending the default is "Log off after sending"
        waitUntil(() -> finished(wb));

        assertThat(stepStates(robot, "flush-outbox")).contains("warning");
        assertThat(fx(() -> robot.lookup("#step-flush-outbox .step-reason")
                        .queryLabeled()
                        .getText()))
                .contains("fnevCriticalError", "stopped waiting");
        assertThat(stepStates(robot, "logoff")).contains("done");
        assertThat(calls(robot, "logoff"))
                .as("no MAPI_LOGOFF_UI on the critical-error path")
                .doesNotContain("MAPI_LOGOFF_UI");
        ListView<String> log = notificationLog(robot);
        assertThat(fx(() -> List.copyOf(log.getItems()))).anyMatch(l -> l.contains("fnevCriticalError"));
        assertThat(robot.lookup("#providerQuestionDialog").tryQuery()).isEmpty();
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aLeakFaultTypedInTheFaultsTabShowsInTheLeakReport(FxRobot robot) throws Exception {
        Workbench wb = logOffWithFaultToTheEnd(robot, "IMsgStore::Release=leak");
        waitUntil(() -> robot.lookup("#leakLine-0").tryQuery().isPresent());
        assertThat(text(robot, "#leakLine-0")).startsWith("Leak: ").contains("Mailbox");
        assertThat(text(robot, "#teardownResult")).contains("Leaks: 1");
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aTimedBlockFromABuiltinScenarioHoldsTheLogoffStepAndEndsByItself(FxRobot robot) throws Exception {
        // File › Built-in scenarios › logoff-blocks: IMAPISession::Logoff=block:3000
        Workbench wb = app.open("--no-logon");
        ScenarioMenuUiTest.openBuiltinScenario(robot, "logoff-blocks");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        assertThat(ScenarioMenuUiTest.faults(wb)).containsExactly("IMAPISession::Logoff=block:3000");

        robot.clickOn("#folderTree");
        logOffByKeyboard(robot);
        waitUntil(() -> shown(robot, "#teardownBlockedPane"));
        assertThat(text(robot, "#blockedText")).contains("IMAPISession::Logoff(");
        assertThat(stepStates(robot, "logoff")).contains("running");
        // nobody releases it: the call returns after its three seconds and the teardown goes on
        waitUntil(() -> finished(wb));
        assertThat(stepStates(robot, "logoff")).contains("done");
        assertThat(fx(() -> wb.model()
                        .teardown()
                        .find(dev.mapiworkbench.teardown.StepId.LOGOFF)
                        .orElseThrow()
                        .durationMicrosProperty()
                        .get()))
                .isGreaterThanOrEqualTo(2_900_000L);
        assertThat(fx(() -> robot.lookup("#step-logoff .step-duration")
                        .queryLabeled()
                        .getText()))
                .isNotBlank();
        assertThat(shown(robot, "#teardownBlockedPane")).isFalse();
        assertThat(stepStates(robot, "mapi-uninitialize")).contains("done");
        WindowActions.awaitTestSessionWrites(wb);
    }
}
