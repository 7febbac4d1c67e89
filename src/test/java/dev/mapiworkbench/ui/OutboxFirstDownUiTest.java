package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Outbox queue reached by Tab has its only row focused but none selected (the walk of 2026-12-02, item 15): the
 * first Down must select the focused row (JavaFX moved the focus past it, and on the only row did nothing), so that
 * Retry / Delete have a message.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class OutboxFirstDownUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @Test
    void theFirstDownSelectsTheFocusedOnlyRow(FxRobot robot) throws Exception {
        var wb = app.open("--transport-offline");
        WindowActions.send(robot, wb, "alice@example.com", "Only one");
        TableView<?> table = robot.lookup("#outboxTable").queryAs(TableView.class);
        waitUntil(() -> fx(() -> table.getItems().size()) == 1);
        // as Tab leaves it: the table focused, its row focused, nothing selected
        fx(() -> {
            table.getSelectionModel().clearSelection();
            table.requestFocus();
            table.getFocusModel().focus(0);
            return null;
        });
        waitUntil(() -> fx(table::isFocused));
        robot.push(KeyCode.DOWN);
        waitUntil(() -> fx(() -> table.getSelectionModel().getSelectedIndex()) == 0);
        assertThat(fx(() -> wb.model().selectedMessageProperty().get())).isNotNull();
    }
}
