package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.choose;
import static dev.mapiworkbench.ui.WindowActions.openLogoffDialog;
import static dev.mapiworkbench.ui.WindowActions.send;
import static dev.mapiworkbench.ui.WindowActions.shown;
import static dev.mapiworkbench.ui.WindowActions.text;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import javafx.scene.control.CheckBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * What a teardown reports, as a person reads it (issue 10 items 6 and 8): the provider's answer ("Finish
 * sending" or "Leave in Outbox") is what the summary says and what happened to the message; the CE plan's
 * heading says in one line why it ends with leaks; "Log on again" after an abandoned teardown works.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class TeardownOutcomesUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static final String SUBJECT = "In flight at logoff";

    private static boolean queued(Workbench wb) {
        return fx(() -> wb.model().outbox().stream().anyMatch(o -> o.subject().equals(SUBJECT) && o.pending()));
    }

    /** Logs off now while the message is being sent and answers the transport's question with choice {@code n}. */
    private static void logOffAndAnswer(FxRobot robot, Workbench wb, int n, String expected) throws Exception {
        waitUntil(() -> wb.model().outbox().stream()
                .anyMatch(o -> o.subject().equals(SUBJECT) && o.state().equals("sending")));
        openLogoffDialog(robot);
        assertThat(fx(() -> robot.lookup("#allowLogoffUiCheck")
                        .queryAs(CheckBox.class)
                        .isSelected()))
                .isTrue();
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> robot.lookup("#providerQuestionDialog").tryQuery().isPresent());
        assertThat(text(robot, "#providerChoice" + n)).isEqualTo(expected);
        robot.clickOn("#providerChoice" + n);
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
    }

    @Test
    void theProvidersAnswerIsWhatTheSummaryReportsAndWhatHappensToTheMessage(FxRobot robot) throws Exception {
        // slow enough that the message is still in flight when Logoff asks
        Workbench wb = app.open("--transport-latency", "20000");
        send(robot, wb, "alice@example.com", SUBJECT);

        // "Leave in Outbox": the send is aborted, the message waits for the next logon
        logOffAndAnswer(robot, wb, 1, "Leave in Outbox");
        assertThat(text(robot, "#promptLine-0"))
                .contains("Simulated SMTP Transport asked", "Finish sending '" + SUBJECT + "'")
                .endsWith("answer: Leave in Outbox");
        assertThat(fx(() -> wb.model().notifications())).anyMatch(l -> l.endsWith("answer: Leave in Outbox"));
        robot.clickOn("#logonAgainButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> queued(wb));

        // "Finish sending": Logoff lets the transport finish; the message has gone at the next logon
        logOffAndAnswer(robot, wb, 0, "Finish sending");
        assertThat(fx(() -> wb.model().teardown().prompts())).hasSize(1);
        assertThat(text(robot, "#promptLine-0")).endsWith("answer: Finish sending");
        robot.clickOn("#logonAgainButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> !queued(wb));
        assertThat(fx(() -> wb.model().pendingCountProperty().get())).isZero();
    }

    @Test
    void theCePlansHeadingSaysInOneLineWhyItEndsWithLeaks(FxRobot robot) throws Exception {
        Workbench wb = app.open();
        openLogoffDialog(robot);
        choose(robot, "#teardownPlanChoice", Plan.CE);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("IMAPISession::Logoff(0, 0, 0)");
        assertThat(shown(robot, "#teardownPlanNote")).isTrue();
        assertThat(text(robot, "#teardownPlanNote"))
                .isEqualTo(TeardownViewModel.CE_LEAKS)
                .doesNotContain("\n");
        // and it does end with leaks: the summary lists them, the result is not clean
        assertThat(fx(() -> wb.model().teardown().leaks())).isNotEmpty();
        assertThat(text(robot, "#leakLine-0")).startsWith("Leak: ");
        assertThat(fx(() -> wb.model().teardown().resultProperty().get())).isNotEqualTo("clean");

        // the desktop plan has no such line
        robot.clickOn("#logonAgainButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        openLogoffDialog(robot);
        choose(robot, "#teardownPlanChoice", Plan.DESKTOP);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(shown(robot, "#teardownPlanNote")).isFalse();
    }

    @Test
    void logOnAgainAfterAnAbandonedTeardownGivesAWorkingSession(FxRobot robot) throws Exception {
        Workbench wb = app.open("--fault", "IMAPISession::Logoff=block", "--transport-offline");
        openLogoffDialog(robot);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> shown(robot, "#teardownBlockedPane"));
        robot.clickOn("#abandonTeardownButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(text(robot, "#teardownResult")).contains("abandoned");
        assertThat(shown(robot, "#logonAgainButton")).isTrue();

        robot.clickOn("#logonAgainButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> !wb.model().folders().isEmpty());
        assertThat(fx(() -> wb.model().teardownVisibleProperty().get())).isFalse();
        // the new session works: a message goes into its Outbox
        send(robot, wb, "bob@example.com", "After the abandoned one");
        assertThat(fx(() -> wb.model().outbox().stream()
                        .anyMatch(o -> o.subject().equals("After the abandoned one") && o.pending())))
                .isTrue();
        assertThat(wb.client().state()).isEqualTo(dev.mapiworkbench.client.SessionState.LOGGED_ON);
    }
}
