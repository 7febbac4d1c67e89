package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Outbox queue's row actions (issue 14 item 6, issue 10 item 15): Abort submit on a queued or stuck
 * message with the HRESULT shown, and Delete of failed mail with a confirmation and the Delete key.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 400)
class OutboxActionsUiTest {

    private Workbench wb;

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    void open(String... extra) throws Exception {
        wb = app.open(extra);
    }

    void send(FxRobot robot, String subject) throws Exception {
        WindowActions.send(robot, wb, "alice@example.com", subject);
    }

    String state(String subject) {
        return fx(() -> wb.model().outbox().stream()
                .filter(o -> o.subject().equals(subject))
                .map(SessionGateway.OutboxInfo::state)
                .findFirst()
                .orElse("gone"));
    }

    /** Selects the row of {@code subject} with the keyboard (click the table, Home, Down…). */
    @SuppressWarnings("unchecked")
    void select(FxRobot robot, String subject) throws Exception {
        TableView<SessionGateway.OutboxInfo> table =
                robot.lookup("#outboxTable").queryAs(TableView.class);
        int row = fx(() -> {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).subject().equals(subject)) {
                    return i;
                }
            }
            return -1;
        });
        assertThat(row).isNotNegative();
        robot.clickOn(table).push(KeyCode.HOME);
        for (int i = 0; i < row; i++) {
            robot.push(KeyCode.DOWN);
        }
        waitUntil(() -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().subject().equals(subject));
    }

    /** The Outbox follows the spooler by notification; on a loaded machine that can take a while. */
    static void waitForState(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    String result(FxRobot robot) {
        return fx(() -> robot.lookup("#outboxActionResult").queryLabeled().getText());
    }

    @Test
    void abortSubmitOnAQueuedMessageSaysSOkAndLeavesItAsADraft(FxRobot robot) throws Exception {
        open("--transport-offline");
        send(robot, "Take it back");
        waitForState(() -> state("Take it back").equals("queued"));
        select(robot, "Take it back");
        assertThat(fx(() -> robot.lookup("#outboxDeleteButton").query().isDisabled()))
                .as("queued mail is not deleted here")
                .isTrue();
        robot.clickOn("#outboxAbortSubmitButton");
        waitUntil(() -> result(robot).contains("S_OK"));
        assertThat(result(robot))
                .startsWith("AbortSubmit \"Take it back\": S_OK")
                .contains("as a draft");
        try {
            waitForState(() -> state("Take it back").equals("draft"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    "state " + state("Take it back") + ", client " + wb.client().outboxSnapshot() + ", log "
                            + fx(() -> List.copyOf(wb.model().notifications())),
                    e);
        }
        assertThat(fx(() -> wb.model().notifications().stream().anyMatch(l -> l.contains("AbortSubmit"))))
                .isTrue();
    }

    @Test
    void abortSubmitOnAMessageTheSpoolerHoldsShowsUnableToAbort(FxRobot robot) throws Exception {
        open("--transport-hang");
        send(robot, "Stuck in the spooler");
        waitForState(() -> state("Stuck in the spooler").equals("sending"));
        select(robot, "Stuck in the spooler");
        // the table's context menu offers it too, enabled as the button is (opening the menu by a right
        // click is not checked: Monocle shows no context menu for it)
        TableView<?> table = robot.lookup("#outboxTable").queryAs(TableView.class);
        assertThat(fx(() -> table.getContextMenu().getItems().stream()
                        .filter(i -> "outboxAbortSubmitMenuItem".equals(i.getId()))
                        .findFirst()
                        .orElseThrow()
                        .isDisable()))
                .isFalse();
        robot.clickOn("#outboxAbortSubmitButton");
        waitUntil(() -> result(robot).contains("MAPI_E_UNABLE_TO_ABORT"));
        assertThat(result(robot))
                .contains("MAPI_E_UNABLE_TO_ABORT (0x80040114)")
                .contains("SUBMITFLAG_LOCKED");
        assertThat(state("Stuck in the spooler")).isEqualTo("sending");
    }

    @Test
    void failedMailIsDeletedByTheDeleteKeyAfterAConfirmationAndEscKeepsIt(FxRobot robot) throws Exception {
        open("--transport-fail-every", "1");
        send(robot, "Bounced");
        waitForState(() -> state("Bounced").startsWith("failed"));
        assertThat(fx(() -> robot.lookup("#outboxDeleteButton").query().isDisabled()))
                .isTrue();
        select(robot, "Bounced");
        assertThat(fx(() -> robot.lookup("#outboxAbortSubmitButton").query().isDisabled()))
                .as("failed mail is not in the queue")
                .isTrue();

        robot.push(KeyCode.DELETE);
        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#confirmDialog .header-panel .label")
                        .queryLabeled()
                        .getText()))
                .contains("Delete \"Bounced\" from the Outbox?");
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isEmpty());
        assertThat(state("Bounced")).startsWith("failed");

        select(robot, "Bounced");
        robot.push(KeyCode.DELETE);
        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#confirmOkButton").queryButton().isDefaultButton()))
                .isTrue();
        robot.push(KeyCode.ENTER);
        waitForState(() -> state("Bounced").equals("gone"));
        assertThat(result(robot))
                .contains("Deleted the failed message \"Bounced\"")
                .contains("S_OK");
    }
}
