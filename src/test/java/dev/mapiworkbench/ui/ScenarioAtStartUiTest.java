package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.List;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window started with {@code --scenario NAME} puts the whole scenario in force, as File › Open scenario…
 * does (issue #13 item 1): its mail is queued after the first logon.
 */
@ExtendWith(ApplicationExtension.class)
class ScenarioAtStartUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    /** The subjects the Outbox table lists. */
    @SuppressWarnings("unchecked")
    private static List<String> outboxSubjects(FxRobot robot) {
        TableView<SessionGateway.OutboxInfo> table =
                robot.lookup("#outboxTable").queryAs(TableView.class);
        return fx(() -> table.getItems().stream()
                .map(SessionGateway.OutboxInfo::subject)
                .toList());
    }

    @Test
    void aBuiltinScenarioWithQueuedMailShowsItInTheOutbox(FxRobot robot) throws Exception {
        // transport-down: two messages on an offline transport, so they stay in the Outbox
        Workbench wb = app.open("--scenario", "transport-down");
        FixtureDialogs dialogs = app.dialogs(FixtureDialogs.class);
        waitUntil(() -> wb.model().pendingCountProperty().get() == 2 || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).isEmpty();
        waitUntil(() -> outboxSubjects(robot).size() == 2);
        assertThat(outboxSubjects(robot)).containsExactly("Workbench message 1 of 2", "Workbench message 2 of 2");
        assertThat(wb.model().pendingCountProperty().get()).isEqualTo(2);
        assertThat(wb.gateway().transportSettings().orElseThrow().offline()).isTrue();
        assertThat(fx(() -> robot.lookup("#statusScenario").queryLabeled().getText()))
                .startsWith("Scenario: transport-down");
    }
}
