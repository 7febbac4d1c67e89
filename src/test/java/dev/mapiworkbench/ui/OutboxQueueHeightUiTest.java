package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Issue 10 item 16, found under Openbox: at 1180×760 with mail in the message list, the Outbox queue table showed
 * one or two rows. Now it shows at least five, and the message list above it still several (decision 0602).
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class OutboxQueueHeightUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    /** How many whole rows of {@code table} its viewport shows (the rows drawn inside it from top to bottom). */
    private static long wholeRowsShown(FxRobot robot, String table) {
        return fx(() -> {
            Node flow = robot.lookup(table + " .virtual-flow").query();
            Bounds view = flow.localToScene(flow.getLayoutBounds());
            return robot.lookup(table + " .table-row-cell").queryAll().stream()
                    .filter(Node::isVisible)
                    .filter(r -> r instanceof javafx.scene.control.TableRow<?> row && !row.isEmpty())
                    .map(r -> r.localToScene(r.getLayoutBounds()))
                    .filter(b -> b.getMinY() >= view.getMinY() - 0.5 && b.getMaxY() <= view.getMaxY() + 0.5)
                    .count();
        });
    }

    @Test
    void atTheDefaultSizeTheQueueShowsFiveRowsAndTheMessageListSeveral(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path scenario = dir.resolve("queued.json");
        Files.writeString(scenario, """
                {
                  "schema": "mapi-workbench/scenario/v1",
                  "name": "queued-eight",
                  "purpose": "Eight messages stay queued on an offline transport.",
                  "watchFor": "The Outbox table and the message list both show several of them.",
                  "start": { "queued": 8 },
                  "transport": { "offline": true }
                }
                """);
        Workbench wb = app.open("--scenario", scenario.toString());
        fx(() -> {
            app.stage().setWidth(1180);
            app.stage().setHeight(760);
            return null;
        });
        waitUntil(() -> wb.model().pendingCountProperty().get() == 8);
        @SuppressWarnings("unchecked")
        TableView<SessionGateway.MessageInfo> messages =
                robot.lookup("#messageTable").queryAs(TableView.class);
        waitUntil(() -> messages.getItems().size() >= 8);
        waitUntil(() -> wholeRowsShown(robot, "#outboxTable") >= 1 && wholeRowsShown(robot, "#messageTable") >= 1);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(wholeRowsShown(robot, "#outboxTable"))
                .as("whole Outbox rows at 1180x760")
                .isGreaterThanOrEqualTo(5);
        assertThat(wholeRowsShown(robot, "#messageTable"))
                .as("whole message rows at 1180x760")
                .isGreaterThanOrEqualTo(4);
    }
}
