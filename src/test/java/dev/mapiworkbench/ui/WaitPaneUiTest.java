package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.focusedId;
import static dev.mapiworkbench.ui.WindowActions.openLogoffDialog;
import static dev.mapiworkbench.ui.WindowActions.send;
import static dev.mapiworkbench.ui.WindowActions.shown;
import static dev.mapiworkbench.ui.WindowActions.text;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * "Log off after sending" as a person waits through it (issue 10 item 7): the clock counts elapsed and
 * remaining time, the why-line says why nothing moves (offline, hung, failing transport), Cancel ends in a
 * summary that says "cancelled", logs it, offers Close and exports a transcript whose outcome is
 * {@code cancelled}; the timeout question's Esc and Enter do what its focused button says.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 150)
class WaitPaneUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static final Pattern CLOCK =
            Pattern.compile("Waited (\\d+):(\\d\\d) of 2:00 — (\\d+):(\\d\\d) left before the timeout question");

    private Workbench logOffAfterSending(FxRobot robot, String... options) throws Exception {
        Workbench wb = app.open(options);
        send(robot, wb, "alice@example.com", "Waits for the transport");
        openLogoffDialog(robot);
        robot.clickOn("#logoffAfterSendingButton");
        waitUntil(() -> shown(robot, "#teardownWaitPane"));
        return wb;
    }

    /** Every text the why-line shows from now on. */
    private static List<String> recordWhy(FxRobot robot) {
        List<String> seen = new CopyOnWriteArrayList<>();
        fx(() -> {
            Label why = robot.lookup("#waitWhy").queryAs(Label.class);
            seen.add(why.getText());
            why.textProperty().addListener((o, was, now) -> seen.add(now));
            return null;
        });
        return seen;
    }

    @Test
    void anOfflineTransportCountsTheWaitSaysWhyAndCancelLeavesTheSessionAndACancelledTranscript(FxRobot robot)
            throws Exception {
        Workbench wb = logOffAfterSending(robot, "--transport-offline", "--timeout", "120");

        // the clock counts: elapsed goes up, elapsed + remaining stays the timeout
        waitUntil(() -> {
            Matcher m = CLOCK.matcher(text(robot, "#waitClock"));
            return m.matches() && Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) >= 2;
        });
        Matcher m = CLOCK.matcher(text(robot, "#waitClock"));
        assertThat(m.matches()).as(text(robot, "#waitClock")).isTrue();
        int elapsed = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int left = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
        assertThat(elapsed + left).isBetween(119, 120);
        assertThat(text(robot, "#waitWhy")).contains("the transport is offline", "clear Offline");
        assertThat(shown(robot, "#waitWhy")).isTrue();

        robot.clickOn("#cancelWaitButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(text(robot, "#teardownResult"))
                .startsWith("Result: cancelled.")
                .contains("while waiting for the Outbox", "stays logged on");
        assertThat(fx(() -> wb.model().teardown().resultProperty().get())).isEqualTo("cancelled");
        assertThat(fx(() -> wb.model().notifications()))
                .anyMatch(l -> l.contains("Logoff cancelled") && l.contains("while waiting for the Outbox"));
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isTrue();
        assertThat(shown(robot, "#closeTeardownButton")).isTrue();
        assertThat(shown(robot, "#logonAgainButton")).isFalse();
        assertThat(shown(robot, "#teardownWaitPane")).isFalse();

        // Export transcript…: the file says the logoff was cancelled
        Path file = app.profile().resolve("cancelled.json");
        app.dialogs(FixtureDialogs.class).exportTo = file;
        robot.clickOn("#exportTranscriptButton");
        waitUntil(() -> Files.exists(file) && Files.size(file) > 0);
        assertThat(Files.readString(file)).containsPattern("\"outcome\"\\s*:\\s*\"cancelled\"");

        // Close: back to the mailbox, the message still queued
        robot.clickOn("#closeTeardownButton");
        waitUntil(() -> !wb.model().teardownVisibleProperty().get());
        assertThat(fx(() -> wb.model().outbox().stream().anyMatch(o -> o.pending())))
                .isTrue();
        assertThat(fx(() -> wb.model().tearingDownProperty().get())).isFalse();
    }

    @Test
    void aHungTransportIsNamedAsTheReasonNothingMoves(FxRobot robot) throws Exception {
        Workbench wb = logOffAfterSending(robot, "--transport-hang", "--timeout", "120");
        waitUntil(() -> text(robot, "#waitWhy").contains("the transport hangs while sending"));
        assertThat(text(robot, "#waitWhy")).contains("clear Hang");
        assertThat(text(robot, "#waitClock")).startsWith("Waited ").contains(" of 2:00 — ");
        robot.clickOn("#cancelWaitButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(fx(() -> wb.model().teardown().resultProperty().get())).isEqualTo("cancelled");
    }

    @Test
    void failingSendsAreCountedInTheWhyLineOnceTheTransportIsBackOnline(FxRobot robot) throws Exception {
        Workbench wb = app.open(
                "--transport-offline",
                "--transport-fail-every",
                "1",
                "--transport-latency",
                "3000",
                "--timeout",
                "120");
        send(robot, wb, "alice@example.com", "First to fail");
        send(robot, wb, "bob@example.com", "Second to fail");
        openLogoffDialog(robot);
        robot.clickOn("#logoffAfterSendingButton");
        waitUntil(() -> text(robot, "#waitWhy").contains("offline"));
        List<String> why = recordWhy(robot);

        // back online (the Transport tab stays usable during the wait): the transport fails every send
        robot.clickOn("#transportTab");
        robot.clickOn("#transportOffline");
        robot.clickOn("#transportApplyButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(why).anyMatch(w -> w.equals("1 message has failed so far: the transport fails every 1 send."));
        assertThat(fx(() -> wb.model().teardown().waitItems().stream()
                        .map(w -> w.stateProperty().get())
                        .toList()))
                .containsOnly("failed");
    }

    @Test
    void theTimeoutQuestionStartsOnKeepWaitingAndEscAndEnterDoWhatThatButtonSays(FxRobot robot) throws Exception {
        Workbench wb = logOffAfterSending(robot, "--transport-offline", "--timeout", "1");
        waitUntil(() -> robot.lookup("#waitTimeoutDialog").tryQuery().isPresent());
        waitUntil(() -> "timeoutKeepWaitingButton".equals(focusedId("#waitTimeoutDialog")));
        Button keep = robot.lookup("#timeoutKeepWaitingButton").queryButton();
        assertThat(fx(keep::isDefaultButton)).isTrue();
        assertThat(fx(keep::isCancelButton)).isTrue();

        // Esc: keep waiting (the wait goes on and asks again after the next period)
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#waitTimeoutDialog").tryQuery().isEmpty());
        assertThat(fx(() -> wb.model().teardown().waitPhaseProperty().get())).isTrue();
        assertThat(fx(() -> wb.model().teardown().finishedProperty().get())).isFalse();

        // Enter, asked again: keep waiting too
        waitUntil(() -> robot.lookup("#waitTimeoutDialog").tryQuery().isPresent());
        waitUntil(() -> "timeoutKeepWaitingButton".equals(focusedId("#waitTimeoutDialog")));
        robot.push(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#waitTimeoutDialog").tryQuery().isEmpty());
        assertThat(fx(() -> wb.model().teardown().finishedProperty().get())).isFalse();

        // the third time the person tabs to "Cancel logoff": Space presses the focused button
        waitUntil(() -> robot.lookup("#waitTimeoutDialog").tryQuery().isPresent());
        waitUntil(() -> "timeoutKeepWaitingButton".equals(focusedId("#waitTimeoutDialog")));
        for (int i = 0; i < 3 && !"timeoutCancelLogoffButton".equals(focusedId("#waitTimeoutDialog")); i++) {
            robot.push(KeyCode.TAB);
        }
        assertThat(focusedId("#waitTimeoutDialog")).isEqualTo("timeoutCancelLogoffButton");
        robot.push(KeyCode.SPACE);
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(fx(() -> wb.model().teardown().resultProperty().get())).isEqualTo("cancelled");
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isTrue();
        assertThat(shown(robot, "#closeTeardownButton")).isTrue();
    }
}
